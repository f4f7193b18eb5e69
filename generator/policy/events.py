"""Trust events: what changed, and when, derived purely from the dated evidence and the policy.

Badge events come from judging each badge of each partner and app on every day its decision can change: the
days each of its rules reports for the subject (evidence dates, the days evidence ages out or a duration is
reached), exemptions, revocations and retirement, the change days of the badges it builds on, and the days a
held badge starts expiring or lapses (learnt from each judgement as the sweep moves forward). Tier standing
changes come from the tier's history on the partner's change days and the days a grace period ends; grade
and tier changes come straight from the maintainers' history lists.
"""

from __future__ import annotations

import datetime as dt
import enum
import heapq
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from generator.load.catalog import Catalog
from generator.policy.engine import BadgeDecision, BadgeState, PartnerJudge
from generator.policy.tiers import TierDecision, TierStanding, standing_days
from generator.records.evidence import Verification
from generator.records.policy import Policy
from generator.records.shared_values import compact_pickle


class EventKind(enum.StrEnum):
    BADGE_EARNED = "badge-earned"
    BADGE_EXPIRING = "badge-expiring"
    BADGE_EXPIRED = "badge-expired"
    BADGE_LOST = "badge-lost"
    BADGE_REVOKED = "badge-revoked"
    GRADE_CHANGED = "grade-changed"
    TIER_CHANGED = "tier-changed"
    # The assigned tier's standing changed: value is the tier, previous the standing before.
    TIER_PENDING = "tier-pending"
    TIER_GRANTED = "tier-granted"
    TIER_AT_RISK = "tier-at-risk"
    TIER_SUSPENDED = "tier-suspended"
    TIER_RESTORED = "tier-restored"


@compact_pickle
@dataclass(frozen=True, order=True, slots=True)
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
        events += partner_events(PartnerJudge(located.record, apps, record, policy), record, as_of)
    return sort_events(events)


def partner_events(judge: PartnerJudge, verification: Verification | None, as_of: dt.date) -> Iterator[TrustEvent]:
    """One partner's trust events up to `as_of` (its apps' included), in no particular order."""
    yield from badge_events(judge, as_of)
    yield from tier_events(judge, as_of)
    if verification is not None:
        yield from _history_events(judge.partner.id, verification, as_of)


def sort_events(events: Iterable[TrustEvent]) -> tuple[TrustEvent, ...]:
    """Events oldest first (then by their other fields, so that the order is total)."""
    return tuple(sorted(events, key=_chronological))


def _chronological(event: TrustEvent) -> tuple[dt.date, str, str, str, str, str, dt.date | None]:
    # The events' own order (its fields in turn), computed once per event rather than once per comparison.
    return (event.date, event.partner, event.app, event.kind, event.value, event.previous, event.until)


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


def badge_events(judge: PartnerJudge, as_of: dt.date) -> Iterator[TrustEvent]:
    """The badge events of one partner and its apps up to `as_of`: each badge judged only on the days it can
    change."""
    for history in judge.histories.values():
        before: BadgeDecision | None = None
        for day, decision in history.changes(as_of, judge.policy.expiring_soon_days):
            event = badge_transition(day, before, decision)
            if event is not None:
                yield event
            before = decision


def tier_events(judge: PartnerJudge, as_of: dt.date) -> Iterator[TrustEvent]:
    """The partner's tier standing changes up to `as_of`: on the days prerequisites can change, and the days
    a grace period ends."""
    queue = [day for day in judge.change_days() if day <= as_of]
    heapq.heapify(queue)
    seen: set[dt.date] = set()
    before: TierDecision | None = None
    while queue:
        day = heapq.heappop(queue)
        if day in seen:
            continue
        seen.add(day)
        decision = judge.tier(day, with_criteria=False)
        event = tier_transition(day, judge.partner.id, before, decision)
        if event is not None:
            yield event
        before = decision
        for follow in standing_days(decision):
            if day < follow <= as_of and follow not in seen:
                heapq.heappush(queue, follow)


_STANDING_EVENTS = {
    TierStanding.AT_RISK: EventKind.TIER_AT_RISK,
    TierStanding.SUSPENDED: EventKind.TIER_SUSPENDED,
}


def tier_transition(day: dt.date, partner: str, old: TierDecision | None, new: TierDecision) -> TrustEvent | None:
    """The event of a tier's standing changing from one judged day to the next, if it is one.

    A new tier entry is a tier-changed event of its own (from the maintainers' history); here only its
    standing counts: pending from its first day, or any change of standing under the same entry.
    """
    if new.tier is None or new.standing is None:
        return None
    same_entry = old is not None and (old.tier, old.since) == (new.tier, new.since)
    previous = str(old.standing) if same_entry and old is not None and old.standing else ""
    if not same_entry:
        if new.standing is TierStanding.PENDING:
            return TrustEvent(day, partner, "", EventKind.TIER_PENDING, new.tier)
        if new.standing is TierStanding.GOOD:
            return None
    elif old is not None and old.standing is new.standing:
        return None
    if new.standing is TierStanding.GOOD:
        kind = EventKind.TIER_GRANTED if previous == TierStanding.PENDING else EventKind.TIER_RESTORED
        return TrustEvent(day, partner, "", kind, new.tier, previous)
    if new.standing is TierStanding.PENDING:
        return TrustEvent(day, partner, "", EventKind.TIER_PENDING, new.tier, previous)
    return TrustEvent(day, partner, "", _STANDING_EVENTS[new.standing], new.tier, previous, until=new.review_by)


def badge_transition(day: dt.date, old: BadgeDecision | None, new: BadgeDecision) -> TrustEvent | None:
    """The event of a badge decision changing from one judged day to the next, if it is one."""
    was_held = old is not None and old.held
    base = (day, new.partner, new.app or "")
    if new.state is BadgeState.REVOKED:
        was_revoked = old is not None and old.state is BadgeState.REVOKED
        return None if was_revoked else TrustEvent(*base, EventKind.BADGE_REVOKED, new.badge)
    if new.held and not was_held:
        return TrustEvent(*base, EventKind.BADGE_EARNED, new.badge)
    if new.state is BadgeState.EXPIRING and old is not None and old.state is BadgeState.EARNED:
        return TrustEvent(*base, EventKind.BADGE_EXPIRING, new.badge, until=new.expires_on)
    if was_held and not new.held:
        if new.state is BadgeState.EXPIRED:
            return TrustEvent(*base, EventKind.BADGE_EXPIRED, new.badge)
        return TrustEvent(*base, EventKind.BADGE_LOST, new.badge, previous=new.state)
    return None
