"""app-badge-held: at least `min_apps` of the partner's apps hold the app-level `badge`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from generator.policy.outcomes import Criterion, Observation, Shortfall, weakest
from generator.policy.rule_kind import RuleKind, Subject
from generator.records.policy import AppBadgeHeld, Provenance
from generator.records.shared_values import compact_pickle


@compact_pickle
@dataclass(frozen=True, slots=True)
class AppHoldersObserved(Observation):
    # The partner's apps that hold the badge, in the partner's app order.
    holders: tuple[str, ...]


def evaluate(rule: AppBadgeHeld, subject: Subject, as_of: dt.date) -> Criterion:
    """Met while enough of the partner's apps hold the badge."""
    holdings = {app: subject.holdings.holding(rule.badge, app) for app in subject.partner_app_ids}
    held = {app: holding.last_day for app, holding in holdings.items() if holding.held}
    verified = [app for app, h in holdings.items() if h.held and h.provenance is Provenance.VERIFIED]
    observed = AppHoldersObserved(tuple(held))
    if len(held) < rule.min_apps:
        # It lapsed when the last app it needed lapsed: the (min_apps - held)-th latest lapse.
        lapses = sorted((h.lapsed_on for h in holdings.values() if not h.held and h.lapsed_on), reverse=True)
        short = rule.min_apps - len(held)
        lapsed_on = lapses[short - 1] if len(lapses) >= short else None
        return Criterion(rule, frozenset({Shortfall.NOT_HELD}), observed, lapsed_on=lapsed_on)
    # It holds while the min_apps longest-lasting holders do.
    ends = sorted((end or dt.date.max for end in held.values()), reverse=True)
    valid_until = ends[rule.min_apps - 1]
    # Verified when enough apps hold the badge on verified evidence; otherwise it rests on the partner's word.
    relies_on = weakest([holding.provenance for holding in holdings.values() if holding.held])
    if len(verified) >= rule.min_apps:
        relies_on = Provenance.VERIFIED
    end = None if valid_until == dt.date.max else valid_until
    return Criterion(rule, frozenset(), observed, valid_until=end, relies_on=relies_on)


def change_dates(rule: AppBadgeHeld, subject: Subject) -> Iterator[dt.date]:
    """None of its own: it changes when the apps' badges do."""
    return iter(())


KIND = RuleKind(AppBadgeHeld, evaluate, change_dates)
