"""soc2-report: the partner claims a SOC 2 report of `type` whose period ended at most `max_age_days` ago."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from generator.policy.certificate_checks import bound_check, check_dates, provenance_of, rejected_on, revocation_of
from generator.policy.outcomes import Criterion, Evidence, Observation, Shortfall
from generator.policy.rule_kind import RuleKind, Subject, aged, lapse_day
from generator.records.policy import Soc2Report
from generator.records.shared_values import compact_pickle
from generator.records.vocabulary import Certification, Soc2Type


@compact_pickle
@dataclass(frozen=True, slots=True)
class Soc2Observed(Observation):
    type: Soc2Type
    period_end: dt.date
    # The day maintainers rejected the report, if their latest check did.
    rejected_on: dt.date | None
    # The day maintainers revoked the report, if a revocation is in force.
    revoked_on: dt.date | None = None


def evaluate(rule: Soc2Report, subject: Subject, as_of: dt.date) -> Criterion:
    """Met while a report of the right type is fresh and not rejected by maintainers."""
    claim = subject.partner.certifications.soc2
    if claim is None or claim.report_period_end > as_of:
        return Criterion(rule, frozenset({Shortfall.MISSING}))
    bound = bound_check(subject, Certification.SOC2, claim, as_of)
    revocation = revocation_of(subject, Certification.SOC2, claim.report_period_end, as_of)
    evidence = (
        Evidence(
            claim, provenance_of(bound), claim.report_period_end, claim.evidence_url, bound.check, bound.changed_since
        ),
    )
    observed = Soc2Observed(
        claim.type, claim.report_period_end, rejected_on(bound), revocation.revoked_on if revocation else None
    )
    # Judged in this order, and the first that falls short is the reason given.
    if observed.revoked_on is not None:
        return Criterion(rule, frozenset({Shortfall.REVOKED}), observed, evidence)
    if claim.type is not rule.type:
        return Criterion(rule, frozenset({Shortfall.WRONG_TYPE}), observed, evidence)
    if observed.rejected_on is not None:
        return Criterion(rule, frozenset({Shortfall.REJECTED}), observed, evidence)
    fresh, valid_until, lapsed = aged(claim.report_period_end, rule.max_age_days, as_of)
    if not fresh:
        return Criterion(rule, frozenset({Shortfall.TOO_OLD}), observed, evidence, lapsed_on=lapsed)
    return Criterion(rule, frozenset(), observed, evidence, valid_until)


def change_dates(rule: Soc2Report, subject: Subject) -> Iterator[dt.date]:
    """The report period's end, the day it grows too old, and the maintainers' checks."""
    claim = subject.partner.certifications.soc2
    if claim is None:
        return
    yield from (claim.report_period_end, lapse_day(claim.report_period_end, rule.max_age_days))
    yield from check_dates(subject, Certification.SOC2)


KIND = RuleKind(Soc2Report, evaluate, change_dates)
