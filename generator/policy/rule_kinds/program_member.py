"""program-member: the partner's verification record lists a membership of `program` in force on the date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from generator.policy.outcomes import Criterion, Evidence
from generator.policy.rule_kind import ONE_DAY, NameOf, RuleKind, Subject, latest
from generator.records.evidence import Membership
from generator.records.policy import ProgramMember, Provenance


def _memberships(rule: ProgramMember, subject: Subject) -> list[Membership]:
    memberships = subject.verification.memberships if subject.verification else ()
    return [m for m in memberships if m.program == rule.program]


def evaluate(rule: ProgramMember, subject: Subject, as_of: dt.date) -> Criterion:
    """Met from the latest membership's start through its end, if it has one."""
    requirement = describe(rule, subject.holdings.badge_name)
    current = latest(_memberships(rule, subject), lambda m: m.since, as_of)
    if current is None:
        return Criterion(rule.rule, requirement, False, "no membership recorded")
    evidence = Evidence("Program membership", rule.program, Provenance.VERIFIED, current.since)
    if current.until is not None and current.until < as_of:
        return Criterion(
            rule.rule,
            requirement,
            False,
            f"member until {current.until.isoformat()}",
            (evidence,),
            lapsed_on=current.until + ONE_DAY,
        )
    return Criterion(
        rule.rule, requirement, True, f"member since {current.since.isoformat()}", (evidence,), current.until
    )


def describe(rule: ProgramMember, name_of: NameOf) -> str:
    """The requirement in words."""
    return f"Member of the {rule.program} program"


def change_dates(rule: ProgramMember, subject: Subject) -> Iterator[dt.date]:
    """Each membership's start, and the day after it ends."""
    for membership in _memberships(rule, subject):
        yield membership.since
        if membership.until is not None:
            yield membership.until + ONE_DAY


KIND = RuleKind(ProgramMember, evaluate, describe, change_dates)
