"""Trust events on the demo data: what changed and when, derived from the dated evidence and the policy."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from generator.checks.catalog import load_catalog
from generator.load.catalog import Catalog
from generator.load.located import Located
from generator.load.problems import Severity
from generator.policy.events import EventKind, TrustEvent, trust_events
from generator.records.evidence import Verification
from generator.records.policy import Policy

REPO = Path(__file__).resolve().parents[3]
AS_OF = dt.date(2026, 11, 24)


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    loaded, problems = load_catalog(REPO / "data", AS_OF)
    assert not [p for p in problems if p.severity is Severity.ERROR]
    return loaded


@pytest.fixture(scope="module")
def policy(catalog: Catalog) -> Policy:
    assert catalog.policy is not None
    return catalog.policy.record


@pytest.fixture(scope="module")
def events(catalog: Catalog, policy: Policy) -> tuple[TrustEvent, ...]:
    return trust_events(catalog, policy, AS_OF)


def of(events: tuple[TrustEvent, ...], partner: str, app: str = "", value: str | None = None) -> list[TrustEvent]:
    return [e for e in events if e.partner == partner and e.app == app and (value is None or e.value == value)]


def brief(events: list[TrustEvent]) -> list[tuple[str, str, str]]:
    return [(e.date.isoformat(), str(e.kind), e.value) for e in events]


# General properties --------------------------------------------------------------------------------------------


def test_events_are_sorted_dated_and_not_in_the_future(events: tuple[TrustEvent, ...]) -> None:
    assert len(events) > 100
    assert list(events) == sorted(events)
    assert all(e.date <= AS_OF for e in events)


def test_events_are_deterministic_and_independent_of_partner_order(
    catalog: Catalog, policy: Policy, events: tuple[TrustEvent, ...]
) -> None:
    assert trust_events(catalog, policy, AS_OF) == events
    reversed_catalog = dataclasses.replace(
        catalog,
        partners=dict(reversed(list(catalog.partners.items()))),
        verifications=dict(reversed(list(catalog.verifications.items()))),
    )
    assert trust_events(reversed_catalog, policy, AS_OF) == events


@pytest.mark.parametrize("cutoff", ["2020-12-31", "2024-02-29", "2025-10-13", "2026-11-10"])
def test_an_earlier_date_sees_exactly_the_events_up_to_it(
    catalog: Catalog, policy: Policy, events: tuple[TrustEvent, ...], cutoff: str
) -> None:
    # Nothing after the date may leak in, and nothing before it may depend on what comes later.
    assert trust_events(catalog, policy, d(cutoff)) == tuple(e for e in events if e.date <= d(cutoff))


def test_no_events_for_a_partner_with_nothing_verified(events: tuple[TrustEvent, ...]) -> None:
    assert [e for e in events if e.partner == "quibble-sons"] == []


@pytest.mark.parametrize(
    ("partner", "app", "badge"),
    [
        ("hooli-tools", "hooli-whiteboard", "vulnerability-scan-passed"),
        ("umbrella-labs", "umbrella-forms", "caiq-lite-passed"),
        ("velvet-anvil", "velvet-anvil-audit", "bug-bounty-participant"),
        ("globex-integrations", "", "soc2"),
    ],
)
def test_no_event_for_a_badge_that_never_changed(
    events: tuple[TrustEvent, ...], partner: str, app: str, badge: str
) -> None:
    assert of(events, partner, app, badge) == []


# Exact expectations --------------------------------------------------------------------------------------------


def test_acme_tier_history(events: tuple[TrustEvent, ...]) -> None:
    tiers = [e for e in of(events, "acme-cloudworks") if e.kind is EventKind.TIER_CHANGED]
    assert [(e.date, e.value, e.previous) for e in tiers] == [
        (d("2020-07-01"), "silver", ""),
        (d("2022-01-10"), "gold", "silver"),
        (d("2024-07-01"), "platinum", "gold"),
    ]


def test_globex_grade_history(events: tuple[TrustEvent, ...]) -> None:
    grades = [e for e in of(events, "globex-integrations") if e.kind is EventKind.GRADE_CHANGED]
    assert [(e.date, e.value, e.previous) for e in grades] == [
        (d("2021-02-10"), "red", ""),
        (d("2022-09-14"), "orange", "red"),
        (d("2024-12-10"), "green", "orange"),
    ]


def test_acme_second_green_assessment_is_no_grade_change(events: tuple[TrustEvent, ...]) -> None:
    grades = [e for e in of(events, "acme-cloudworks") if e.kind is EventKind.GRADE_CHANGED]
    assert [(e.date, e.value) for e in grades] == [(d("2023-05-12"), "green")]


def test_nimbus_iso_certificate_expired(events: tuple[TrustEvent, ...]) -> None:
    # Issued 2023-11-01, expires 2026-11-01: expiring 30 days before, expired on the expiry date.
    assert [(e.date, e.kind, e.until) for e in of(events, "nimbus-noodle", value="iso27001")] == [
        (d("2023-11-01"), EventKind.BADGE_EARNED, None),
        (d("2026-10-02"), EventKind.BADGE_EXPIRING, d("2026-11-01")),
        (d("2026-11-01"), EventKind.BADGE_EXPIRED, None),
    ]


def test_velvet_anvil_iso_certificate_expiring(events: tuple[TrustEvent, ...]) -> None:
    assert [(e.date, e.kind, e.until) for e in of(events, "velvet-anvil", value="iso27001")] == [
        (d("2023-12-11"), EventKind.BADGE_EARNED, None),
        (d("2026-11-10"), EventKind.BADGE_EXPIRING, d("2026-12-10")),
    ]


def test_hooli_search_bug_bounty_expiring(events: tuple[TrustEvent, ...]) -> None:
    # Metrics of 2026-06-01 hold 180 days, through 2026-11-28.
    latest = of(events, "hooli-tools", "hooli-search", "bug-bounty-participant")[-1]
    assert (latest.date, latest.kind, latest.until) == (d("2026-10-30"), EventKind.BADGE_EXPIRING, d("2026-11-29"))


def test_globex_connector_bug_bounty_history(events: tuple[TrustEvent, ...]) -> None:
    # Metrics of 2023-09-01 lapse on 2024-02-29 (a leap day); the next metrics come on 2026-09-01. The declared
    # start alone is the partner's word: maintainers vouch for the tenure from their first measurement
    # (2023-09-01), so the badge, which needs verified evidence, is earned 90 days later.
    assert brief(of(events, "globex-integrations", "globex-connector", "bug-bounty-participant")) == [
        ("2023-11-30", "badge-earned", "bug-bounty-participant"),
        ("2024-01-30", "badge-expiring", "bug-bounty-participant"),
        ("2024-02-29", "badge-expired", "bug-bounty-participant"),
        ("2026-09-01", "badge-earned", "bug-bounty-participant"),
    ]


def test_a_retired_badge_is_lost_the_day_after_its_retirement(events: tuple[TrustEvent, ...]) -> None:
    assert [(e.date, e.kind, e.previous) for e in of(events, "acme-cloudworks", value="top-vendor")] == [
        (d("2018-04-01"), EventKind.BADGE_EARNED, ""),
        (d("2020-12-02"), EventKind.BADGE_EXPIRING, ""),
        (d("2021-01-01"), EventKind.BADGE_LOST, "retired"),
    ]


def test_an_exemption_is_not_an_event(events: tuple[TrustEvent, ...]) -> None:
    assert of(events, "paperclip-parade", "paperclip-emoji-picker", "vulnerability-scan-passed") == []


# The sweep -----------------------------------------------------------------------------------------------------


def test_the_sweep_catches_a_tenure_reached_on_a_day_with_no_evidence(catalog: Catalog, policy: Policy) -> None:
    # Give Brew Tracker (bug bounty since 2026-11-14) enough researchers: the badge then waits only for the 90-day
    # tenure, reached on 2027-02-12, a day on which nothing is dated.
    located = catalog.verifications["zephyr-teapot"]
    data = located.record.model_dump(mode="json")
    data["apps"]["zephyr-brew-tracker"]["bug_bounty_metrics"][-1]["researchers_engaged"] = 20
    # Maintainers confirm the declared start, so the tenure is verified from it.
    data["apps"]["zephyr-brew-tracker"]["program_checks"] = [
        {
            "checked_on": "2026-11-20",
            "outcome": "confirmed",
            "vouches_for": {"platform": "Bountyfield", "since": "2026-11-14"},
        }
    ]
    record = Verification.model_validate_json(json.dumps(data))
    changed = dataclasses.replace(
        catalog, verifications={**catalog.verifications, "zephyr-teapot": Located(record, located.document)}
    )
    as_of = d("2027-03-01")
    earned = of(trust_events(changed, policy, as_of), "zephyr-teapot", "zephyr-brew-tracker")
    assert brief([e for e in earned if e.kind is EventKind.BADGE_EARNED and "bug-bounty" in e.value]) == [
        ("2027-02-12", "badge-earned", "bug-bounty-participant"),
        ("2027-02-12", "badge-earned", "caiq-lite-and-bug-bounty"),
    ]
    dated = json.dumps(data) + catalog.partners["zephyr-teapot"].record.model_dump_json()
    dated += "".join(app.model_dump_json() for app in catalog.apps_of("zephyr-teapot"))
    assert "2027-02-12" not in dated
    # And the day before, it has not happened yet.
    before = of(trust_events(changed, policy, d("2027-02-11")), "zephyr-teapot", "zephyr-brew-tracker")
    assert [e for e in before if "bug-bounty" in e.value] == []
