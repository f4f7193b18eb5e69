"""The stats page's month-by-month charts: their numbers are the monthly sweep's, their geometry stays in the box."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.checks.catalog import load_catalog
from generator.load.problems import Severity
from generator.policy.events import trust_events
from generator.views.trends import HEIGHT, LEFT, RIGHT, TOP, WIDTH, Trends, nice_scale, trends


@pytest.fixture(scope="module")
def demo_trends() -> Trends:
    as_of = dt.date(2026, 11, 24)
    catalog, problems = load_catalog(Path(__file__).resolve().parents[3] / "data", as_of)
    assert not [p for p in problems if p.severity is Severity.ERROR]
    assert catalog.policy is not None
    assert catalog.timeline is not None
    return trends(
        catalog,
        catalog.policy.record,
        catalog.timeline.record,
        trust_events(catalog, catalog.policy.record, as_of),
        as_of,
    )


@pytest.mark.parametrize(
    ("largest", "top", "step"),
    [
        (0, 1, 1),
        (0.4, 1, 1),
        (3, 3, 1),
        (5, 5, 1),
        (13, 15, 5),
        (37.5, 40, 10),
        (78.1, 80, 20),
        (100, 100, 20),
        (9_999, 10_000, 2_000),
    ],
)
def test_a_value_axis_ends_on_a_round_number_in_at_most_five_steps(largest: float, top: float, step: float) -> None:
    assert nice_scale(largest) == (top, step)


def test_the_charts_span_the_program_from_its_first_evidence(demo_trends: Trends) -> None:
    # The Top Vendor memberships of April 2018 are older than the timeline's first milestone (June 2019).
    assert (demo_trends.first_month, demo_trends.last_month, demo_trends.months) == ("April 2018", "November 2026", 104)
    assert demo_trends.last_day == "1 November 2026"
    assert [chart.id for chart in demo_trends.charts] == ["trend-coverage", "trend-grades", "trend-bug-bounty"]
    for chart in demo_trends.charts:
        assert len(chart.rows) == 104
        assert chart.rows[0].month == "April 2018"
        assert chart.columns == tuple(series.name for series in chart.series)


def test_every_point_and_tick_is_inside_the_plot(demo_trends: Trends) -> None:
    for chart in demo_trends.charts:
        for series in chart.series:
            points = [tuple(map(float, point.split(","))) for point in series.points.split()]
            assert len(points) == 104
            assert all(LEFT <= x <= WIDTH - RIGHT and TOP <= y <= HEIGHT for x, y in points)
            assert (series.end_x, series.end_y) == tuple(f"{v:.1f}" for v in points[-1])
        assert [tick.label for tick in chart.x_ticks] == [str(year) for year in range(2019, 2027)]
        # A phone labels every second year.
        assert [tick.minor for tick in chart.x_ticks] == [False, True] * 4
        assert chart.y_ticks[0].label in {"0", "0%"}
        assert float(chart.y_ticks[-1].at) == TOP


def test_series_differ_in_dash_pattern_not_only_colour(demo_trends: Trends) -> None:
    for chart in demo_trends.charts:
        assert len({series.dash for series in chart.series}) == len(chart.series)
        assert len({series.css for series in chart.series}) == len(chart.series)


def test_the_tables_hold_the_sweeps_numbers(demo_trends: Trends) -> None:
    coverage, grades, bounty = demo_trends.charts
    assert coverage.columns == (
        "Bug bounty participant",
        "CAIQ-Lite passed",
        "Vulnerability scan passed",
        "CAIQ-Lite and bug bounty",
    )
    # On 1 November 2026, of 32 apps, and the 13 partners by grade.
    assert coverage.rows[-1].values == ("5 (16%)", "25 (78%)", "14 (44%)", "5 (16%)")
    assert grades.columns == ("Green", "Orange", "Red", "Out of date", "Not assessed")
    assert grades.rows[-1].values == ("8", "2", "1", "1", "1")
    assert grades.rows[0].values == ("0", "0", "0", "0", "13")
    assert bounty.columns == ("Apps holding the Bug bounty participant badge",)
    assert [row.values[0] for row in bounty.rows] == [row.values[0] for row in coverage.rows]
    assert sum(int(v) for v in grades.rows[50].values) == 13


def test_a_program_starting_after_the_as_of_day_still_has_its_month() -> None:
    as_of = dt.date(2026, 11, 24)
    catalog, _ = load_catalog(Path(__file__).resolve().parents[3] / "data", as_of)
    assert catalog.policy is not None
    assert catalog.timeline is not None
    early = trends(catalog, catalog.policy.record, catalog.timeline.record, (), dt.date(2015, 3, 9))
    assert (early.first_month, early.last_month, early.months) == ("March 2015", "March 2015", 1)
    grades = early.charts[1]
    assert grades.rows[0].values == ("0", "0", "0", "0", "13")
    assert [float(point.split(",")[0]) for point in grades.series[0].points.split()] == [
        LEFT + (WIDTH - LEFT - RIGHT) / 2
    ]
