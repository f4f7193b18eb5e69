"""caiq-lite-grade: the partner's latest CAIQ-Lite grade is `min_grade` or better and at most `max_age_days` old."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from generator.policy.outcomes import Criterion, Evidence
from generator.policy.rule_kind import NameOf, RuleKind, Subject, aged, days, lapse_day, latest
from generator.records.policy import CaiqLiteGrade, Provenance, grade_at_least


def evaluate(rule: CaiqLiteGrade, subject: Subject, as_of: dt.date) -> Criterion:
    """Met while the latest assessment is fresh and graded well enough."""
    requirement = describe(rule, subject.holdings.badge_name)
    assessments = subject.verification.caiq_lite if subject.verification else ()
    assessment = latest(assessments, lambda a: a.assessed_on, as_of)
    if assessment is None:
        return Criterion(rule.rule, requirement, False, "no CAIQ-Lite assessment recorded")
    fresh, valid_until, lapsed = aged(assessment.assessed_on, rule.max_age_days, as_of)
    good = grade_at_least(assessment.grade, rule.min_grade)
    observed = f"graded {assessment.grade} ({assessment.grade.label}) on {assessment.assessed_on.isoformat()}"
    if not fresh:
        observed += f", more than {days(rule.max_age_days)} ago"
    gaps = f"; gaps: {'; '.join(assessment.gaps)}" if assessment.gaps else ""
    evidence = Evidence(
        "CAIQ-Lite assessment",
        f"grade {assessment.grade} ({assessment.grade.label}){gaps}",
        Provenance.VERIFIED,
        assessment.assessed_on,
    )
    return Criterion(
        rule.rule,
        requirement,
        good and fresh,
        observed,
        (evidence,),
        valid_until if good and fresh else None,
        lapsed if good else None,
    )


def describe(rule: CaiqLiteGrade, name_of: NameOf) -> str:
    """The requirement in words."""
    return (
        f"CAIQ-Lite grade {rule.min_grade} ({rule.min_grade.label}) or better, "
        f"assessed within {days(rule.max_age_days)}"
    )


def change_dates(rule: CaiqLiteGrade, subject: Subject) -> Iterator[dt.date]:
    """Each assessment's day, and the day it grows too old."""
    for assessment in subject.verification.caiq_lite if subject.verification else ():
        yield from (assessment.assessed_on, lapse_day(assessment.assessed_on, rule.max_age_days))


KIND = RuleKind(CaiqLiteGrade, evaluate, describe, change_dates)
