"""badges-held: the same partner or app holds every badge in `all_of` (listed earlier in the policy)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from generator.policy.outcomes import Criterion
from generator.policy.rule_kind import NameOf, RuleKind, Subject
from generator.records.policy import BadgesHeld


def evaluate(rule: BadgesHeld, subject: Subject, as_of: dt.date) -> Criterion:
    """Met while the subject holds every badge listed."""
    requirement = describe(rule, subject.holdings.badge_name)
    app_id = subject.app.id if subject.app else None
    holdings = {badge: subject.holdings.holding(badge, app_id) for badge in rule.all_of}
    missing = [badge for badge, holding in holdings.items() if not holding.held]
    if missing:
        names = "; ".join(f"'{subject.holdings.badge_name(badge)}' is {holdings[badge].reason}" for badge in missing)
        lapses = [holdings[badge].lapsed_on for badge in missing]
        known = [lapse for lapse in lapses if lapse is not None]
        # It stopped holding when the first of the badges it needs lapsed.
        lapsed_on = min(known) if len(known) == len(lapses) else None
        return Criterion(rule.rule, requirement, False, names, lapsed_on=lapsed_on)
    ends = [holding.last_day for holding in holdings.values() if holding.last_day is not None]
    return Criterion(rule.rule, requirement, True, "holds every one", valid_until=min(ends, default=None))


def describe(rule: BadgesHeld, name_of: NameOf) -> str:
    """The requirement in words."""
    return "Holds " + " and ".join(f"'{name_of(badge)}'" for badge in rule.all_of)


def change_dates(rule: BadgesHeld, subject: Subject) -> Iterator[dt.date]:
    """None of its own: it changes when the badges it builds on do."""
    return iter(())


KIND = RuleKind(BadgesHeld, evaluate, describe, change_dates)
