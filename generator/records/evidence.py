"""The evidence maintainers hold about a partner and its apps: data/verifications/<partner-id>.yaml."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from generator.records.fields import Identifier, IsoDate, LongText, Percent, Record, ShortText, Unique, unique_items
from generator.records.vocabulary import Certification, CheckOutcome, Grade, ScanResult, Tier


class TierEntry(Record):
    tier: Tier
    since: IsoDate


class CaiqLiteAssessment(Record):
    grade: Grade
    assessed_on: IsoDate
    gaps: Annotated[tuple[LongText, ...], unique_items(0, 20), Unique] = ()


class CertificateCheck(Record):
    certification: Certification
    checked_on: IsoDate
    outcome: CheckOutcome
    note: LongText | None = None


class VulnerabilityScan(Record):
    scanned_on: IsoDate
    result: ScanResult
    scanner: ShortText


class SlaCompliance(Record):
    """Share of reports handled within the agreed SLA, in percent, per priority."""

    critical: Percent
    high: Percent
    medium: Percent
    low: Percent


class BugBountyMetrics(Record):
    measured_on: IsoDate
    researchers_engaged: Annotated[int, Field(ge=0, le=1_000_000)]
    sla_compliance: SlaCompliance


class AppEvidence(Record):
    vulnerability_scans: tuple[VulnerabilityScan, ...] = ()
    bug_bounty_metrics: tuple[BugBountyMetrics, ...] = ()


class Exemption(Record):
    badge: Identifier
    app: Identifier | None = None
    reason: LongText
    granted_on: IsoDate
    expires_on: IsoDate


class Membership(Record):
    """Membership of a marketplace program that predates or sits beside the tiers (e.g. Top Vendor)."""

    program: Identifier
    since: IsoDate
    until: IsoDate | None = None


class Verification(Record):
    """Evidence about one partner, held by maintainers: data/verifications/<partner-id>.yaml."""

    partner: Identifier
    tiers: tuple[TierEntry, ...] = ()
    caiq_lite: tuple[CaiqLiteAssessment, ...] = ()
    certificate_checks: tuple[CertificateCheck, ...] = ()
    apps: dict[Identifier, AppEvidence] = Field(default_factory=dict)
    exemptions: tuple[Exemption, ...] = ()
    memberships: tuple[Membership, ...] = ()
