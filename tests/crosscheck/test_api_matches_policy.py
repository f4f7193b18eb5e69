"""The published JSON API agrees with docs/policy.md, read independently (reference_policy.py), at many dates.

For every partner and app: each badge's state, provenance, expiry or lapse day, exemption and retirement,
each criterion's first shortfall, "changed since verified on …", and the tier with its standing, grant day
and grace. On the demo data at the days its stories turn, on the demo data with the cases it lacks
(scenarios.py), and on a synthetic marketplace (bench.marketplace).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bench.marketplace import Size, write_marketplace
from tests.crosscheck.api_comparison import differences, published_api
from tests.crosscheck.reference_policy import Reference, Subject, read_marketplace
from tests.crosscheck.scenarios import SCENARIO_DATES, write_scenarios

REPO = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 24)

# The dates, and the days (with the day before) on which a demo story turns.
DEMO_DATES = [
    "2020-06-01",  # before the program's tiers: Top Vendor held, to be retired
    "2021-01-01",  # Top Vendor retired on 2020-12-31: shown as retired with the receipt of that day
    "2021-01-13",
    "2023-06-30",
    "2025-07-01",
    "2026-01-14",  # Wobblebrook's Gold: the last day in good standing …
    "2026-01-15",  # … at risk from the first day a prerequisite stopped holding …
    "2026-03-15",  # … the last day of the 60 days of grace …
    "2026-03-16",  # … suspended
    "2026-05-31",  # Initech's ISO/IEC 27001 lapses on its expires_on
    "2026-10-31",  # Nimbus Noodle Roadmaps: the bug bounty program's last day (until) …
    "2026-11-01",  # … ended the day after; Nimbus Noodle's ISO certificate expires
    "2026-11-22",  # Velvet Anvil Audit's scan badge revoked from this day
    "2026-11-24",
    "2026-12-20",  # Acme Backup Vault's scan lapses on 2027-01-19: expiring from 30 days before
]


def _disagreements(data_root: Path, dates: list[dt.date]) -> list[str]:
    reference = Reference(read_marketplace(data_root))
    found: list[str] = []
    for as_of in dates:
        found += differences(published_api(data_root, as_of, TODAY), reference, as_of)
    return found


def test_the_demo_api_matches_the_policy_document() -> None:
    dates = [dt.date.fromisoformat(day) for day in DEMO_DATES]
    assert _disagreements(REPO / "data", dates) == []


def test_the_api_matches_the_policy_document_in_the_cases_the_demo_lacks(tmp_path: Path) -> None:
    data_root = write_scenarios(REPO / "data", tmp_path)
    assert _disagreements(data_root, [dt.date.fromisoformat(day) for day in SCENARIO_DATES]) == []


def test_a_synthetic_marketplace_api_matches_the_policy_document(tmp_path: Path) -> None:
    data_root = write_marketplace(tmp_path, Size(20, 60), TODAY)
    dates = [dt.date(2021, 6, 30), dt.date(2025, 3, 1), TODAY]
    assert _disagreements(data_root, dates) == []


def test_the_demo_dates_cover_every_state_and_standing() -> None:
    # A comparison only checks what the data shows: the dates above must show every state and standing.
    reference = Reference(read_marketplace(REPO / "data"))
    states, standings = set(), set()
    for day in (dt.date.fromisoformat(day) for day in DEMO_DATES):
        for partner, apps in reference.market.apps.items():
            standings.add(reference.tier(partner, day).standing)
            subjects = [Subject(partner), *(Subject(partner, app) for app in apps)]
            for subject in subjects:
                for badge in reference.policy["badges"]:
                    if badge["level"] == subject.level:
                        states.add(reference.badge(subject, badge["id"], day).state)
    assert states == {"revoked", "retired", "earned", "expiring", "exempt", "expired", "not-earned"}
    assert standings == {None, "pending", "good-standing", "at-risk", "suspended"}


@pytest.mark.parametrize(
    ("day", "state", "expires_on", "expired_on"),
    [
        # max_age_days 90 on a scan of 2026-10-20: held through 2027-01-18, lapses on 2027-01-19.
        ("2026-12-19", "earned", "2027-01-19", None),
        ("2026-12-20", "expiring", "2027-01-19", None),
        ("2027-01-18", "expiring", "2027-01-19", None),
        ("2027-01-19", "expired", None, "2027-01-19"),
    ],
)
def test_the_reference_reads_max_age_days_inclusively(
    day: str, state: str, expires_on: str | None, expired_on: str | None
) -> None:
    # The reference itself, at a boundary, so that agreement with the API means agreement with the document.
    reference = Reference(read_marketplace(REPO / "data"))
    result = reference.badge(
        Subject("acme-cloudworks", "acme-backup"), "vulnerability-scan-passed", dt.date.fromisoformat(day)
    )
    assert result.state == state
    assert result.expires_on == (expires_on and dt.date.fromisoformat(expires_on))
    assert result.expired_on == (expired_on and dt.date.fromisoformat(expired_on))
