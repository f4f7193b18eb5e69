"""What changed in the published trust signals from one night to the next: the nightly run's change record.

The nightly run (generator.publish) writes one `NightChanges` per night, compares the new release's API with
the previous night's, and hands the build the last nights as a `ChangeHistory`; the site's Changes page shows
it and publishes it at changes/history.json, where the next night reads it back.
"""

from __future__ import annotations

import datetime as dt
import enum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

# How many nights the history keeps.
HISTORY_NIGHTS = 30


class ChangeKind(enum.StrEnum):
    """Each kind of change a night can bring, in the order a summary lists them."""

    BADGE_EXPIRED = "badge-expired"
    BADGE_REVOKED = "badge-revoked"
    TIER_CHANGED = "tier-changed"
    BADGE_EXPIRING = "badge-expiring"
    BADGE_EARNED = "badge-earned"
    BADGE_RENEWED = "badge-renewed"
    PARTNER_ADDED = "partner-added"
    APP_ADDED = "app-added"
    PARTNER_REMOVED = "partner-removed"
    APP_REMOVED = "app-removed"


class SubjectKind(enum.StrEnum):
    PARTNER = "partner"
    APP = "app"


class ChangeDocument(BaseModel):
    """Base of the change record: fixed fields, nothing else."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Change(ChangeDocument):
    """One change in one partner's or app's published signals."""

    kind: ChangeKind
    subject: SubjectKind
    subject_id: str
    subject_name: str
    # The subject's page, relative to the site root ("apps/acme-sync/"), and its public address; both null
    # when the subject left the site.
    path: str | None
    url: str | None
    badge_id: str | None = Field(description="Badge changes: the badge's id.")
    badge_name: str | None
    text: str = Field(description="The change in one sentence, as the Changes page and the summaries print it.")
    until: dt.date | None = Field(description="Expiring badges: the first day the badge no longer holds.")


class NightChanges(ChangeDocument):
    """Every change of one night, against the release published for an earlier night."""

    as_of: dt.date
    previous_as_of: dt.date | None = Field(description="The as-of date of the release compared with; null at first.")
    changes: tuple[Change, ...]


class ChangeHistory(ChangeDocument):
    """The last nights' changes, newest first."""

    nights: tuple[NightChanges, ...] = ()

    def with_night(self, night: NightChanges) -> ChangeHistory:
        """This history with `night` added, replacing a night of the same date, kept to the last nights."""
        older = [kept for kept in self.nights if kept.as_of < night.as_of]
        return ChangeHistory(nights=(night, *older)[:HISTORY_NIGHTS])


def read_change_history(path: Path | None) -> ChangeHistory:
    """The history in a changes/history.json file; an empty one when there is no file (a first build)."""
    if path is None or not path.is_file():
        return ChangeHistory()
    return ChangeHistory.model_validate_json(path.read_bytes())


def change_history_bytes(history: ChangeHistory) -> bytes:
    """The history as published: fields in model order, two-space indent, UTF-8 unescaped, final newline."""
    return (history.model_dump_json(indent=2) + "\n").encode()
