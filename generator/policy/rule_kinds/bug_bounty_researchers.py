"""bug-bounty-researchers: the latest metrics, at most `max_age_days` old, count at least `min_researchers`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from generator.policy.app_evidence import all_metrics, latest_metrics, metrics_evidence
from generator.policy.outcomes import Criterion, Observation, Shortfall, shortfalls
from generator.policy.rule_kind import RuleKind, Subject, aged, lapse_day
from generator.records.policy import BugBountyResearchers
from generator.records.shared_values import compact_pickle


@compact_pickle
@dataclass(frozen=True, slots=True)
class ResearchersObserved(Observation):
    researchers: int
    measured_on: dt.date


def evaluate(rule: BugBountyResearchers, subject: Subject, as_of: dt.date) -> Criterion:
    """Met while the latest measurement is fresh and counts enough researchers."""
    metrics = latest_metrics(subject, as_of)
    if metrics is None:
        return Criterion(rule, frozenset({Shortfall.MISSING}))
    fresh, valid_until, lapsed = aged(metrics.measured_on, rule.max_age_days, as_of)
    enough = metrics.researchers_engaged >= rule.min_researchers
    return Criterion(
        rule,
        shortfalls({Shortfall.BELOW_THRESHOLD: not enough, Shortfall.TOO_OLD: not fresh}),
        ResearchersObserved(metrics.researchers_engaged, metrics.measured_on),
        (metrics_evidence(metrics),),
        valid_until if enough and fresh else None,
        lapsed if enough else None,
    )


def change_dates(rule: BugBountyResearchers, subject: Subject) -> Iterator[dt.date]:
    """Each measurement's day, and the day it grows too old."""
    for metrics in all_metrics(subject):
        yield from (metrics.measured_on, lapse_day(metrics.measured_on, rule.max_age_days))


KIND = RuleKind(BugBountyResearchers, evaluate, change_dates)
