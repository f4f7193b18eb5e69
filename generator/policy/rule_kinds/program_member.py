"""program-member: the partner's verification record lists a membership of `program` in force on the date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from generator.policy.outcomes import Criterion, Evidence, Observation, Shortfall
from generator.policy.rule_kind import ONE_DAY, RuleKind, Subject, latest
from generator.records.evidence import Membership
from generator.records.policy import ProgramMember, Provenance
from generator.records.shared_values import compact_pickle


@compact_pickle
@dataclass(frozen=True, slots=True)
class MembershipObserved(Observation):
    since: dt.date
    until: dt.date | None


def _memberships(rule: ProgramMember, subject: Subject) -> list[Membership]:
    memberships = subject.verification.memberships if subject.verification else ()
    return [m for m in memberships if m.program == rule.program]


def evaluate(rule: ProgramMember, subject: Subject, as_of: dt.date) -> Criterion:
    """Met from the latest membership's start through its end, if it has one."""
    current = latest(_memberships(rule, subject), lambda m: m.since, as_of)
    if current is None:
        return Criterion(rule, frozenset({Shortfall.MISSING}))
    evidence = (Evidence(current, Provenance.VERIFIED, current.since),)
    observed = MembershipObserved(current.since, current.until)
    if current.until is not None and current.until < as_of:
        return Criterion(rule, frozenset({Shortfall.ENDED}), observed, evidence, lapsed_on=current.until + ONE_DAY)
    return Criterion(rule, frozenset(), observed, evidence, current.until)


def change_dates(rule: ProgramMember, subject: Subject) -> Iterator[dt.date]:
    """Each membership's start, and the day after it ends."""
    for membership in _memberships(rule, subject):
        yield membership.since
        if membership.until is not None:
            yield membership.until + ONE_DAY


KIND = RuleKind(ProgramMember, evaluate, change_dates)
