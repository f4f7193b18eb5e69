"""bug-bounty-sla: the latest metrics, at most `max_age_days` old, meet every priority's SLA threshold."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from generator.policy.app_evidence import all_metrics, latest_metrics, metrics_evidence
from generator.policy.outcomes import Criterion, Observation, Shortfall, shortfalls
from generator.policy.rule_kind import RuleKind, Subject, aged, lapse_day
from generator.records.policy import BugBountySla
from generator.records.shared_values import compact_pickle

PRIORITIES = ("critical", "high", "medium", "low")


@compact_pickle
@dataclass(frozen=True, slots=True)
class SlaGap:
    """One priority below its threshold."""

    priority: str
    percent: float
    minimum: float


@compact_pickle
@dataclass(frozen=True, slots=True)
class SlaObserved(Observation):
    measured_on: dt.date
    # The priorities below their threshold, most urgent first.
    below: tuple[SlaGap, ...]
    # The priorities under which no report came in (met whatever the threshold).
    no_reports: tuple[str, ...] = ()


def evaluate(rule: BugBountySla, subject: Subject, as_of: dt.date) -> Criterion:
    """Met while the latest measurement is fresh and no priority is below its threshold."""
    metrics = latest_metrics(subject, as_of)
    if metrics is None:
        return Criterion(rule, frozenset({Shortfall.MISSING}))
    fresh, valid_until, lapsed = aged(metrics.measured_on, rule.max_age_days, as_of)
    sla, floor = metrics.sla_compliance, rule.min_percent
    # A priority with no reports had nothing to handle late: it meets any threshold.
    measured = {name: getattr(sla, name) for name in PRIORITIES}
    below = tuple(
        SlaGap(name, percent, getattr(floor, name))
        for name, percent in measured.items()
        if percent is not None and percent < getattr(floor, name)
    )
    unreported = tuple(name for name, percent in measured.items() if percent is None)
    return Criterion(
        rule,
        shortfalls({Shortfall.BELOW_THRESHOLD: bool(below), Shortfall.TOO_OLD: not fresh}),
        SlaObserved(metrics.measured_on, below, unreported),
        (metrics_evidence(metrics),),
        valid_until if not below and fresh else None,
        lapsed if not below else None,
    )


def change_dates(rule: BugBountySla, subject: Subject) -> Iterator[dt.date]:
    """Each measurement's day, and the day it grows too old."""
    for metrics in all_metrics(subject):
        yield from (metrics.measured_on, lapse_day(metrics.measured_on, rule.max_age_days))


KIND = RuleKind(BugBountySla, evaluate, change_dates)
