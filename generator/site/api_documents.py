"""The JSON API's documents as types: one definition that builds every API file and yields its JSON Schema.

Every field is required and unknown fields are refused, so a consumer can rely on the committed schema:
a value that does not apply is `null`, never left out. Documents are built through these models, so a
file that does not fit its schema fails the build rather than reaching the site.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from generator.policy.engine import BadgeState, TierStanding
from generator.policy.events import EventKind
from generator.records.json_schema import SCHEMA_DIALECT, SCHEMA_DIRECTORY, RecordKind, schema_text
from generator.records.policy import Level, Provenance
from generator.records.vocabulary import Grade, Hosting, Tier, Visibility

# Where the committed API schema files live, relative to the repository root; the site publishes them
# at the same path.
API_SCHEMA_DIRECTORY = SCHEMA_DIRECTORY / "api"

Url = Annotated[str, Field(json_schema_extra={"format": "uri"})]


class Document(BaseModel):
    """Base of every API object: fixed fields in a fixed order, nothing else."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Evidence(Document):
    """One piece of evidence a criterion rests on."""

    label: str
    detail: str
    date: dt.date | None
    provenance: Provenance
    url: Url | None


class Criterion(Document):
    """One line of a receipt: a requirement, whether it is met, and what was observed."""

    rule: str = Field(description="The policy's rule kind, e.g. 'bug-bounty-tenure'.")
    requirement: str
    met: bool
    shortfalls: tuple[str, ...] = Field(
        description="Why it is not met: missing, too-old, below-threshold, expired, revoked, not-yet, …"
    )
    status: str = Field(description="The status in words: 'Met', 'Too old', 'Revoked', …")
    observed: str
    evidence: tuple[Evidence, ...]


class Approval(Document):
    """A maintainers' decision on a badge (an exemption or a revocation): its reason and its audit trail."""

    kind: str = Field(description="exemption or revocation")
    reason: str
    since: dt.date
    until: dt.date | None
    approved_by: str | None
    reference: Url | None


class BadgeStatus(Document):
    """One badge or partner signal for one subject, as of the `as_of` date, with its receipt."""

    id: str
    name: str
    url: Url
    state: BadgeState
    state_label: str
    held: bool = Field(description="Earned, including expiring soon.")
    provenance: Provenance | None = Field(description="Whose word a held badge rests on; null unless held.")
    expires_on: dt.date | None = Field(description="Held: the first day it no longer holds without new evidence.")
    days_left: int | None = Field(description="Held: days from `as_of` to `expires_on`.")
    expired_on: dt.date | None = Field(description="Expired: the first day it no longer held.")
    exemption_reason: str | None
    exemption_until: dt.date | None
    retired_on: dt.date | None
    retired_note: str | None = Field(description="Retired: what replaced the badge.")
    decision_trail: Approval | None = Field(
        description="Exempt or revoked: the public reason, the day, who approved it and the ticket it was decided in."
    )
    svg_url: Url | None = Field(description="An embeddable status image; a shields.io endpoint is next to it.")
    criteria: tuple[Criterion, ...]


class GradeStatus(Document):
    """The partner's latest CAIQ-Lite grade."""

    grade: Grade
    label: str
    assessed_on: dt.date


class TierStatus(Document):
    """The partner tier assigned by maintainers, and whether its security prerequisites hold."""

    tier: Tier | None
    name: str
    url: Url | None
    since: dt.date | None
    standing: TierStanding | None
    standing_label: str | None
    review_by: dt.date | None = Field(description="At risk: the last day before the tier is suspended.")
    granted: bool = Field(description="Whether the assigned tier is granted (false while pending).")
    granted_on: dt.date | None = Field(description="The first day every prerequisite held on or after `since`.")
    standing_since: dt.date | None = Field(description="The first day of the current standing.")
    explanation: str
    criteria: tuple[Criterion, ...]


class Certification(Document):
    """A certification the partner claims, with the state of the badge that checks it."""

    name: str
    details: str
    evidence_url: Url
    state_label: str
    provenance: Provenance


class SecurityContact(Document):
    email: str
    policy_url: Url | None


class PartnerLink(Document):
    id: str
    name: str
    url: Url
    api_url: Url


class AppLink(Document):
    id: str
    name: str
    url: Url
    api_url: Url


class Event(Document):
    """One change in a partner's or app's trust signals."""

    date: dt.date
    kind: EventKind
    text: str
    url: Url
    app: str | None
    value: str = Field(description="Badge events: the badge id. Grade and tier events: the new grade or tier.")
    previous: str | None = Field(
        description="Grade and tier events: the one before. Lost badges: the state the badge is in now."
    )
    until: dt.date | None = Field(description="Expiring badges: the day the badge lapses unless renewed.")


class BugBounty(Document):
    platform: str
    program_url: Url
    visibility: Visibility
    since: dt.date
    scope: tuple[str, ...]


class PartnerDocument(Document):
    """api/v1/partners/<id>.json: one partner, its tier, grade, signals with receipts, apps and history."""

    as_of: dt.date
    id: str
    name: str
    url: Url
    api_url: Url
    feed_url: Url
    website: Url
    summary: str
    description: str | None = Field(description="Markdown written by the partner: render it with a safe renderer.")
    logo_url: Url | None
    security_contact: SecurityContact
    verified: bool = Field(description="Whether maintainers hold verification records about the partner.")
    tier: TierStatus
    grade: GradeStatus | None
    certifications: tuple[Certification, ...]
    badges: tuple[BadgeStatus, ...]
    apps: tuple[AppLink, ...]
    events: tuple[Event, ...] = Field(description="Newest first.")


class AppDocument(Document):
    """api/v1/apps/<id>.json: one app, its partner's tier and grade, and its badges with receipts."""

    as_of: dt.date
    id: str
    name: str
    url: Url
    api_url: Url
    partner: PartnerLink
    hosting: tuple[Hosting, ...]
    listing_url: Url
    summary: str
    bug_bounty: BugBounty | None
    tier: Tier | None
    tier_standing: TierStanding | None
    grade: Grade | None
    grade_assessed_on: dt.date | None = Field(description="When the partner's latest CAIQ-Lite grade was given.")
    badges: tuple[BadgeStatus, ...]


class PartnerEntry(Document):
    id: str
    name: str
    url: Url
    api_url: Url
    tier: Tier | None
    tier_standing: TierStanding | None
    grade: Grade | None
    grade_assessed_on: dt.date | None


class AppEntry(Document):
    id: str
    name: str
    partner: PartnerLink
    url: Url
    api_url: Url
    badges: tuple[str, ...] = Field(description="The ids of the badges the app holds (earned or expiring).")


class BadgeEntry(Document):
    id: str
    name: str
    level: Level
    url: Url
    retired_on: dt.date | None


class Links(Document):
    """Where the rest of the site's data is."""

    home: Url
    feed: Url
    apps_csv: Url
    partners_csv: Url
    index_schema: Url
    partner_schema: Url
    app_schema: Url


class IndexDocument(Document):
    """api/v1/index.json: every partner, app and badge, and links to the other files."""

    as_of: dt.date
    generated_by: str
    links: Links
    partners: tuple[PartnerEntry, ...]
    apps: tuple[AppEntry, ...]
    badges: tuple[BadgeEntry, ...]


class ApiKind(enum.StrEnum):
    """Each kind of JSON API file, named as its schema file is."""

    INDEX = "index"
    PARTNER = "partner"
    APP = "app"

    @property
    def model(self) -> type[Document]:
        return _MODELS[self]


_MODELS: dict[ApiKind, type[Document]] = {
    ApiKind.INDEX: IndexDocument,
    ApiKind.PARTNER: PartnerDocument,
    ApiKind.APP: AppDocument,
}


def api_schema_path(kind: ApiKind) -> str:
    """Where a kind's schema is committed and published: 'schema/api/partner.schema.json'."""
    return f"{API_SCHEMA_DIRECTORY.as_posix()}/{kind}.schema.json"


def api_json_schema(kind: ApiKind) -> dict[str, Any]:
    """The draft 2020-12 JSON Schema of one kind of API file."""
    body = kind.model.model_json_schema(mode="serialization")
    return {"$schema": SCHEMA_DIALECT, "$id": f"{kind}.schema.json", **body}


def api_schema_text(kind: ApiKind) -> str:
    """The schema as committed: stable key order, two-space indent, final newline."""
    return json.dumps(api_json_schema(kind), indent=2, ensure_ascii=False) + "\n"


def document_bytes(document: Document) -> bytes:
    """An API file: fields in model order, two-space indent, UTF-8 unescaped, final newline."""
    # pydantic's own encoder writes the bytes json.dumps(model_dump(mode="json"), indent=2, ensure_ascii=False)
    # would, five times faster (the standard library encodes indented JSON in pure Python). They differ only
    # on floats written with an exponent, and no API field is a float. Its UTF-8 bytes as they come: what
    # model_dump_json decodes to a string, for us to encode again.
    return document.__pydantic_serializer__.to_json(document, indent=2) + b"\n"


def write_api_schemas(directory: Path = API_SCHEMA_DIRECTORY) -> list[Path]:
    """Write every API kind's schema file into `directory`; the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in ApiKind:
        path = directory / f"{kind}.schema.json"
        path.write_text(api_schema_text(kind), encoding="utf-8")
        written.append(path)
    return written


def schema_files() -> dict[str, bytes]:
    """The record and API schemas, published where the repository keeps them (records' `$schema` lines)."""
    # Generated rather than read from schema/: tests keep the committed files equal to these bytes, and
    # the build then does not depend on the directory it runs from.
    files = {f"{SCHEMA_DIRECTORY.as_posix()}/{kind}.schema.json": schema_text(kind).encode() for kind in RecordKind}
    files |= {api_schema_path(kind): api_schema_text(kind).encode() for kind in ApiKind}
    return files
