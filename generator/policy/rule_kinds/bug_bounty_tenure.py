"""bug-bounty-tenure: the app has been in a declared bug bounty program for at least `min_days`.

The program's start (`since`) is the partner's declaration. Maintainers vouch for a start when their latest
check of the program confirms that platform and start; failing that, for the day they first measured the
program. The tenure is verified only when the vouched-for part of it is long enough.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from generator.policy.app_evidence import all_metrics, metrics_until
from generator.policy.outcomes import Criterion, Evidence, Observation, Shortfall, shortfalls
from generator.policy.rule_kind import ONE_DAY, RuleKind, Subject, latest
from generator.records.evidence import ProgramCheck, VouchedProgram
from generator.records.policy import BugBountyTenure, Provenance
from generator.records.shared_values import compact_pickle
from generator.records.vocabulary import CheckOutcome


@compact_pickle
@dataclass(frozen=True, slots=True)
class TenureObserved(Observation):
    since: dt.date
    days_in_program: int
    # The days maintainers can vouch for (None: neither checked nor measured yet).
    verified_days: int | None = None
    # The program's last day, when it has ended.
    until: dt.date | None = None


def program_checks(subject: Subject) -> tuple[ProgramCheck, ...]:
    """Every maintainers' check of the app's bug bounty program."""
    if subject.app is None or subject.verification is None:
        return ()
    evidence = subject.verification.apps.get(subject.app.id)
    return evidence.program_checks if evidence else ()


def evaluate(rule: BugBountyTenure, subject: Subject, as_of: dt.date) -> Criterion:
    """Met once the program has run for `min_days`; verified once maintainers vouch for that long."""
    program = subject.app.bug_bounty if subject.app else None
    if program is None or program.since > as_of:
        return Criterion(rule, frozenset({Shortfall.MISSING}))
    check = latest(program_checks(subject), lambda c: c.checked_on, as_of)
    bound = (
        check
        if check is not None and check.vouches_for == VouchedProgram(platform=program.platform, since=program.since)
        else None
    )
    changed_since = check.checked_on if check is not None and bound is None else None
    # A measurement before the declared start says nothing of this program's start (docs/policy.md).
    measured = [m.measured_on for m in metrics_until(subject, as_of) if m.measured_on >= program.since]
    if bound is not None and bound.outcome is CheckOutcome.CONFIRMED:
        vouched_start: dt.date | None = program.since
    else:
        vouched_start = min(measured) if measured else None
    verified_days = (as_of - vouched_start).days if vouched_start is not None else None
    verified = verified_days is not None and verified_days >= rule.min_days
    evidence = Evidence(
        program,
        Provenance.VERIFIED if verified else Provenance.SELF_ATTESTED,
        program.since,
        program.program_url,
        bound,
        changed_since,
    )
    held = (as_of - program.since).days
    observed = TenureObserved(program.since, held, verified_days, program.until)
    # A rejection of the program as declared comes first: a rejected program that ended did not expire.
    if bound is not None and bound.outcome is CheckOutcome.REJECTED:
        return Criterion(rule, frozenset({Shortfall.REJECTED}), observed, (evidence,))
    if program.until is not None and program.until < as_of:
        # It lapsed with its end only if it had been met: the program ran `min_days` before it ended.
        reached = (program.until - program.since).days >= rule.min_days
        ended = program.until + ONE_DAY if reached else None
        return Criterion(rule, frozenset({Shortfall.ENDED}), observed, (evidence,), lapsed_on=ended)
    short = shortfalls({Shortfall.NOT_YET: held < rule.min_days})
    return Criterion(rule, short, observed, (evidence,), program.until if not short else None)


def change_dates(rule: BugBountyTenure, subject: Subject) -> Iterator[dt.date]:
    """The program's start and end, the day it reaches its tenure, and the checks and measurements that make
    it verified, and the days they make it long enough."""
    program = subject.app.bug_bounty if subject.app else None
    if program is None:
        return
    tenure = dt.timedelta(days=rule.min_days)
    yield from (program.since, program.since + tenure)
    if program.until is not None:
        yield program.until + ONE_DAY
    for metrics in all_metrics(subject):
        yield from (metrics.measured_on, metrics.measured_on + tenure)
    for check in program_checks(subject):
        yield check.checked_on


KIND = RuleKind(BugBountyTenure, evaluate, change_dates)
