"""The maintainers' checks of a partner's certificates and reports, as the certification rule kinds read them."""

from __future__ import annotations

import datetime as dt

from generator.policy.rule_kind import Subject, latest
from generator.records.policy import Provenance
from generator.records.vocabulary import Certification, CheckOutcome


def check_dates(subject: Subject, certification: Certification) -> set[dt.date]:
    """The days maintainers checked a certification of the subject's partner."""
    checks = subject.verification.certificate_checks if subject.verification else ()
    return {c.checked_on for c in checks if c.certification is certification}


def certificate_provenance(
    subject: Subject, certification: Certification, claimed_on: dt.date, as_of: dt.date
) -> tuple[Provenance, str]:
    """Whose word a claim rests on as of a date, and the maintainers' latest check of it in words."""
    checks = subject.verification.certificate_checks if subject.verification else ()
    # A check made before the claimed evidence existed was of another report or certificate.
    relevant = (c for c in checks if c.certification is certification and c.checked_on >= claimed_on)
    check = latest(relevant, lambda c: c.checked_on, as_of)
    if check is None:
        return Provenance.SELF_ATTESTED, "not yet checked by maintainers"
    if check.outcome is CheckOutcome.CONFIRMED:
        return Provenance.VERIFIED, f"confirmed by maintainers on {check.checked_on.isoformat()}"
    return Provenance.SELF_ATTESTED, f"rejected by maintainers on {check.checked_on.isoformat()}"


def rejected(subject: Subject, certification: Certification, claimed_on: dt.date, as_of: dt.date) -> bool:
    """Whether the maintainers' latest check of the claim rejected it."""
    return certificate_provenance(subject, certification, claimed_on, as_of)[1].startswith("rejected")
