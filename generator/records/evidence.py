"""The evidence maintainers hold about a partner and its apps: data/verifications/<partner-id>.yaml."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from generator.records.fields import (
    GithubHandle,
    HttpsUrl,
    Identifier,
    IsoDate,
    LongText,
    Percent,
    Record,
    ShortText,
    Unique,
    unique_items,
)
from generator.records.vocabulary import Certification, CheckOutcome, Grade, ScanResult, Soc2Type, Tier


class TierEntry(Record):
    tier: Tier
    since: IsoDate


class CaiqLiteAssessment(Record):
    grade: Grade
    assessed_on: IsoDate
    gaps: Annotated[tuple[LongText, ...], unique_items(0, 20), Unique] = ()


class VouchedClaim(Record):
    """What a maintainer's check vouches for: the fields of the claim as they were checked.

    An ISO/IEC 27001 check names the certificate id, issuer and expiry; a SOC 2 check the report type and
    period end. When the partner's claim no longer equals them, the claim is the partner's word again.
    """

    certificate_id: ShortText | None = None
    issuer: ShortText | None = None
    expires_on: IsoDate | None = None
    type: Soc2Type | None = None
    report_period_end: IsoDate | None = None


class CertificateCheck(Record):
    certification: Certification
    checked_on: IsoDate
    outcome: CheckOutcome
    vouches_for: VouchedClaim | None = None
    note: LongText | None = None
    # The audit trail: the maintainer who approved the check and the ticket it was decided in.
    approved_by: GithubHandle | None = None
    reference: HttpsUrl | None = None


class VulnerabilityScan(Record):
    scanned_on: IsoDate
    result: ScanResult
    scanner: ShortText


class SlaCompliance(Record):
    """Share of reports handled within the agreed SLA, in percent, per priority.

    A priority under which no report came in has no share: it is left out, and the metrics' `reports` must
    then count 0 reports for it (a priority left out otherwise is an error, `sla-not-reported`).
    """

    critical: Percent | None = None
    high: Percent | None = None
    medium: Percent | None = None
    low: Percent | None = None


ReportCount = Annotated[int, Field(ge=0, le=1_000_000)]


class ReportCounts(Record):
    """How many reports came in per priority over the measured period."""

    critical: ReportCount
    high: ReportCount
    medium: ReportCount
    low: ReportCount


class BugBountyMetrics(Record):
    measured_on: IsoDate
    researchers_engaged: Annotated[int, Field(ge=0, le=1_000_000)]
    sla_compliance: SlaCompliance
    reports: ReportCounts | None = None


class VouchedProgram(Record):
    """What a maintainer's check of a bug bounty program vouches for: its platform and start."""

    platform: ShortText
    since: IsoDate


class ProgramCheck(Record):
    """Maintainers checked the app's bug bounty program with its platform."""

    checked_on: IsoDate
    outcome: CheckOutcome
    vouches_for: VouchedProgram
    note: LongText | None = None
    approved_by: GithubHandle | None = None
    reference: HttpsUrl | None = None


class AppEvidence(Record):
    vulnerability_scans: tuple[VulnerabilityScan, ...] = ()
    bug_bounty_metrics: tuple[BugBountyMetrics, ...] = ()
    program_checks: tuple[ProgramCheck, ...] = ()


class Exemption(Record):
    badge: Identifier
    app: Identifier | None = None
    reason: LongText
    granted_on: IsoDate
    expires_on: IsoDate
    approved_by: GithubHandle | None = None
    reference: HttpsUrl | None = None


class Revocation(Record):
    """Maintainers revoke a badge, or a claimed certificate or report, from a day on, for a public reason.

    A badge revocation names the badge (and the app, for an app badge); an evidence revocation names the
    certification whose claim it revokes: the claim dated on or before `revoked_on` (a newer report or
    certificate is not revoked). Revoked beats every other state until `until`, if given.
    """

    badge: Identifier | None = None
    app: Identifier | None = None
    evidence: Certification | None = None
    revoked_on: IsoDate
    until: IsoDate | None = None
    reason: LongText
    approved_by: GithubHandle
    reference: HttpsUrl


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
    revocations: tuple[Revocation, ...] = ()
