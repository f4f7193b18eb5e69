"""The program timeline as pages show it: dates at their precision, past or upcoming, with sources."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.records.shared_values import compact_pickle
from generator.records.timeline import Timeline
from generator.records.vocabulary import MilestoneCategory, MilestoneStatus, Precision
from generator.views.urls import Link
from generator.views.words import MONTHS, long_date

CATEGORY_LABELS = {
    MilestoneCategory.REQUIREMENT: "Requirements",
    MilestoneCategory.ASSESSMENT: "Assessment",
    MilestoneCategory.BUG_BOUNTY: "Bug bounty",
    MilestoneCategory.PARTNER_PROGRAM: "Partner program",
    MilestoneCategory.TRUST_SIGNAL: "Trust signals",
}


@compact_pickle
@dataclass(frozen=True, slots=True)
class FollowUpView:
    date_label: str
    iso_date: str
    # For <time datetime>: the date at its precision ("2020-05-05", "2019-06", "2021").
    datetime: str
    title: str
    sources: tuple[Link, ...]


@compact_pickle
@dataclass(frozen=True, slots=True)
class MilestoneView:
    id: str
    date_label: str
    iso_date: str
    # For <time datetime>: the date at its precision ("2020-02-28", "2019-06", "2021"; quarters give the year).
    datetime: str
    precision: str
    category: str
    category_label: str
    # "past" once the period has begun on or before the as-of date, else "upcoming".
    when: str
    # As the source reported it: "Happened", or "Announced as a plan".
    status_label: str
    planned: bool
    title: str
    summary: str
    sources: tuple[Link, ...]
    follow_ups: tuple[FollowUpView, ...]
    # A plan that a later milestone shows happened: that milestone, linked within the page, and its date.
    done_by: Link | None = None
    done_on: str = ""


def date_label(day: dt.date, precision: Precision) -> str:
    """'28 February 2020', 'June 2019', 'Q1 2021' or '2020'."""
    if precision is Precision.DAY:
        return long_date(day)
    if precision is Precision.MONTH:
        return f"{MONTHS[day.month - 1]} {day.year}"
    if precision is Precision.QUARTER:
        return f"Q{(day.month - 1) // 3 + 1} {day.year}"
    return str(day.year)


def machine_date(day: dt.date, precision: Precision) -> str:
    """A valid HTML datetime at the date's precision; a quarter has no such form, so it gives its year."""
    if precision is Precision.DAY:
        return day.isoformat()
    if precision is Precision.MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}"


def timeline_views(timeline: Timeline, as_of: dt.date) -> tuple[MilestoneView, ...]:
    """Milestones in date order, each placed before or after the as-of date."""
    sources = {source.id: Link(source.title, source.url or "") for source in timeline.sources}
    # Each plan, and the milestone that shows it happened (once that milestone's day has come).
    fulfilled = {
        planned: milestone
        for milestone in timeline.milestones
        if milestone.date <= as_of
        for planned in milestone.fulfils
    }
    views = []
    for milestone in sorted(timeline.milestones, key=lambda m: m.date):
        planned = milestone.status is MilestoneStatus.PLANNED
        done = fulfilled.get(milestone.id) if planned else None
        views.append(
            MilestoneView(
                id=milestone.id,
                date_label=date_label(milestone.date, milestone.precision),
                iso_date=milestone.date.isoformat(),
                datetime=machine_date(milestone.date, milestone.precision),
                precision=str(milestone.precision),
                category=str(milestone.category),
                category_label=CATEGORY_LABELS[milestone.category],
                when="upcoming" if milestone.date > as_of else "past",
                status_label=_status_label(planned, done is not None),
                planned=planned,
                title=milestone.title,
                summary=milestone.summary,
                sources=tuple(sources[s] for s in milestone.sources),
                follow_ups=tuple(
                    FollowUpView(
                        date_label(f.date, f.precision),
                        f.date.isoformat(),
                        machine_date(f.date, f.precision),
                        f.title,
                        tuple(sources[s] for s in f.sources),
                    )
                    for f in sorted(milestone.follow_ups, key=lambda f: f.date)
                ),
                done_by=Link(done.title, f"#{done.id}") if done else None,
                done_on=date_label(done.date, done.precision) if done else "",
            )
        )
    return tuple(views)


def _status_label(planned: bool, done: bool) -> str:
    """As the sources reported it, and whether the timeline has since shown a plan done."""
    if not planned:
        return "Happened"
    return "Announced as a plan, since done" if done else "Announced as a plan"
