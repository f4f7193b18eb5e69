"""bug-bounty-researchers: the latest metrics, at most `max_age_days` old, count at least `min_researchers`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from generator.policy.app_evidence import all_metrics, latest_metrics, metrics_evidence
from generator.policy.outcomes import Criterion
from generator.policy.rule_kind import NameOf, RuleKind, Subject, aged, days, lapse_day
from generator.records.policy import BugBountyResearchers


def evaluate(rule: BugBountyResearchers, subject: Subject, as_of: dt.date) -> Criterion:
    """Met while the latest measurement is fresh and counts enough researchers."""
    requirement = describe(rule, subject.holdings.badge_name)
    metrics = latest_metrics(subject, as_of)
    if metrics is None:
        return Criterion(rule.rule, requirement, False, "no bug bounty metrics recorded")
    fresh, valid_until, lapsed = aged(metrics.measured_on, rule.max_age_days, as_of)
    enough = metrics.researchers_engaged >= rule.min_researchers
    observed = f"{metrics.researchers_engaged} researchers as of {metrics.measured_on.isoformat()}"
    if not fresh:
        observed += f" (measured more than {days(rule.max_age_days)} ago)"
    return Criterion(
        rule.rule,
        requirement,
        enough and fresh,
        observed,
        (metrics_evidence(metrics),),
        valid_until if enough and fresh else None,
        lapsed if enough else None,
    )


def describe(rule: BugBountyResearchers, name_of: NameOf) -> str:
    """The requirement in words."""
    return f"At least {rule.min_researchers} researchers engaged, measured within {days(rule.max_age_days)}"


def change_dates(rule: BugBountyResearchers, subject: Subject) -> Iterator[dt.date]:
    """Each measurement's day, and the day it grows too old."""
    for metrics in all_metrics(subject):
        yield from (metrics.measured_on, lapse_day(metrics.measured_on, rule.max_age_days))


KIND = RuleKind(BugBountyResearchers, evaluate, describe, change_dates)
