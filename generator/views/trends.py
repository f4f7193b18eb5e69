"""The stats page's month-by-month charts: badge coverage, CAIQ-Lite grades and bug bounty participation on each
month's first day over the program's life, as SVG line charts with their numbers.

Every coordinate is computed here, in the charts' own units (the SVG's viewBox, scaled to the page's width), so
the template only lays the lines, ticks and tables out.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from generator.load.catalog import Catalog
from generator.policy.events import TrustEvent
from generator.policy.monthly import NOT_ASSESSED, OUT_OF_DATE, MonthState, month_days, monthly_states, program_start
from generator.records.policy import BadgeRole, Level, Policy
from generator.records.shared_values import compact_pickle
from generator.records.timeline import Timeline
from generator.records.vocabulary import Grade
from generator.views.decisions import grade_currency_badges
from generator.views.words import MONTHS, long_date

# The charts' box, in SVG units, and the margins the axes' labels take. At a phone's width one unit is about a
# pixel; wider, everything scales up together.
WIDTH, HEIGHT = 360, 190
LEFT, RIGHT, TOP, BOTTOM = 34, 14, 10, 22
# At most this many year labels along the bottom (more years: every second, third … year is labelled), and at
# most this many on a phone.
MAX_YEAR_LABELS = 8
MAX_YEAR_LABELS_NARROW = 4
# Series are told apart by their dash pattern as well as their colour, in this order.
DASHES = ("", "7 3", "2 3", "10 3 2 3", "4 2", "1 2")


@compact_pickle
@dataclass(frozen=True, slots=True)
class Tick:
    """One labelled value on an axis: where it is along the axis, and its label."""

    at: str
    label: str
    # A label a phone leaves out, so that the labels it shows do not run into each other.
    minor: bool = False


@compact_pickle
@dataclass(frozen=True, slots=True)
class TrendSeries:
    """One line: its name, colour class and dash pattern, its points, and its last value marked and in words."""

    name: str
    css: str
    dash: str
    points: str
    end_x: str
    end_y: str
    latest: str


@compact_pickle
@dataclass(frozen=True, slots=True)
class TrendRow:
    month: str
    values: tuple[str, ...]


@compact_pickle
@dataclass(frozen=True, slots=True)
class TrendChart:
    """A line chart and the table of its numbers."""

    id: str
    title: str
    description: str
    # What the image is, for a screen reader (the numbers are in the table after it).
    label: str
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    series: tuple[TrendSeries, ...]
    # The table's column headings after "Month", and a row per month, oldest first.
    columns: tuple[str, ...]
    rows: tuple[TrendRow, ...]
    view_box: str = f"0 0 {WIDTH} {HEIGHT}"
    left: str = str(LEFT)
    right: str = str(WIDTH - RIGHT)
    top: str = str(TOP)
    bottom: str = str(HEIGHT - BOTTOM)
    # Where a year's tick mark ends below the axis, and where its label sits.
    tick_end: str = str(HEIGHT - BOTTOM + 4)
    year_y: str = str(HEIGHT - BOTTOM + 15)


@compact_pickle
@dataclass(frozen=True, slots=True)
class Trends:
    """The program month by month: its first and last month in words, and the charts."""

    first_month: str
    last_month: str
    # The last month's first day, in words: the day the charts' last values are of.
    last_day: str
    months: int
    charts: tuple[TrendChart, ...]


@compact_pickle
@dataclass(frozen=True, slots=True)
class _Line:
    name: str
    css: str
    values: tuple[float, ...]
    words: tuple[str, ...]


def month_label(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def trends(
    catalog: Catalog, policy: Policy, timeline: Timeline, events: Sequence[TrustEvent], as_of: dt.date
) -> Trends:
    """The month-by-month charts, from the trust events the build computed (no judging again)."""
    # At least the as-of day's month, even when the timeline's milestones are all still to come.
    days = month_days(min(program_start(timeline, events), as_of), as_of)
    states = monthly_states(events, catalog.partners, days, grade_currency_badges(policy))
    apps, partners = len(catalog.apps), len(catalog.partners)
    charts = [_coverage(states, policy, apps), _grades(states, partners)]
    participation = policy.badge_with_role(BadgeRole.BUG_BOUNTY_PARTICIPATION)
    if participation is not None:
        charts.append(_participation(states, participation.id, participation.name, apps))
    return Trends(month_label(days[0]), month_label(days[-1]), long_date(days[-1]), len(days), tuple(charts))


def _count_and_share(count: int, total: int) -> str:
    return f"{count:,} ({round(100 * count / total) if total else 0}%)"


def _coverage(states: Sequence[MonthState], policy: Policy, apps: int) -> TrendChart:
    lines = []
    for index, badge in enumerate(b for b in policy.badges if b.level is Level.APP):
        counts = [state.holders.get(badge.id, 0) for state in states]
        name = f"{badge.name} (retired {long_date(badge.retired_on)})" if badge.retired_on else badge.name
        lines.append(
            _Line(
                name,
                f"s{index % 6 + 1}",
                tuple(100 * count / apps if apps else 0.0 for count in counts),
                tuple(_count_and_share(count, apps) for count in counts),
            )
        )
    return _chart(
        "trend-coverage",
        "Badge coverage",
        f"How many apps held each app badge on the first day of each month: a share of the {apps:,} apps "
        "listed today (the records do not say when an app was listed).",
        states,
        lines,
        lambda value: f"{value:g}%",
    )


GRADE_LINES = (
    (Grade.GREEN, "Green", "green"),
    (Grade.ORANGE, "Orange", "orange"),
    (Grade.RED, "Red", "red"),
    (OUT_OF_DATE, "Out of date", "stale"),
    (NOT_ASSESSED, "Not assessed", "none"),
)


def _grades(states: Sequence[MonthState], partners: int) -> TrendChart:
    lines = []
    for grade, name, css in GRADE_LINES:
        counts = [state.grades.get(grade, 0) for state in states]
        lines.append(_Line(name, css, tuple(map(float, counts)), tuple(f"{count:,}" for count in counts)))
    return _chart(
        "trend-grades",
        "CAIQ-Lite grades",
        f"The {partners:,} partners by their latest CAIQ-Lite grade on the first day of each month; a grade "
        "older than the policy allows counts as out of date, not as its colour.",
        states,
        lines,
        lambda value: f"{value:g}",
    )


def _participation(states: Sequence[MonthState], badge_id: str, badge_name: str, apps: int) -> TrendChart:
    counts = [state.holders.get(badge_id, 0) for state in states]
    line = _Line(
        f"Apps holding the {badge_name} badge",
        "s1",
        tuple(map(float, counts)),
        tuple(_count_and_share(count, apps) for count in counts),
    )
    return _chart(
        "trend-bug-bounty",
        "Bug bounty participation",
        f"How many of the {apps:,} apps held the {badge_name} badge on the first day of each month.",
        states,
        [line],
        lambda value: f"{value:g}",
    )


def _chart(
    chart_id: str,
    title: str,
    description: str,
    states: Sequence[MonthState],
    lines: Sequence[_Line],
    tick_label: Callable[[float], str],
) -> TrendChart:
    days = [state.day for state in states]
    top, step = nice_scale(max((v for line in lines for v in line.values), default=0.0))
    x = _x_scale(days[0], days[-1])

    def y(value: float) -> float:
        return HEIGHT - BOTTOM - (HEIGHT - BOTTOM - TOP) * value / top

    series = []
    for index, line in enumerate(lines):
        points = [(x(day), y(value)) for day, value in zip(days, line.values, strict=True)]
        series.append(
            TrendSeries(
                line.name,
                line.css,
                DASHES[index % len(DASHES)],
                " ".join(f"{px:.1f},{py:.1f}" for px, py in points),
                f"{points[-1][0]:.1f}",
                f"{points[-1][1]:.1f}",
                line.words[-1],
            )
        )
    y_ticks = tuple(Tick(f"{y(step * i):.1f}", tick_label(step * i)) for i in range(round(top / step) + 1))
    first, last = month_label(days[0]), month_label(days[-1])
    names = ", ".join(line.name for line in lines)
    return TrendChart(
        id=chart_id,
        title=title,
        description=description,
        label=f"Line chart of {title.lower()} from {first} to {last}: {names}. The numbers are in the table below.",
        x_ticks=_year_ticks(days[0], days[-1], x),
        y_ticks=y_ticks,
        series=tuple(series),
        columns=tuple(line.name for line in lines),
        rows=tuple(TrendRow(month_label(day), tuple(line.words[i] for line in lines)) for i, day in enumerate(days)),
    )


def nice_scale(largest: float) -> tuple[float, float]:
    """The top of a value axis at or above `largest`, and its step: 1, 2 or 5 times a power of ten, at most
    five steps, never below one (counts are whole)."""
    if largest <= 0:
        return 1.0, 1.0
    power = 10 ** math.floor(math.log10(largest / 5)) if largest > 5 else 1
    for factor in (1, 2, 5, 10):
        step = factor * power
        if math.ceil(largest / step) <= 5:
            return step * math.ceil(largest / step), float(step)
    return largest, largest  # unreachable: ten times the power always fits


def _x_scale(first: dt.date, last: dt.date) -> Callable[[dt.date], float]:
    span = (last - first).days
    width = WIDTH - LEFT - RIGHT

    def x(day: dt.date) -> float:
        return LEFT + (width * (day - first).days / span if span else width / 2)

    return x


def _year_ticks(first: dt.date, last: dt.date, x: Callable[[dt.date], float]) -> tuple[Tick, ...]:
    """A tick on each 1 January the charts cover, labelled with its year (every n-th year when there are many)."""
    years = [year for year in range(first.year, last.year + 1) if first <= dt.date(year, 1, 1) <= last]
    every = math.ceil(len(years) / MAX_YEAR_LABELS) or 1
    # A phone labels a subset of those: every n-th of them.
    every_narrow = every * (math.ceil(len(years) / every / MAX_YEAR_LABELS_NARROW) or 1)
    return tuple(
        Tick(f"{x(dt.date(year, 1, 1)):.1f}", str(year) if index % every == 0 else "", index % every_narrow != 0)
        for index, year in enumerate(years)
    )
