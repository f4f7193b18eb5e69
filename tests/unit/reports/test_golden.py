"""The golden file of every decision: each demo partner's readiness report as of 2026-11-24, in id order.

tests/golden/decisions.txt is the reviewer-readable record of what the engine decides about the demo data. When a
change to the data, the policy or the engine changes a decision on purpose, regenerate it and review the diff
line by line, like code:

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/unit/reports/test_golden.py tests/unit/reports/test_readiness_and_diff.py

With UPDATE_GOLDEN=1 the tests rewrite the golden files instead of comparing them (and pass).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from generator.checks.catalog import load_catalog
from generator.load.catalog import Catalog
from generator.load.problems import Severity
from generator.policy.engine import evaluate
from generator.reports.readiness import readiness_report

REPO = Path(__file__).resolve().parents[3]
GOLDEN = REPO / "tests" / "golden"
AS_OF = dt.date(2026, 11, 24)


def assert_golden(path: Path, actual: str) -> None:
    """Compare with the golden file, or rewrite it when UPDATE_GOLDEN=1."""
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert path.exists(), f"{path} is missing: run with UPDATE_GOLDEN=1 to create it"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{path.name} differs: review the change, then run with UPDATE_GOLDEN=1"


@pytest.fixture(scope="module")
def demo_catalog() -> Catalog:
    catalog, problems = load_catalog(REPO / "data", AS_OF)
    assert not [p for p in problems if p.severity is Severity.ERROR]
    return catalog


def all_decisions(catalog: Catalog, as_of: dt.date) -> str:
    """Every partner's readiness report, in id order, separated by a blank line."""
    assert catalog.policy is not None
    policy = catalog.policy.record
    evaluation = evaluate(catalog, policy, as_of)
    return "\n".join(readiness_report(catalog, policy, evaluation, partner) for partner in sorted(catalog.partners))


def test_decisions_match_the_golden_file(demo_catalog: Catalog) -> None:
    assert_golden(GOLDEN / "decisions.txt", all_decisions(demo_catalog, AS_OF))


def test_golden_file_covers_every_demo_partner_once(demo_catalog: Catalog) -> None:
    text = (GOLDEN / "decisions.txt").read_text(encoding="utf-8")
    headings = [block.splitlines()[0] for block in text.split("\n\n")]
    assert [h.split(" (")[-1].split(")")[0] for h in headings] == sorted(demo_catalog.partners)
    assert all(h.endswith(", as of 2026-11-24") for h in headings)


def test_decisions_depend_on_the_date(demo_catalog: Catalog) -> None:
    # A golden file that did not move with the date would prove nothing about dated decisions.
    assert all_decisions(demo_catalog, AS_OF + dt.timedelta(days=1)) != all_decisions(demo_catalog, AS_OF)
