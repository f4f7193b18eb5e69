"""The security program's milestones and their sources: data/program/timeline.yaml."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from generator.records.fields import HttpsUrl, Identifier, IsoDate, LongText, Record, ShortText, Unique, unique_items
from generator.records.vocabulary import MilestoneCategory, MilestoneStatus, Precision


class Source(Record):
    id: Identifier
    title: LongText
    publisher: ShortText | None = None
    url: HttpsUrl | None = None


class FollowUp(Record):
    date: IsoDate
    precision: Precision
    title: ShortText
    sources: Annotated[tuple[Identifier, ...], unique_items(0, 10), Unique] = ()


class Milestone(Record):
    id: Identifier
    date: IsoDate
    precision: Precision
    category: MilestoneCategory
    status: MilestoneStatus
    title: ShortText
    summary: LongText
    sources: Annotated[tuple[Identifier, ...], unique_items(1, 10), Unique]
    follow_ups: tuple[FollowUp, ...] = ()
    # The ids of planned milestones this one shows happened: the timeline then marks those plans done.
    fulfils: Annotated[tuple[Identifier, ...], unique_items(0, 10), Unique] = ()


class Timeline(Record):
    """The program's milestones, held by maintainers: data/program/timeline.yaml."""

    sources: Annotated[tuple[Source, ...], Field(min_length=1)]
    milestones: Annotated[tuple[Milestone, ...], Field(min_length=1)]
