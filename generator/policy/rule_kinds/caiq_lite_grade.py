"""caiq-lite-grade: the partner's latest CAIQ-Lite grade is `min_grade` or better and at most `max_age_days` old."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from generator.policy.outcomes import Criterion, Evidence, Observation, Shortfall, shortfalls
from generator.policy.rule_kind import RuleKind, Subject, aged, lapse_day, latest
from generator.records.policy import CaiqLiteGrade, Provenance, grade_at_least
from generator.records.shared_values import compact_pickle
from generator.records.vocabulary import Grade


@compact_pickle
@dataclass(frozen=True, slots=True)
class GradeObserved(Observation):
    grade: Grade
    assessed_on: dt.date


def evaluate(rule: CaiqLiteGrade, subject: Subject, as_of: dt.date) -> Criterion:
    """Met while the latest assessment is fresh and graded well enough."""
    assessments = subject.verification.caiq_lite if subject.verification else ()
    assessment = latest(assessments, lambda a: a.assessed_on, as_of)
    if assessment is None:
        return Criterion(rule, frozenset({Shortfall.MISSING}))
    fresh, valid_until, lapsed = aged(assessment.assessed_on, rule.max_age_days, as_of)
    good = grade_at_least(assessment.grade, rule.min_grade)
    return Criterion(
        rule,
        # A grade older than the window counts as out of date, not as its colour (docs/policy.md).
        shortfalls({Shortfall.BELOW_THRESHOLD: fresh and not good, Shortfall.TOO_OLD: not fresh}),
        GradeObserved(assessment.grade, assessment.assessed_on),
        (Evidence(assessment, Provenance.VERIFIED, assessment.assessed_on),),
        valid_until if good and fresh else None,
        lapsed if good else None,
    )


def change_dates(rule: CaiqLiteGrade, subject: Subject) -> Iterator[dt.date]:
    """Each assessment's day, and the day it grows too old."""
    for assessment in subject.verification.caiq_lite if subject.verification else ():
        yield from (assessment.assessed_on, lapse_day(assessment.assessed_on, rule.max_age_days))


KIND = RuleKind(CaiqLiteGrade, evaluate, change_dates)
