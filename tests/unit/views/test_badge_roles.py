"""Pages find the badges they treat specially by the role the policy gives them, never by a badge id."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from generator.build import gather
from generator.checks.catalog import load_catalog
from generator.site.model import SiteModel
from generator.views.search import CERTIFICATION

# The demo badges that have a role, and the ids they are renamed to.
RENAMED = {"soc2": "soc2-type-2-report", "iso27001": "iso-27001-certified", "bug-bounty-participant": "bounty-pro"}


def _copy_with_policy(demo_data: Path, tmp_path: Path, edit: dict[str, str]) -> Path:
    data = tmp_path / "data"
    shutil.copytree(demo_data, data)
    policy = data / "program" / "policy.yaml"
    text = policy.read_text(encoding="utf-8")
    for pattern, replacement in edit.items():
        text, count = re.subn(pattern, replacement, text, flags=re.MULTILINE)
        assert count, f"the demo policy has no {pattern!r}"
    policy.write_text(text, encoding="utf-8")
    return data


def _special(model: SiteModel) -> tuple[object, ...]:
    """What the pages show through roles: certification sections, the bug bounty chart, certification filters."""
    certifications = tuple((p.id, p.certifications) for p in model.partners)
    bounty = next(chart for chart in model.charts if "bug bounty" in chart.title.casefold())
    filters = tuple(
        (url, tuple(value for key, value in record.filters if key == CERTIFICATION))
        for url, record in model.search.items()
        # Badge pages live at their ids' URLs, which a rename changes on purpose.
        if url.startswith(("partners/", "apps/"))
    )
    trend = next((chart for chart in model.trends.charts if chart.id == "trend-bug-bounty"), None)
    return certifications, bounty.bars, filters, trend


def test_renaming_the_special_badges_changes_no_page_that_finds_them(
    demo_data: Path, tmp_path: Path, as_of: dt.date
) -> None:
    edit = {rf"^(\s+- id: |\s+- |\s+badge: ){re.escape(old)}$": rf"\g<1>{new}" for old, new in RENAMED.items()}
    renamed = gather(_copy_with_policy(demo_data, tmp_path, edit), as_of)
    original = gather(demo_data, as_of)
    assert _special(renamed) == _special(original)
    assert any(p.certifications for p in original.partners)
    assert _special(original)[3] is not None
    assert any(key == CERTIFICATION for record in original.search.values() for key, _ in record.filters)


def test_a_role_given_to_no_badge_leaves_its_section_out(demo_data: Path, tmp_path: Path, as_of: dt.date) -> None:
    model = gather(_copy_with_policy(demo_data, tmp_path, {r"^    role: .*\n": ""}), as_of)
    assert all(p.certifications == () for p in model.partners)
    assert all(key != CERTIFICATION for record in model.search.values() for key, _ in record.filters)
    bounty = next(chart for chart in model.charts if "bug bounty" in chart.title.casefold())
    assert [bar.label for bar in bounty.bars] == ["Declare a bug bounty program", "No bug bounty program"]
    assert [chart.id for chart in model.trends.charts] == ["trend-coverage", "trend-grades"]


@pytest.mark.parametrize(
    ("badge", "role", "message"),
    [
        (
            "soc2",
            "bug-bounty-participation",
            "role 'bug-bounty-participation' needs a badge of level app, and 'soc2' has level partner",
        ),
        (
            "bug-bounty-participant",
            "iso27001-certification",
            "role 'iso27001-certification' needs a badge of level partner, and 'bug-bounty-participant' has level app",
        ),
    ],
)
def test_a_role_on_a_badge_of_the_wrong_level_is_a_located_error(
    demo_data: Path, tmp_path: Path, as_of: dt.date, badge: str, role: str, message: str
) -> None:
    # Swap the roles around: the badge gets a role of the other level, and its own role goes unused.
    pattern = rf"^(  - id: {re.escape(badge)}\n(?:    .*\n)*?)    role: .*$"
    data = _copy_with_policy(demo_data, tmp_path, {pattern: rf"\g<1>    role: {role}"})
    _, problems = load_catalog(data, as_of)
    wrong = [p for p in problems if p.code == "wrong-level"]
    assert [p.message for p in wrong] == [message]
    assert wrong[0].field_path.endswith(".role")
