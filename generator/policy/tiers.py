"""Tier standing: whether the tier maintainers assigned is granted, in good standing, at risk or suspended.

A tier is judged over its history, not on one day: it is granted on the first day, on or after its `since`, on
which every prerequisite holds (pending before); once granted, the grace period runs from the first day of the
current spell in which a prerequisite does not hold, whatever made it stop (age, newer evidence, a badge it
builds on lost or revoked). Prerequisites can only change on the days the rules report, so only those days are
judged; the standing on any other day is the standing of the last judged day before it, but for the day the
grace period ends, which is counted.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from generator.policy.outcomes import Criterion
from generator.policy.rule_kind import ONE_DAY, latest
from generator.records.evidence import TierEntry
from generator.records.policy import Policy, TierPolicy
from generator.records.vocabulary import Tier


class TierStanding(enum.StrEnum):
    GOOD = "good-standing"
    AT_RISK = "at-risk"
    SUSPENDED = "suspended"
    # Assigned, but its prerequisites have not all held on any day since: not granted.
    PENDING = "pending"


@dataclass(frozen=True)
class TierDecision:
    """The tier a partner is assigned, whether it is granted, and whether its prerequisites hold."""

    tier: Tier | None
    since: dt.date | None = None
    standing: TierStanding | None = None
    criteria: tuple[Criterion, ...] = ()
    # At risk: the last day before the tier is suspended unless the prerequisites hold again.
    review_by: dt.date | None = None
    # The first day every prerequisite held on or after `since` (None: pending).
    granted_on: dt.date | None = None
    # The first day of the current standing: the day it became at risk, was suspended, was restored.
    standing_since: dt.date | None = None

    @property
    def missing(self) -> tuple[Criterion, ...]:
        """The prerequisites that do not hold."""
        return tuple(c for c in self.criteria if not c.met)

    @property
    def granted(self) -> bool:
        """Assigned and granted: the partner's tier, whatever its standing."""
        return self.tier is not None and self.standing is not TierStanding.PENDING


# The prerequisites of a tier judged on a day: given by the engine, which judges badges first.
CriteriaOn = Callable[[TierPolicy, dt.date], tuple[Criterion, ...]]


def decide_tier(
    entries: Sequence[TierEntry],
    policy: Policy,
    as_of: dt.date,
    criteria_on: CriteriaOn,
    change_days: Sequence[dt.date],
) -> TierDecision:
    """The assigned tier as of a date, judged on every day since its `since` on which a prerequisite can change."""
    assigned = latest(entries, lambda t: t.since, as_of)
    if assigned is None:
        return TierDecision(None)
    tier_policy = policy.tier(assigned.tier)
    if tier_policy is None:
        return TierDecision(assigned.tier, assigned.since, TierStanding.GOOD, granted_on=assigned.since)
    days = sorted({assigned.since, as_of, *(day for day in change_days if assigned.since < day <= as_of)})
    held = [all(c.met for c in criteria_on(tier_policy, day)) for day in days]
    now = criteria_on(tier_policy, as_of)
    base = TierDecision(assigned.tier, assigned.since, criteria=now)
    if not any(held):
        return _with(base, TierStanding.PENDING, standing_since=assigned.since)
    granted_on = days[held.index(True)]
    # The current spell: the last judged day whose "every prerequisite holds" differs from today's, plus one.
    spell = len(held) - 1
    while spell > 0 and held[spell - 1] == held[-1]:
        spell -= 1
    spell_start = days[spell]
    if held[-1]:
        return _with(base, TierStanding.GOOD, granted_on=granted_on, standing_since=max(spell_start, granted_on))
    review_by = spell_start + dt.timedelta(days=policy.tier_grace_days) - ONE_DAY
    if as_of <= review_by:
        return _with(base, TierStanding.AT_RISK, granted_on=granted_on, standing_since=spell_start, review_by=review_by)
    return _with(base, TierStanding.SUSPENDED, granted_on=granted_on, standing_since=review_by + ONE_DAY)


def _with(base: TierDecision, standing: TierStanding, **fields: dt.date | None) -> TierDecision:
    return TierDecision(base.tier, base.since, standing, base.criteria, **fields)


def standing_days(decision: TierDecision) -> tuple[dt.date, ...]:
    """The day a tier judged at risk is suspended, for the trust-events sweep (no other day follows from it)."""
    return (decision.review_by + ONE_DAY,) if decision.review_by is not None else ()
