"""The records a partner writes: its profile (partner.yaml) and one record per app (apps/<id>.yaml)."""

from __future__ import annotations

from typing import Annotated

from generator.records.fields import (
    Email,
    GithubHandle,
    HttpsUrl,
    Identifier,
    IsoDate,
    LogoFile,
    Markdown,
    Name,
    Record,
    ShortText,
    Unique,
    unique_items,
)
from generator.records.vocabulary import Hosting, Soc2Type, Visibility


class SecurityContact(Record):
    email: Email
    policy_url: HttpsUrl | None = None


class Soc2Claim(Record):
    type: Soc2Type
    report_period_end: IsoDate
    evidence_url: HttpsUrl


class Iso27001Claim(Record):
    certificate_id: ShortText
    issuer: ShortText
    issued_on: IsoDate
    expires_on: IsoDate
    evidence_url: HttpsUrl


class Certifications(Record):
    soc2: Soc2Claim | None = None
    iso27001: Iso27001Claim | None = None


class Partner(Record):
    """A partner's profile, written by the partner: data/partners/<id>/partner.yaml."""

    id: Identifier
    name: Name
    website: HttpsUrl
    security_contact: SecurityContact
    description: Markdown | None = None
    logo: LogoFile | None = None
    editors: Annotated[tuple[GithubHandle, ...], unique_items(1, 10), Unique]
    certifications: Certifications = Certifications.model_construct()


class BugBountyProgram(Record):
    platform: ShortText
    program_url: HttpsUrl
    visibility: Visibility
    since: IsoDate
    # The last day of the program, when it has ended.
    until: IsoDate | None = None
    scope: Annotated[tuple[ShortText, ...], unique_items(1, 20), Unique]


class App(Record):
    """An app, written by its partner: data/partners/<partner-id>/apps/<id>.yaml."""

    id: Identifier
    name: Name
    hosting: Annotated[tuple[Hosting, ...], unique_items(1, 3), Unique]
    listing_url: HttpsUrl
    description: Markdown | None = None
    bug_bounty: BugBountyProgram | None = None
