"""bug-bounty-sla: the latest metrics, at most `max_age_days` old, meet every priority's SLA threshold."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from generator.policy.app_evidence import all_metrics, latest_metrics, metrics_evidence
from generator.policy.outcomes import Criterion
from generator.policy.rule_kind import NameOf, RuleKind, Subject, aged, days, lapse_day
from generator.records.policy import BugBountySla


def evaluate(rule: BugBountySla, subject: Subject, as_of: dt.date) -> Criterion:
    """Met while the latest measurement is fresh and no priority is below its threshold."""
    floor = rule.min_percent
    requirement = describe(rule, subject.holdings.badge_name)
    metrics = latest_metrics(subject, as_of)
    if metrics is None:
        return Criterion(rule.rule, requirement, False, "no bug bounty metrics recorded")
    fresh, valid_until, lapsed = aged(metrics.measured_on, rule.max_age_days, as_of)
    sla = metrics.sla_compliance
    short = [
        f"{name} {getattr(sla, name):g}% < {getattr(floor, name):g}%"
        for name in ("critical", "high", "medium", "low")
        if getattr(sla, name) < getattr(floor, name)
    ]
    observed = "below threshold: " + ", ".join(short) if short else "every priority at or above its threshold"
    observed += f" (as of {metrics.measured_on.isoformat()})"
    if not fresh:
        observed += f"; measured more than {days(rule.max_age_days)} ago"
    return Criterion(
        rule.rule,
        requirement,
        not short and fresh,
        observed,
        (metrics_evidence(metrics),),
        valid_until if not short and fresh else None,
        lapsed if not short else None,
    )


def describe(rule: BugBountySla, name_of: NameOf) -> str:
    """The requirement in words."""
    floor = rule.min_percent
    return (
        f"SLA compliance at least critical {floor.critical:g}%, high {floor.high:g}%, medium {floor.medium:g}%, "
        f"low {floor.low:g}%, measured within {days(rule.max_age_days)}"
    )


def change_dates(rule: BugBountySla, subject: Subject) -> Iterator[dt.date]:
    """Each measurement's day, and the day it grows too old."""
    for metrics in all_metrics(subject):
        yield from (metrics.measured_on, lapse_day(metrics.measured_on, rule.max_age_days))


KIND = RuleKind(BugBountySla, evaluate, describe, change_dates)
