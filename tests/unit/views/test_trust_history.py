"""The trust history picture: spans of each badge's and the tier's states, from the events, and their geometry."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.checks.catalog import load_catalog
from generator.policy.engine import BadgeDecision, BadgeState
from generator.policy.events import EventKind, TrustEvent
from generator.records.evidence import Exemption, Revocation
from generator.records.policy import Badge
from generator.views.trust_history import (
    MIN_SPAN,
    PLOT,
    WIDTH,
    Span,
    TrustHistoryView,
    badge_spans,
    tier_spans,
    trust_history,
)

AS_OF = dt.date(2026, 11, 24)
K = EventKind


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def event(on: str, kind: EventKind, value: str = "scan", app: str = "app", previous: str = "") -> TrustEvent:
    return TrustEvent(day(on), "partner", app, kind, value, previous)


def decision(state: BadgeState, badge: str = "scan") -> BadgeDecision:
    return BadgeDecision(badge, "partner", "app", state, ())


def exemption(granted: str, expires: str, badge: str = "scan") -> Exemption:
    return Exemption.model_validate(
        {"badge": badge, "reason": "The app stores no data.", "granted_on": day(granted), "expires_on": day(expires)}
    )


def revocation(revoked: str, until: str | None = None, badge: str = "scan") -> Revocation:
    fields: dict[str, object] = {
        "badge": badge,
        "revoked_on": day(revoked),
        "reason": "Scan report forged.",
        "approved_by": "maintainer",
        "reference": "https://example.com/revocations/1",
    }
    if until is not None:
        fields["until"] = day(until)
    return Revocation.model_validate(fields)


@pytest.fixture(scope="module")
def badge(demo_data: Path, as_of: dt.date) -> Badge:
    catalog, _ = load_catalog(demo_data, as_of)
    assert catalog.policy is not None
    return catalog.policy.record.badge("vulnerability-scan-passed").model_copy(update={"id": "scan"})


def states(spans: tuple[Span, ...]) -> list[tuple[str, str, str]]:
    return [(span.look, span.start.isoformat(), span.end.isoformat()) for span in spans]


def test_earned_then_expiring_then_expired(badge: Badge) -> None:
    events = [
        event("2026-01-10", K.BADGE_EARNED),
        event("2026-03-12", K.BADGE_EXPIRING),
        event("2026-04-11", K.BADGE_EXPIRED),
    ]
    spans = badge_spans(events, (), (), badge, decision(BadgeState.EXPIRED), AS_OF)
    assert states(spans) == [
        ("earned", "2026-01-10", "2026-03-12"),
        ("expiring", "2026-03-12", "2026-04-11"),
        ("expired", "2026-04-11", "2026-11-25"),
    ]
    assert [span.label for span in spans] == ["Earned", "Expiring", "Expired"]


def test_a_badge_earned_again(badge: Badge) -> None:
    events = [
        event("2025-01-10", K.BADGE_EARNED),
        event("2025-04-11", K.BADGE_EXPIRED),
        event("2026-02-01", K.BADGE_EARNED),
    ]
    spans = badge_spans(events, (), (), badge, decision(BadgeState.EARNED), AS_OF)
    assert states(spans) == [
        ("earned", "2025-01-10", "2025-04-11"),
        ("expired", "2025-04-11", "2026-02-01"),
        ("earned", "2026-02-01", "2026-11-25"),
    ]


def test_revoked_until_the_as_of_day(badge: Badge) -> None:
    events = [event("2026-11-20", K.BADGE_EARNED), event("2026-11-22", K.BADGE_REVOKED)]
    spans = badge_spans(events, (), [revocation("2026-11-22")], badge, decision(BadgeState.REVOKED), AS_OF)
    assert states(spans) == [("earned", "2026-11-20", "2026-11-22"), ("revoked", "2026-11-22", "2026-11-25")]


def test_a_revocation_that_ended(badge: Badge) -> None:
    # No event marks the end of a revocation when the badge does not hold then: the record does.
    events = [event("2025-01-10", K.BADGE_EARNED), event("2025-06-01", K.BADGE_REVOKED)]
    revocations = [revocation("2025-06-01", until="2025-08-31")]
    spans = badge_spans(events, (), revocations, badge, decision(BadgeState.NOT_EARNED), AS_OF)
    assert states(spans) == [("earned", "2025-01-10", "2025-06-01"), ("revoked", "2025-06-01", "2025-09-01")]


def test_exempt_without_ever_being_held(badge: Badge) -> None:
    spans = badge_spans((), [exemption("2026-02-02", "2027-02-01")], (), badge, decision(BadgeState.EXEMPT), AS_OF)
    assert states(spans) == [("exempt", "2026-02-02", "2026-11-25")]


def test_an_exemption_that_ended_before_the_badge_was_earned(badge: Badge) -> None:
    events = [event("2026-10-14", K.BADGE_EARNED)]
    exemptions = [exemption("2025-03-01", "2025-12-31")]
    spans = badge_spans(events, exemptions, (), badge, decision(BadgeState.EARNED), AS_OF)
    assert states(spans) == [("exempt", "2025-03-01", "2026-01-01"), ("earned", "2026-10-14", "2026-11-25")]


def test_exempt_after_the_evidence_lapsed_then_expired(badge: Badge) -> None:
    # Held, then lost while an exemption covers it; once the exemption ends no event says the badge is
    # expired: the decision as of the day does.
    events = [event("2025-01-10", K.BADGE_EARNED), event("2025-04-11", K.BADGE_LOST, previous="exempt")]
    exemptions = [exemption("2025-03-01", "2025-12-31")]
    spans = badge_spans(events, exemptions, (), badge, decision(BadgeState.EXPIRED), AS_OF)
    assert states(spans) == [
        ("earned", "2025-01-10", "2025-04-11"),
        ("exempt", "2025-04-11", "2026-01-01"),
        ("expired", "2026-01-01", "2026-11-25"),
    ]


def test_held_beats_exempt_and_revoked_beats_held(badge: Badge) -> None:
    events = [event("2025-05-01", K.BADGE_EARNED), event("2025-07-01", K.BADGE_REVOKED)]
    spans = badge_spans(
        events,
        [exemption("2025-03-01", "2025-12-31")],
        [revocation("2025-07-01")],
        badge,
        decision(BadgeState.REVOKED),
        AS_OF,
    )
    assert states(spans) == [
        ("exempt", "2025-03-01", "2025-05-01"),
        ("earned", "2025-05-01", "2025-07-01"),
        ("revoked", "2025-07-01", "2026-11-25"),
    ]


def test_a_retired_badge_ends_on_its_retirement(badge: Badge) -> None:
    retired = badge.model_copy(update={"retired_on": day("2025-12-31")})
    events = [event("2025-01-10", K.BADGE_EARNED), event("2026-01-01", K.BADGE_LOST, previous="retired")]
    spans = badge_spans(events, (), (), retired, decision(BadgeState.RETIRED), AS_OF)
    assert states(spans) == [("earned", "2025-01-10", "2026-01-01")]


@pytest.mark.parametrize("reverse_within_days", [False, True])
def test_tier_row(reverse_within_days: bool) -> None:
    events = [
        event("2020-07-01", K.TIER_CHANGED, "silver", app=""),
        event("2020-07-01", K.TIER_PENDING, "silver", app=""),
        event("2021-01-05", K.TIER_GRANTED, "silver", app="", previous="pending"),
        event("2022-07-01", K.TIER_CHANGED, "gold", app="", previous="silver"),
        event("2025-10-13", K.TIER_AT_RISK, "gold", app="", previous="good-standing"),
        event("2025-12-12", K.TIER_SUSPENDED, "gold", app="", previous="at-risk"),
        event("2026-10-15", K.TIER_RESTORED, "gold", app="", previous="suspended"),
    ]
    if reverse_within_days:
        # A partner's events in words come newest first: read back, one day's events arrive reversed.
        newest_first = events[::-1]
        events = sorted(newest_first, key=lambda e: e.date)
    spans = tier_spans(events, AS_OF)
    assert [(span.look, span.label, span.start.isoformat()) for span in spans] == [
        ("pending", "Silver tier, pending", "2020-07-01"),
        ("earned", "Silver tier, in good standing", "2021-01-05"),
        ("earned", "Gold tier, in good standing", "2022-07-01"),
        ("expiring", "Gold tier, at risk", "2025-10-13"),
        ("expired", "Gold tier, suspended", "2025-12-12"),
        ("earned", "Gold tier, in good standing", "2026-10-15"),
    ]
    assert spans[-1].end == AS_OF + dt.timedelta(days=1)


def _history(badge: Badge, events: list[TrustEvent], state: BadgeState = BadgeState.EARNED) -> TrustHistoryView:
    view = trust_history("Acme Sync", events, [badge], [decision(state)], (), (), AS_OF, day("2019-06-01"))
    assert view is not None
    return view


def test_rows_tier_first_then_badges_with_events(badge: Badge) -> None:
    events = [
        event("2020-07-01", K.TIER_CHANGED, "silver", app=""),
        event("2021-03-01", K.GRADE_CHANGED, "green", app=""),
        event("2024-01-10", K.BADGE_EARNED, app=""),
    ]
    view = _history(badge, events)
    assert [row.name for row in view.rows] == ["Partner tier", badge.name]
    assert view.row_heading == "Badge or tier"
    assert view.caption == "Trust history of Acme Sync, from 1 July 2020 to 24 November 2026"


def test_no_history_no_picture(badge: Badge) -> None:
    assert trust_history("Acme Sync", (), [badge], (), (), (), AS_OF) is None


def test_the_as_of_day_closes_every_row(badge: Badge) -> None:
    events = [event("2024-01-10", K.BADGE_EARNED), event("2026-11-23", K.BADGE_EXPIRED)]
    view = _history(badge, events, BadgeState.EXPIRED)
    (row,) = view.rows
    earned, expired = row.spans
    assert (earned.first_day, earned.last_day) == ("10 January 2024", "22 November 2026")
    assert expired.last_day == "ongoing"
    # The last span ends at the marker, even when it is a day long, and stays visible.
    assert expired.x + expired.width == PLOT
    assert expired.width >= MIN_SPAN
    assert view.as_of_path.startswith(f"M{PLOT + 3} ")
    assert view.as_of_label == "As of 24 November 2026"
    assert view.width == WIDTH


def test_axis_has_year_ticks_and_a_short_history_spans_a_year(badge: Badge) -> None:
    view = _history(badge, [event("2026-11-20", K.BADGE_EARNED)])
    # Four days of history, drawn against a year: one tick, on 1 January 2026.
    assert [tick.label for tick in view.ticks] == ["2026"]
    (span,) = view.rows[0].spans
    assert span.width < 10
    long = _history(badge, [event("2019-06-01", K.BADGE_EARNED)])
    assert [tick.label for tick in long.ticks] == ["2020", "2021", "2022", "2023", "2024", "2025", "2026"]
    xs = [tick.x for tick in long.ticks]
    assert xs == sorted(xs)
    assert all(0 < x < PLOT for x in xs)
    assert long.tick_path.count("M") == len(long.ticks)


def test_key_lists_the_looks_used_with_their_patterns(badge: Badge) -> None:
    view = _history(
        badge,
        [
            event("2020-07-01", K.TIER_CHANGED, "gold", app=""),
            event("2025-10-13", K.TIER_AT_RISK, "gold", app=""),
            event("2024-01-10", K.BADGE_EARNED, app=""),
            event("2026-10-01", K.BADGE_EXPIRING, app=""),
        ],
        BadgeState.EXPIRING,
    )
    assert [(entry.look, entry.label) for entry in view.key] == [
        ("earned", "In good standing / Earned"),
        ("expiring", "At risk / Expiring"),
    ]
    assert view.patterns == ("expiring",)


def test_events_of_badges_not_shown_are_left_out(badge: Badge) -> None:
    view = _history(badge, [event("2024-01-10", K.BADGE_EARNED, "another-badge"), event("2025-01-01", K.BADGE_EARNED)])
    assert [row.name for row in view.rows] == [badge.name]


def test_bars_are_a_path_per_look_painted_as_the_spans_would_be(badge: Badge) -> None:
    # Earned for years, expired for a day, earned again for a day: the expired span is widened to stay visible
    # and overlaps the last, which must be painted over it, as it would be drawn span by span.
    events = [
        event("2024-01-10", K.BADGE_EARNED),
        event("2026-11-22", K.BADGE_EXPIRED),
        event("2026-11-23", K.BADGE_EARNED),
    ]
    view = _history(badge, events, BadgeState.EARNED)
    first, expired, last = view.rows[0].spans
    assert expired.x + expired.width > last.x
    top = view.rows[0].bar_y
    assert [(bars.look, bars.path) for bars in view.bars] == [
        ("earned", f"M{first.x} {top}h{first.width}v16h-{first.width}z"),
        ("expired", f"M{expired.x} {top}h{expired.width}v16h-{expired.width}z"),
        ("earned", f"M{last.x} {top}h{last.width}v16h-{last.width}z"),
    ]
    # Spans that do not overlap share one path per look.
    apart = [
        event("2024-01-10", K.BADGE_EARNED),
        event("2025-01-10", K.BADGE_EXPIRED),
        event("2025-06-01", K.BADGE_EARNED),
        event("2026-01-01", K.BADGE_EXPIRED),
    ]
    view = _history(badge, apart, BadgeState.EXPIRED)
    assert [span.look for span in view.rows[0].spans] == ["earned", "expired", "earned", "expired"]
    assert [(bars.look, bars.path.count("M")) for bars in view.bars] == [("earned", 2), ("expired", 2)]
