"""iso27001-certificate: the partner claims an ISO/IEC 27001 certificate that is issued and not expired."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from generator.policy.certificate_checks import bound_check, check_dates, provenance_of, rejected_on, revocation_of
from generator.policy.outcomes import Criterion, Evidence, Observation, Shortfall
from generator.policy.rule_kind import ONE_DAY, RuleKind, Subject
from generator.records.policy import Iso27001Certificate
from generator.records.shared_values import compact_pickle
from generator.records.vocabulary import Certification


@compact_pickle
@dataclass(frozen=True, slots=True)
class Iso27001Observed(Observation):
    certificate_id: str
    expires_on: dt.date
    # The day maintainers rejected the certificate, if their latest check did.
    rejected_on: dt.date | None
    # The day maintainers revoked the certificate, if a revocation is in force.
    revoked_on: dt.date | None = None


def evaluate(rule: Iso27001Certificate, subject: Subject, as_of: dt.date) -> Criterion:
    """Met from the certificate's issue until the day before its expiry, unless maintainers rejected it."""
    claim = subject.partner.certifications.iso27001
    if claim is None or claim.issued_on > as_of:
        return Criterion(rule, frozenset({Shortfall.MISSING}))
    bound = bound_check(subject, Certification.ISO27001, claim, as_of)
    revocation = revocation_of(subject, Certification.ISO27001, claim.issued_on, as_of)
    evidence = (
        Evidence(claim, provenance_of(bound), claim.issued_on, claim.evidence_url, bound.check, bound.changed_since),
    )
    observed = Iso27001Observed(
        claim.certificate_id, claim.expires_on, rejected_on(bound), revocation.revoked_on if revocation else None
    )
    if observed.revoked_on is not None:
        return Criterion(rule, frozenset({Shortfall.REVOKED}), observed, evidence)
    if observed.rejected_on is not None:
        return Criterion(rule, frozenset({Shortfall.REJECTED}), observed, evidence)
    # A certificate is no longer valid on its expiry date.
    valid_until = claim.expires_on - ONE_DAY
    if as_of > valid_until:
        return Criterion(rule, frozenset({Shortfall.EXPIRED}), observed, evidence, lapsed_on=claim.expires_on)
    return Criterion(rule, frozenset(), observed, evidence, valid_until)


def change_dates(rule: Iso27001Certificate, subject: Subject) -> Iterator[dt.date]:
    """The certificate's issue and expiry, and the maintainers' checks."""
    claim = subject.partner.certifications.iso27001
    if claim is None:
        return
    yield from (claim.issued_on, claim.expires_on)
    yield from check_dates(subject, Certification.ISO27001)


KIND = RuleKind(Iso27001Certificate, evaluate, change_dates)
