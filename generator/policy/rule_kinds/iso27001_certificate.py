"""iso27001-certificate: the partner claims an ISO/IEC 27001 certificate that is issued and not expired."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from generator.policy.certificate_checks import certificate_provenance, check_dates, rejected
from generator.policy.outcomes import Criterion, Evidence
from generator.policy.rule_kind import ONE_DAY, NameOf, RuleKind, Subject
from generator.records.policy import Iso27001Certificate
from generator.records.vocabulary import Certification


def evaluate(rule: Iso27001Certificate, subject: Subject, as_of: dt.date) -> Criterion:
    """Met from the certificate's issue until the day before its expiry, unless maintainers rejected it."""
    requirement = describe(rule, subject.holdings.badge_name)
    claim = subject.partner.certifications.iso27001
    if claim is None or claim.issued_on > as_of:
        return Criterion(rule.rule, requirement, False, "no ISO/IEC 27001 certificate claimed")
    provenance, checked = certificate_provenance(subject, Certification.ISO27001, claim.issued_on, as_of)
    evidence = Evidence(
        "ISO/IEC 27001 certificate",
        f"{claim.certificate_id} by {claim.issuer}, valid {claim.issued_on.isoformat()} to "
        f"{claim.expires_on.isoformat()}; {checked}",
        provenance,
        claim.issued_on,
        claim.evidence_url,
    )
    if rejected(subject, Certification.ISO27001, claim.issued_on, as_of):
        return Criterion(rule.rule, requirement, False, checked, (evidence,))
    # A certificate is no longer valid on its expiry date.
    valid_until = claim.expires_on - ONE_DAY
    fresh = as_of <= valid_until
    observed = f"certificate {claim.certificate_id}, expires {claim.expires_on.isoformat()}"
    if not fresh:
        observed = f"certificate {claim.certificate_id} expired on {claim.expires_on.isoformat()}"
    return Criterion(
        rule.rule,
        requirement,
        fresh,
        observed,
        (evidence,),
        valid_until if fresh else None,
        None if fresh else claim.expires_on,
    )


def describe(rule: Iso27001Certificate, name_of: NameOf) -> str:
    """The requirement in words."""
    return "ISO/IEC 27001 certificate issued and not expired"


def change_dates(rule: Iso27001Certificate, subject: Subject) -> Iterator[dt.date]:
    """The certificate's issue and expiry, and the maintainers' checks."""
    claim = subject.partner.certifications.iso27001
    if claim is None:
        return
    yield from (claim.issued_on, claim.expires_on)
    yield from check_dates(subject, Certification.ISO27001)


KIND = RuleKind(Iso27001Certificate, evaluate, describe, change_dates)
