"""`python -m bench --quick`: the benchmark runs end to end on a small synthetic marketplace (no timing asserted)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.marketplace import Size, write_marketplace
from generator.checks.catalog import load_catalog
from generator.load.problems import Severity

REPO = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2026, 11, 24)


def test_the_synthetic_marketplace_is_valid_and_deterministic(tmp_path: Path) -> None:
    first = write_marketplace(tmp_path / "one", Size(30, 90), AS_OF, seed=7)
    second = write_marketplace(tmp_path / "two", Size(30, 90), AS_OF, seed=7)
    catalog, problems = load_catalog(first, AS_OF)
    assert [p for p in problems if p.severity is Severity.ERROR] == []
    assert (len(catalog.partners), len(catalog.apps)) == (30, 90)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
    # What the benchmark needs to be realistic: apps with programs, partners with and without evidence.
    assert any(app.record.bug_bounty for app in catalog.apps.values())
    assert len(catalog.verifications) < len(catalog.partners)


@pytest.mark.slow
def test_bench_quick_measures_every_step(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--output", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    (size,) = report["sizes"]
    steps = (
        "validate",
        "validate, warm cache",
        "validate, one record changed",
        "gather",
        "gather, warm cache",
        "cold build",
    )
    for step in (*steps, "rebuild, nothing changed", "rebuild, one record changed"):
        assert step in size
    # The pull request's three checks ran to the end (a check that fails stops the bench).
    assert size["pull request checks, one record changed"]["cpu_median_s"] > 0
    assert size["validate, warm cache"]["cpu_median_s"] > 0
    assert {"load and check", "evaluate", "trust events", "pages", "other outputs", "search index"} <= set(
        size["stages"]
    )
    assert size["files"]["count"] > 60
    # Every app page of the quick marketplace is within the limit (tests/integration/test_listing_pages.py
    # checks the same pages page by page).
    pages = size["app page"]
    assert pages["count"] == 60
    assert 0 < pages["median_bytes"] <= pages["largest_bytes"] <= pages["limit_bytes"] == 20 * 1024
    assert size["cold build"]["peak_mib"] > 0
    first_search = size["first search, bytes over the wire (gzip)"]
    assert first_search["bytes"] > 0
    table = (tmp_path / "results.md").read_text(encoding="utf-8")
    assert table == result.stdout.removesuffix("\n")
    assert "| cold build |" in table
    assert "| pull request checks, one record changed |" in table
    assert f"| app page, largest | {pages['largest_bytes']:,} bytes |" in table
    assert "| first search, bytes over the wire (gzip) |" in table
