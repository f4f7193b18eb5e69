"""The program month by month: how many subjects hold each badge, and each partner's grade, on each month's first
day, found in one sweep over the trust events rather than by judging every subject again for every month.

The trust events say every change of every badge of every subject, and every change of a partner's CAIQ-Lite
grade, each judged as of its own day from the records as they stand at the build (evidence dated after a day
is not known on that day). Replaying them in date order up to a day therefore gives what `evaluate` would
decide as of that day, for what is held: a badge is held from its `badge-earned` event (an `expiring` one
is still held) until a `badge-expired`, `badge-lost` or `badge-revoked` event. An event dated on a month's
first day counts for that month.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from generator.policy.events import EventKind, TrustEvent
from generator.records.shared_values import compact_pickle
from generator.records.timeline import Timeline

# A partner's grade class that is no colour: never assessed, or assessed too long ago to count.
NOT_ASSESSED = ""
OUT_OF_DATE = "out-of-date"

_HELD = {EventKind.BADGE_EARNED, EventKind.BADGE_EXPIRING}
_NOT_HELD = {EventKind.BADGE_EXPIRED, EventKind.BADGE_LOST, EventKind.BADGE_REVOKED}


@compact_pickle
@dataclass(frozen=True, slots=True)
class MonthState:
    """What held on one day: badge holders and partners by grade."""

    day: dt.date
    # Badge id → how many subjects hold it (apps for an app badge, partners for a partner badge); none: left out.
    holders: Mapping[str, int]
    # Grade ('green', 'orange', 'red'), OUT_OF_DATE or NOT_ASSESSED → how many partners; none: left out.
    grades: Mapping[str, int]


def program_start(timeline: Timeline, events: Sequence[TrustEvent]) -> dt.date:
    """The program's first day: its timeline's first milestone, or its first trust event when evidence is older."""
    # A timeline has at least one milestone (its model says so).
    return min([m.date for m in timeline.milestones] + [event.date for event in events[:1]])


def month_days(start: dt.date, as_of: dt.date) -> tuple[dt.date, ...]:
    """The first day of every month from `start`'s month through `as_of`."""
    days = []
    year, month = start.year, start.month
    while (day := dt.date(year, month, 1)) <= as_of:
        days.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(days)


def monthly_states(
    events: Sequence[TrustEvent], partners: Iterable[str], days: Sequence[dt.date], grade_badges: Collection[str]
) -> tuple[MonthState, ...]:
    """The state on each of `days` (oldest first), from the trust events (oldest first, as `trust_events` gives).

    `grade_badges` are the partner badges that say a grade is current: a partner's grade counts in its colour
    while it holds one of them (always, when there are none), and as out of date otherwise.
    """
    held: set[tuple[str, str, str]] = set()
    holders: Counter[str] = Counter()
    grade: dict[str, str] = {}
    # Per partner: how many of the grade badges it holds.
    currency: Counter[str] = Counter()
    grade_of = dict.fromkeys(partners, NOT_ASSESSED)
    by_grade: Counter[str] = Counter(grade_of.values())

    def regrade(partner: str) -> None:
        colour = grade.get(partner, NOT_ASSESSED)
        new = colour if colour == NOT_ASSESSED or not grade_badges or currency[partner] else OUT_OF_DATE
        old = grade_of.get(partner)
        if new != old:
            if old is not None:
                by_grade[old] -= 1
            by_grade[new] += 1
            grade_of[partner] = new

    states = []
    position = 0
    for day in days:
        while position < len(events) and events[position].date <= day:
            event = events[position]
            position += 1
            key = (event.partner, event.app, event.value)
            if event.kind is EventKind.GRADE_CHANGED:
                grade[event.partner] = event.value
            elif event.kind in _HELD and key not in held:
                held.add(key)
                holders[event.value] += 1
                currency[event.partner] += not event.app and event.value in grade_badges
            elif event.kind in _NOT_HELD and key in held:
                held.remove(key)
                holders[event.value] -= 1
                currency[event.partner] -= not event.app and event.value in grade_badges
            else:
                continue
            regrade(event.partner)
        states.append(MonthState(day, +holders, +by_grade))
    return tuple(states)
