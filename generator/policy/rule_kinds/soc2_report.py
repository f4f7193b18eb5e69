"""soc2-report: the partner claims a SOC 2 report of `type` whose period ended at most `max_age_days` ago."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from generator.policy.certificate_checks import certificate_provenance, check_dates, rejected
from generator.policy.outcomes import Criterion, Evidence
from generator.policy.rule_kind import NameOf, RuleKind, Subject, aged, days, lapse_day
from generator.records.policy import Soc2Report
from generator.records.vocabulary import Certification


def evaluate(rule: Soc2Report, subject: Subject, as_of: dt.date) -> Criterion:
    """Met while a report of the right type is fresh and not rejected by maintainers."""
    requirement = describe(rule, subject.holdings.badge_name)
    claim = subject.partner.certifications.soc2
    if claim is None or claim.report_period_end > as_of:
        return Criterion(rule.rule, requirement, False, "no SOC 2 report claimed")
    provenance, checked = certificate_provenance(subject, Certification.SOC2, claim.report_period_end, as_of)
    evidence = Evidence(
        "SOC 2 report",
        f"{claim.type}, period ended {claim.report_period_end.isoformat()}; {checked}",
        provenance,
        claim.report_period_end,
        claim.evidence_url,
    )
    if claim.type is not rule.type:
        return Criterion(rule.rule, requirement, False, f"report is {claim.type}", (evidence,))
    if rejected(subject, Certification.SOC2, claim.report_period_end, as_of):
        return Criterion(rule.rule, requirement, False, checked, (evidence,))
    fresh, valid_until, lapsed = aged(claim.report_period_end, rule.max_age_days, as_of)
    observed = f"{claim.type} report, period ended {claim.report_period_end.isoformat()}"
    if not fresh:
        observed += f", more than {days(rule.max_age_days)} ago"
    return Criterion(rule.rule, requirement, fresh, observed, (evidence,), valid_until if fresh else None, lapsed)


def describe(rule: Soc2Report, name_of: NameOf) -> str:
    """The requirement in words."""
    return f"SOC 2 {rule.type} report whose period ended within {days(rule.max_age_days)}"


def change_dates(rule: Soc2Report, subject: Subject) -> Iterator[dt.date]:
    """The report period's end, the day it grows too old, and the maintainers' checks."""
    claim = subject.partner.certifications.soc2
    if claim is None:
        return
    yield from (claim.report_period_end, lapse_day(claim.report_period_end, rule.max_age_days))
    yield from check_dates(subject, Certification.SOC2)


KIND = RuleKind(Soc2Report, evaluate, describe, change_dates)
