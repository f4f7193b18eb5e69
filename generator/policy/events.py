"""Trust events: what changed, and when, derived purely from the dated evidence and the policy.

Badge events come from judging each partner on every day its decisions can change: the days each rule of
the policy reports for it (evidence dates, the days evidence ages out or a duration is reached), exemptions
and retirements, and the days held badges start expiring or lapse (learnt from each judgement as the sweep
moves forward). Grade and tier changes come straight
from the maintainers' history lists.
"""

from __future__ import annotations

import datetime as dt
import enum
import heapq
from collections.abc import Iterator
from dataclasses import dataclass

from generator.load.catalog import Catalog
from generator.policy.engine import BadgeDecision, BadgeState, PartnerDecisions, badge_change_dates, evaluate_partner
from generator.records.evidence import Verification
from generator.records.partner import App, Partner
from generator.records.policy import Policy


class EventKind(enum.StrEnum):
    BADGE_EARNED = "badge-earned"
    BADGE_EXPIRING = "badge-expiring"
    BADGE_EXPIRED = "badge-expired"
    BADGE_LOST = "badge-lost"
    GRADE_CHANGED = "grade-changed"
    TIER_CHANGED = "tier-changed"


@dataclass(frozen=True, order=True)
class TrustEvent:
    """One change in a partner's or app's trust signals."""

    date: dt.date
    partner: str
    app: str
    kind: EventKind
    # Badge events: the badge id. Grade and tier events: the new grade or tier.
    value: str
    # Grade and tier events: the one before (empty for the first). Lost badges: the state it is in now.
    previous: str = ""
    # Expiring: the day it lapses unless renewed.
    until: dt.date | None = None


def trust_events(catalog: Catalog, policy: Policy, as_of: dt.date) -> tuple[TrustEvent, ...]:
    """Every trust event up to and including `as_of`, oldest first."""
    events: list[TrustEvent] = []
    for partner_id, located in catalog.partners.items():
        verification = catalog.verifications.get(partner_id)
        record = verification.record if verification else None
        apps = catalog.apps_of(partner_id)
        events += _badge_events(located.record, apps, record, policy, as_of)
        if record is not None:
            events += _history_events(partner_id, record, as_of)
    return tuple(sorted(events))


def _history_events(partner_id: str, verification: Verification, as_of: dt.date) -> Iterator[TrustEvent]:
    previous = ""
    for assessment in sorted(verification.caiq_lite, key=lambda a: a.assessed_on):
        if assessment.assessed_on <= as_of and assessment.grade != previous:
            yield TrustEvent(
                assessment.assessed_on, partner_id, "", EventKind.GRADE_CHANGED, assessment.grade, previous
            )
            previous = assessment.grade
    previous = ""
    for entry in sorted(verification.tiers, key=lambda t: t.since):
        if entry.since <= as_of and entry.tier != previous:
            yield TrustEvent(entry.since, partner_id, "", EventKind.TIER_CHANGED, entry.tier, previous)
            previous = entry.tier


def _badge_events(
    partner: Partner, apps: list[App], verification: Verification | None, policy: Policy, as_of: dt.date
) -> Iterator[TrustEvent]:
    pending = sorted(badge_change_dates(partner, apps, verification, policy))
    queue = [day for day in pending if day <= as_of]
    heapq.heapify(queue)
    seen: set[dt.date] = set()
    before: dict[tuple[str, str], BadgeDecision] = {}
    while queue:
        day = heapq.heappop(queue)
        if day in seen:
            continue
        seen.add(day)
        decisions = evaluate_partner(partner, apps, verification, policy, day)
        for decision in _all_decisions(decisions):
            key = (decision.app or "", decision.badge)
            event = badge_transition(day, before.get(key), decision)
            if event is not None:
                yield event
            before[key] = decision
            if decision.held and decision.expires_on is not None:
                for follow in (decision.expires_on - dt.timedelta(days=policy.expiring_soon_days), decision.expires_on):
                    if day < follow <= as_of and follow not in seen:
                        heapq.heappush(queue, follow)


def _all_decisions(decisions: PartnerDecisions) -> Iterator[BadgeDecision]:
    yield from decisions.badges
    for app_decisions in decisions.apps.values():
        yield from app_decisions


def badge_transition(day: dt.date, old: BadgeDecision | None, new: BadgeDecision) -> TrustEvent | None:
    """The event of a badge decision changing from one judged day to the next, if it is one."""
    was_held = old is not None and old.held
    base = (day, new.partner, new.app or "")
    if new.held and not was_held:
        return TrustEvent(*base, EventKind.BADGE_EARNED, new.badge)
    if new.state is BadgeState.EXPIRING and old is not None and old.state is BadgeState.EARNED:
        return TrustEvent(*base, EventKind.BADGE_EXPIRING, new.badge, until=new.expires_on)
    if was_held and not new.held:
        if new.state is BadgeState.EXPIRED:
            return TrustEvent(*base, EventKind.BADGE_EXPIRED, new.badge)
        return TrustEvent(*base, EventKind.BADGE_LOST, new.badge, previous=new.state)
    return None
