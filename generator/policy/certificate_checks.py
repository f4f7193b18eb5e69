"""The maintainers' checks of a partner's certificates and reports, as the certification rule kinds read them."""

from __future__ import annotations

import datetime as dt

from generator.policy.rule_kind import Subject, latest
from generator.records.evidence import CertificateCheck
from generator.records.policy import Provenance
from generator.records.vocabulary import Certification, CheckOutcome


def check_dates(subject: Subject, certification: Certification) -> set[dt.date]:
    """The days maintainers checked a certification of the subject's partner."""
    checks = subject.verification.certificate_checks if subject.verification else ()
    return {c.checked_on for c in checks if c.certification is certification}


def latest_check(
    subject: Subject, certification: Certification, claimed_on: dt.date, as_of: dt.date
) -> CertificateCheck | None:
    """The maintainers' latest check of a claim as of a date, if they checked it."""
    checks = subject.verification.certificate_checks if subject.verification else ()
    # A check made before the claimed evidence existed was of another report or certificate.
    relevant = (c for c in checks if c.certification is certification and c.checked_on >= claimed_on)
    return latest(relevant, lambda c: c.checked_on, as_of)


def provenance_of(check: CertificateCheck | None) -> Provenance:
    """A claim is the partner's word until maintainers confirm it."""
    confirmed = check is not None and check.outcome is CheckOutcome.CONFIRMED
    return Provenance.VERIFIED if confirmed else Provenance.SELF_ATTESTED


def rejected_on(check: CertificateCheck | None) -> dt.date | None:
    """The day maintainers rejected the claim, if their latest check did."""
    return check.checked_on if check is not None and check.outcome is CheckOutcome.REJECTED else None
