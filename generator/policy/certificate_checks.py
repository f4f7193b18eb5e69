"""The maintainers' checks of a partner's certificates and reports, as the certification rule kinds read them.

A check vouches for the claim as it was checked (`vouches_for`): it applies only while the partner's claim
still says the same. A claim changed since is the partner's word again, and a rejection does not carry over.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.policy.rule_kind import ONE_DAY, Subject, latest
from generator.records.evidence import CertificateCheck, Revocation, VouchedClaim
from generator.records.partner import Iso27001Claim, Soc2Claim
from generator.records.policy import Provenance
from generator.records.shared_values import compact_pickle
from generator.records.vocabulary import Certification, CheckOutcome


@compact_pickle
@dataclass(frozen=True, slots=True)
class BoundCheck:
    """The maintainers' latest check of a claim as of a date, if it vouches for the claim as it stands."""

    check: CertificateCheck | None
    # The latest check vouched for something else: the day of that check (the claim changed since).
    changed_since: dt.date | None = None


def _checks(subject: Subject, certification: Certification) -> list[CertificateCheck]:
    checks = subject.verification.certificate_checks if subject.verification else ()
    return [c for c in checks if c.certification is certification]


def check_dates(subject: Subject, certification: Certification) -> set[dt.date]:
    """The days maintainers checked or revoked a certification of the subject's partner."""
    days = {c.checked_on for c in _checks(subject, certification)}
    for revocation in _revocations(subject, certification):
        days.add(revocation.revoked_on)
        if revocation.until is not None:
            days.add(revocation.until + ONE_DAY)
    return days


def vouched_fields(claim: Soc2Claim | Iso27001Claim) -> VouchedClaim:
    """What a check of this claim must vouch for to apply to it."""
    if isinstance(claim, Soc2Claim):
        return VouchedClaim(type=claim.type, report_period_end=claim.report_period_end)
    return VouchedClaim(certificate_id=claim.certificate_id, issuer=claim.issuer, expires_on=claim.expires_on)


def vouches_for(check: CertificateCheck, claim: Soc2Claim | Iso27001Claim) -> bool:
    """Whether the check vouched for the claim exactly as the partner states it now."""
    return check.vouches_for is not None and check.vouches_for == vouched_fields(claim)


def bound_check(
    subject: Subject, certification: Certification, claim: Soc2Claim | Iso27001Claim, as_of: dt.date
) -> BoundCheck:
    """The maintainers' latest check of the certification as of a date, if it vouched for this claim."""
    check = latest(_checks(subject, certification), lambda c: c.checked_on, as_of)
    if check is None:
        return BoundCheck(None)
    if not vouches_for(check, claim):
        return BoundCheck(None, changed_since=check.checked_on)
    return BoundCheck(check)


def provenance_of(bound: BoundCheck) -> Provenance:
    """A claim is the partner's word until maintainers confirm it, as it stands."""
    confirmed = bound.check is not None and bound.check.outcome is CheckOutcome.CONFIRMED
    return Provenance.VERIFIED if confirmed else Provenance.SELF_ATTESTED


def rejected_on(bound: BoundCheck) -> dt.date | None:
    """The day maintainers rejected the claim, if their latest check did."""
    check = bound.check
    return check.checked_on if check is not None and check.outcome is CheckOutcome.REJECTED else None


def _revocations(subject: Subject, certification: Certification) -> list[Revocation]:
    revocations = subject.verification.revocations if subject.verification else ()
    return [r for r in revocations if r.evidence is certification]


def revocation_of(
    subject: Subject, certification: Certification, claimed_on: dt.date, as_of: dt.date
) -> Revocation | None:
    """The revocation in force on the date of a claim dated `claimed_on` (a newer claim is not revoked)."""
    in_force = [
        r
        for r in _revocations(subject, certification)
        if claimed_on <= r.revoked_on <= as_of and (r.until is None or as_of <= r.until)
    ]
    return latest(in_force, lambda r: r.revoked_on, as_of)
