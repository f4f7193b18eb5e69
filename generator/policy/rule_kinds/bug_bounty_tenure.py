"""bug-bounty-tenure: the app has been in a declared bug bounty program for at least `min_days`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from generator.policy.app_evidence import all_metrics, metrics_until
from generator.policy.outcomes import Criterion, Evidence, Observation, Shortfall, shortfalls
from generator.policy.rule_kind import RuleKind, Subject
from generator.records.policy import BugBountyTenure, Provenance


@dataclass(frozen=True)
class TenureObserved(Observation):
    since: dt.date
    days_in_program: int


def evaluate(rule: BugBountyTenure, subject: Subject, as_of: dt.date) -> Criterion:
    """Met once the program has run for `min_days`."""
    program = subject.app.bug_bounty if subject.app else None
    if program is None or program.since > as_of:
        return Criterion(rule, frozenset({Shortfall.MISSING}))
    # The declaration is the partner's word until maintainers measure the program.
    measured = bool(metrics_until(subject, as_of))
    provenance = Provenance.VERIFIED if measured else Provenance.SELF_ATTESTED
    evidence = Evidence(program, provenance, program.since, program.program_url)
    held = (as_of - program.since).days
    short = shortfalls({Shortfall.NOT_YET: held < rule.min_days})
    return Criterion(rule, short, TenureObserved(program.since, held), (evidence,))


def change_dates(rule: BugBountyTenure, subject: Subject) -> Iterator[dt.date]:
    """The program's start, the day it reaches its tenure, and the measurements that make it verified."""
    program = subject.app.bug_bounty if subject.app else None
    if program is None:
        return
    yield program.since
    yield program.since + dt.timedelta(days=rule.min_days)
    yield from (m.measured_on for m in all_metrics(subject))


KIND = RuleKind(BugBountyTenure, evaluate, change_dates)
