"""bug-bounty-tenure: the app has been in a declared bug bounty program for at least `min_days`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from generator.policy.app_evidence import all_metrics, metrics_until
from generator.policy.outcomes import Criterion, Evidence
from generator.policy.rule_kind import NameOf, RuleKind, Subject, days
from generator.records.policy import BugBountyTenure, Provenance


def evaluate(rule: BugBountyTenure, subject: Subject, as_of: dt.date) -> Criterion:
    """Met once the program has run for `min_days`."""
    requirement = describe(rule, subject.holdings.badge_name)
    program = subject.app.bug_bounty if subject.app else None
    if program is None or program.since > as_of:
        return Criterion(rule.rule, requirement, False, "no bug bounty program declared")
    # The declaration is the partner's word until maintainers measure the program.
    measured = bool(metrics_until(subject, as_of))
    evidence = Evidence(
        "Bug bounty program",
        f"{program.visibility} program on {program.platform}",
        Provenance.VERIFIED if measured else Provenance.SELF_ATTESTED,
        program.since,
        program.program_url,
    )
    held = (as_of - program.since).days
    observed = f"in the program since {program.since.isoformat()} ({days(held)})"
    return Criterion(rule.rule, requirement, held >= rule.min_days, observed, (evidence,))


def describe(rule: BugBountyTenure, name_of: NameOf) -> str:
    """The requirement in words."""
    return f"In a bug bounty program for at least {days(rule.min_days)}"


def change_dates(rule: BugBountyTenure, subject: Subject) -> Iterator[dt.date]:
    """The program's start, the day it reaches its tenure, and the measurements that make it verified."""
    program = subject.app.bug_bounty if subject.app else None
    if program is None:
        return
    yield program.since
    yield program.since + dt.timedelta(days=rule.min_days)
    yield from (m.measured_on for m in all_metrics(subject))


KIND = RuleKind(BugBountyTenure, evaluate, describe, change_dates)
