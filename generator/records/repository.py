"""Who maintains the repository and how much one partner may submit: data/program/repository.yaml."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from generator.records.fields import GithubHandle, Record, Unique, unique_items


class SubmissionLimits(Record):
    """Caps on one partner's directory, so that a single partner cannot swamp the site or the build."""

    apps_per_partner: Annotated[int, Field(ge=1, le=1000)]
    files_per_partner: Annotated[int, Field(ge=1, le=10000)]
    bytes_per_partner: Annotated[int, Field(ge=1024, le=1024**3)]


class Repository(Record):
    """The repository's maintainers and the submission limits, held by maintainers."""

    maintainers: Annotated[tuple[GithubHandle, ...], unique_items(1, 20), Unique]
    limits: SubmissionLimits
