"""The program month by month, swept over the trust events, against the engine judging every month's first day."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from bench.marketplace import Size, write_marketplace
from generator.checks.catalog import load_catalog
from generator.load.catalog import Catalog
from generator.load.problems import Severity
from generator.policy.engine import evaluate
from generator.policy.events import EventKind, TrustEvent, trust_events
from generator.policy.monthly import NOT_ASSESSED, OUT_OF_DATE, MonthState, month_days, monthly_states, program_start
from generator.records.policy import Policy
from generator.views.decisions import grade_currency_badges, grade_view

REPO = Path(__file__).resolve().parents[3]
AS_OF = dt.date(2026, 11, 24)


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _catalog(data: Path) -> tuple[Catalog, Policy]:
    catalog, problems = load_catalog(data, AS_OF)
    assert not [p for p in problems if p.severity is Severity.ERROR]
    assert catalog.policy is not None
    assert catalog.timeline is not None
    return catalog, catalog.policy.record


def _judged(catalog: Catalog, policy: Policy, day: dt.date) -> MonthState:
    """What `evaluate` decides as of the day, counted the way the monthly sweep counts."""
    evaluation = evaluate(catalog, policy, day)
    holders: Counter[str] = Counter()
    grades: Counter[str] = Counter()
    for decisions in evaluation.partners.values():
        for decision in (*decisions.badges, *(d for app in decisions.apps.values() for d in app)):
            holders[decision.badge] += decision.held
        grade = grade_view(decisions, policy)
        grades[NOT_ASSESSED if grade is None else grade.grade if grade.current else OUT_OF_DATE] += 1
    return MonthState(day, +holders, +grades)


def _swept(catalog: Catalog, policy: Policy) -> tuple[MonthState, ...]:
    assert catalog.timeline is not None
    events = trust_events(catalog, policy, AS_OF)
    start = program_start(catalog.timeline.record, events)
    return monthly_states(events, catalog.partners, month_days(start, AS_OF), grade_currency_badges(policy))


def _compare(catalog: Catalog, policy: Policy) -> int:
    states = _swept(catalog, policy)
    for state in states:
        expected = _judged(catalog, policy, state.day)
        assert state == expected, state.day
    return len(states)


def test_the_sweep_equals_the_engine_on_every_month_of_the_demo_data() -> None:
    catalog, policy = _catalog(REPO / "data")
    assert _compare(catalog, policy) == 104  # April 2018 (the first evidence) through November 2026


def test_the_sweep_equals_the_engine_on_every_month_of_a_synthetic_marketplace(tmp_path: Path) -> None:
    catalog, policy = _catalog(write_marketplace(tmp_path, Size(partners=24, apps=72), AS_OF))
    states = _swept(catalog, policy)
    # The comparison means something only if the marketplace's badges and grades do change over its life.
    assert len({tuple(sorted(s.holders.items())) for s in states}) > 20
    assert len({tuple(sorted(s.grades.items())) for s in states}) > 10
    assert _compare(catalog, policy) == len(states)


def _event(day: str, kind: EventKind, badge: str = "scan", app: str = "app") -> TrustEvent:
    return TrustEvent(d(day), "acme", app, kind, badge)


@pytest.mark.parametrize(
    ("events", "held"),
    [
        # Earned on the 1st: held that month.
        ([_event("2024-03-01", EventKind.BADGE_EARNED)], [0, 1, 1]),
        # Earned on the 2nd: not yet on the 1st.
        ([_event("2024-03-02", EventKind.BADGE_EARNED)], [0, 0, 1]),
        # Lost on the 1st: not held that month.
        ([_event("2024-01-15", EventKind.BADGE_EARNED), _event("2024-03-01", EventKind.BADGE_EXPIRED)], [1, 0, 0]),
        # Lost on the 2nd: still held on the 1st.
        ([_event("2024-01-15", EventKind.BADGE_EARNED), _event("2024-03-02", EventKind.BADGE_LOST)], [1, 1, 0]),
        # Expiring is still held; revoked is not.
        (
            [
                _event("2024-01-01", EventKind.BADGE_EARNED),
                _event("2024-02-10", EventKind.BADGE_EXPIRING),
                _event("2024-04-01", EventKind.BADGE_REVOKED),
            ],
            [1, 1, 0],
        ),
        ([_event("2024-01-01", EventKind.BADGE_EARNED), _event("2024-03-01", EventKind.BADGE_REVOKED)], [1, 0, 0]),
    ],
)
def test_an_event_on_the_first_of_a_month_counts_for_that_month(events: list[TrustEvent], held: list[int]) -> None:
    days = month_days(d("2024-02-01"), d("2024-04-01"))
    assert days == (d("2024-02-01"), d("2024-03-01"), d("2024-04-01"))
    assert [s.holders.get("scan", 0) for s in monthly_states(events, ["acme"], days, ())] == held


def test_a_grade_counts_in_its_colour_only_while_a_grade_badge_holds() -> None:
    events = [
        TrustEvent(d("2024-01-10"), "acme", "", EventKind.GRADE_CHANGED, "green"),
        _event("2024-01-10", EventKind.BADGE_EARNED, "assessed", app=""),
        _event("2024-03-01", EventKind.BADGE_EXPIRED, "assessed", app=""),
        TrustEvent(d("2024-04-01"), "acme", "", EventKind.GRADE_CHANGED, "red", "green"),
        _event("2024-04-01", EventKind.BADGE_EARNED, "assessed", app=""),
    ]
    days = month_days(d("2024-01-01"), d("2024-04-30"))
    states = monthly_states(events, ["acme", "globex"], days, ["assessed"])
    assert [dict(s.grades) for s in states] == [
        {NOT_ASSESSED: 2},
        {"green": 1, NOT_ASSESSED: 1},
        {OUT_OF_DATE: 1, NOT_ASSESSED: 1},
        {"red": 1, NOT_ASSESSED: 1},
    ]
    # Without grade badges in the policy, every grade is current.
    assert dict(monthly_states(events, ["acme"], days, ())[2].grades) == {"green": 1}


def test_month_days_run_from_the_start_month_through_the_as_of_day() -> None:
    assert month_days(d("2019-11-20"), d("2020-02-01")) == (
        d("2019-11-01"),
        d("2019-12-01"),
        d("2020-01-01"),
        d("2020-02-01"),
    )
    assert month_days(d("2020-03-16"), d("2020-03-31")) == (d("2020-03-01"),)
