"""Tier standing: whether the tier maintainers assigned is granted, in good standing, at risk or suspended.

A tier is judged over its history, not on one day: it is granted on the first day, on or after its `since`, on
which every prerequisite holds (pending before); once granted, the grace period runs from the first day of the
current spell in which a prerequisite does not hold, whatever made it stop (age, newer evidence, a badge it
builds on lost or revoked). Prerequisites can only change on the days the rules report, so only those days are
judged; the standing on any other day is the standing of the last judged day before it, but for the day the
grace period ends, which is counted.
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from generator.policy.outcomes import Criterion
from generator.policy.rule_kind import ONE_DAY
from generator.records.evidence import TierEntry
from generator.records.policy import Policy, TierPolicy
from generator.records.shared_values import compact_pickle
from generator.records.vocabulary import Tier


class TierStanding(enum.StrEnum):
    GOOD = "good-standing"
    AT_RISK = "at-risk"
    SUSPENDED = "suspended"
    # Assigned, but its prerequisites have not all held on any day since: not granted.
    PENDING = "pending"


@compact_pickle
@dataclass(frozen=True, slots=True)
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


class TierHistory:
    """One assigned tier entry over time: whether its prerequisites all hold on each day they can change.

    The days are its `since` and every change day after it. Each day's "every prerequisite holds" is judged
    once, as the history is read forward, along with the first such day and where the current spell began,
    so that deciding the standing as of any date is a look-up rather than a walk over the days before it.
    """

    def __init__(
        self,
        entry: TierEntry,
        tier_policy: TierPolicy,
        held_on: Callable[[TierPolicy, dt.date], bool],
        change_days: Sequence[dt.date],
    ) -> None:
        self.entry, self.tier_policy, self._held_on = entry, tier_policy, held_on
        after = bisect.bisect_right(change_days, entry.since)
        self.days = [entry.since, *change_days[after:]]
        self._held: list[bool] = []
        # Per day: the index of the first day every prerequisite held (None: none yet), and of the first day
        # of the spell (days alike in holding or not) the day is in.
        self._granted: list[int | None] = []
        self._spell: list[int] = []

    def _judge_through(self, index: int) -> None:
        while len(self._held) <= index:
            at = len(self._held)
            held = self._held_on(self.tier_policy, self.days[at])
            granted = self._granted[-1] if at else None
            self._granted.append(at if granted is None and held else granted)
            self._spell.append(self._spell[-1] if at and self._held[-1] == held else at)
            self._held.append(held)

    def decide(self, policy: Policy, as_of: dt.date, criteria: tuple[Criterion, ...]) -> TierDecision:
        """The standing as of a date on or after `since`, with the prerequisites judged that day."""
        index = bisect.bisect_right(self.days, as_of) - 1
        self._judge_through(index)
        granted_index, spell_index = self._granted[index], self._spell[index]
        granted_on = self.days[granted_index] if granted_index is not None else None
        spell_start = self.days[spell_index]
        held = self._held[index]
        if self.days[index] != as_of:
            # The date itself is judged too, as the last day of the history.
            now = self._held_on(self.tier_policy, as_of)
            if granted_on is None and now:
                granted_on = as_of
            if now != held:
                held, spell_start = now, as_of
        base = TierDecision(self.entry.tier, self.entry.since, criteria=criteria)
        if granted_on is None:
            return _with(base, TierStanding.PENDING, standing_since=self.entry.since)
        if held:
            return _with(base, TierStanding.GOOD, granted_on=granted_on, standing_since=max(spell_start, granted_on))
        review_by = spell_start + dt.timedelta(days=policy.tier_grace_days) - ONE_DAY
        if as_of <= review_by:
            return _with(
                base, TierStanding.AT_RISK, granted_on=granted_on, standing_since=spell_start, review_by=review_by
            )
        return _with(base, TierStanding.SUSPENDED, granted_on=granted_on, standing_since=review_by + ONE_DAY)


def _with(base: TierDecision, standing: TierStanding, **fields: dt.date | None) -> TierDecision:
    return TierDecision(base.tier, base.since, standing, base.criteria, **fields)


def standing_days(decision: TierDecision) -> tuple[dt.date, ...]:
    """The day a tier judged at risk is suspended, for the trust-events sweep (no other day follows from it)."""
    return (decision.review_by + ONE_DAY,) if decision.review_by is not None else ()
