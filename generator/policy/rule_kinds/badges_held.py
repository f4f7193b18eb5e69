"""badges-held: the same partner or app holds every badge in `all_of` (listed earlier in the policy)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from generator.policy.outcomes import Criterion, Holding, Observation, Shortfall, weakest
from generator.policy.rule_kind import RuleKind, Subject
from generator.records.policy import BadgesHeld
from generator.records.shared_values import compact_pickle


@compact_pickle
@dataclass(frozen=True, slots=True)
class BadgesHeldObserved(Observation):
    # The badges of `all_of` the subject does not hold, in the rule's order, with their holding.
    not_held: tuple[tuple[str, Holding], ...]


def evaluate(rule: BadgesHeld, subject: Subject, as_of: dt.date) -> Criterion:
    """Met while the subject holds every badge listed."""
    app_id = subject.app.id if subject.app else None
    holdings = {badge: subject.holdings.holding(badge, app_id) for badge in rule.all_of}
    missing = tuple((badge, holding) for badge, holding in holdings.items() if not holding.held)
    if missing:
        lapses = [holding.lapsed_on for _, holding in missing]
        known = [lapse for lapse in lapses if lapse is not None]
        # It stopped holding when the first of the badges it needs lapsed.
        lapsed_on = min(known) if len(known) == len(lapses) else None
        return Criterion(rule, frozenset({Shortfall.NOT_HELD}), BadgesHeldObserved(missing), lapsed_on=lapsed_on)
    ends = [holding.last_day for holding in holdings.values() if holding.last_day is not None]
    relies_on = weakest([holding.provenance for holding in holdings.values()])
    return Criterion(
        rule, frozenset(), BadgesHeldObserved(()), valid_until=min(ends, default=None), relies_on=relies_on
    )


def change_dates(rule: BadgesHeld, subject: Subject) -> Iterator[dt.date]:
    """None of its own: it changes when the badges it builds on do."""
    return iter(())


KIND = RuleKind(BadgesHeld, evaluate, change_dates)
