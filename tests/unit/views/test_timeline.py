"""The program timeline as its page shows it: a plan is marked done once a milestone that happened says so."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from generator.records.timeline import Timeline
from generator.views.timeline import timeline_views


def _milestone(id_: str, date: str, status: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": id_,
        "date": date,
        "precision": "day",
        "category": "trust-signal",
        "status": status,
        "title": f"Title of {id_}",
        "summary": "Summary.",
        "sources": ["article"],
        **extra,
    }


TIMELINE = Timeline.model_validate_json(
    json.dumps(
        {
            "sources": [{"id": "article", "title": "An article"}],
            "milestones": [
                _milestone("signals-planned", "2021-01-01", "planned"),
                _milestone("other-plan", "2021-02-01", "planned"),
                _milestone("signals-shown", "2021-06-14", "happened", fulfils=["signals-planned"]),
            ],
        }
    )
)


def _views(as_of: dt.date) -> dict[str, Any]:
    return {view.id: view for view in timeline_views(TIMELINE, as_of)}


def test_a_plan_is_done_from_the_day_of_the_milestone_that_fulfils_it() -> None:
    plan = _views(dt.date(2021, 6, 14))["signals-planned"]
    assert plan.status_label == "Announced as a plan, since done"
    assert plan.done_by is not None
    assert (plan.done_by.label, plan.done_by.url) == ("Title of signals-shown", "#signals-shown")
    assert plan.done_on == "14 June 2021"


def test_a_plan_stays_a_plan_before_that_day_and_when_nothing_fulfils_it() -> None:
    views = _views(dt.date(2021, 6, 13))
    assert views["signals-planned"].status_label == "Announced as a plan"
    assert views["signals-planned"].done_by is None
    later = _views(dt.date(2030, 1, 1))
    assert later["other-plan"].status_label == "Announced as a plan"
    assert later["other-plan"].done_by is None


def test_a_milestone_that_happened_is_never_marked_as_a_plan() -> None:
    assert _views(dt.date(2030, 1, 1))["signals-shown"].status_label == "Happened"
