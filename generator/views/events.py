"""Trust events as sentences a reader understands, each linking to the page it is about."""

from __future__ import annotations

from collections.abc import Iterable

from generator.policy.events import EventKind, TrustEvent
from generator.records.policy import Policy
from generator.records.vocabulary import Grade
from generator.views.page_models import EventView
from generator.views.urls import url_of_app, url_of_partner
from generator.views.words import long_date


def event_text(event: TrustEvent, names: dict[str, str], policy: Policy) -> str:
    """One trust event as a sentence: 'Acme Sync earned Bug bounty participant'."""
    subject = names.get(event.app or event.partner, event.app or event.partner)
    badge_names = {badge.id: badge.name for badge in policy.badges}
    value = badge_names.get(event.value, event.value)
    if event.kind is EventKind.BADGE_EARNED:
        return f"{subject} earned {value}"
    if event.kind is EventKind.BADGE_EXPIRING and event.until:
        return f"{subject}: {value} expires on {long_date(event.until)} unless renewed"
    if event.kind is EventKind.BADGE_EXPIRED:
        return f"{subject}: {value} expired"
    if event.kind is EventKind.BADGE_LOST:
        return f"{subject} no longer holds {value} ({event.previous.replace('-', ' ')})"
    if event.kind is EventKind.BADGE_REVOKED:
        return f"{subject}: {value} revoked by maintainers"
    tier = event.value.title()
    if event.kind is EventKind.TIER_PENDING:
        return f"{subject}: {tier} tier pending, its security prerequisites do not hold"
    if event.kind is EventKind.TIER_GRANTED:
        return f"{subject}: {tier} tier granted, every security prerequisite holds"
    if event.kind is EventKind.TIER_AT_RISK:
        until = f", suspended after {long_date(event.until)} unless it holds again" if event.until else ""
        return f"{subject}: {tier} tier at risk, a security prerequisite stopped holding{until}"
    if event.kind is EventKind.TIER_SUSPENDED:
        return f"{subject}: {tier} tier suspended, the grace period ended"
    if event.kind is EventKind.TIER_RESTORED:
        return f"{subject}: {tier} tier back in good standing"
    if event.kind is EventKind.GRADE_CHANGED:
        label = Grade(event.value).label
        if event.previous:
            return f"{subject}: CAIQ-Lite grade changed from {event.previous} to {event.value} ({label})"
        return f"{subject}: CAIQ-Lite graded {event.value} ({label})"
    if event.previous:
        return f"{subject}: tier changed from {event.previous} to {event.value}"
    return f"{subject} joined the partner program at {event.value} tier"


# Each kind of event as good news, a warning, bad news or a plain change (site.css marks each tone with a shape
# of its own, so that they differ without colour).
_GAIN, _WARNING, _LOSS = "gain", "warning", "loss"
_TONES = {
    EventKind.BADGE_EARNED: _GAIN,
    EventKind.TIER_GRANTED: _GAIN,
    EventKind.TIER_RESTORED: _GAIN,
    EventKind.BADGE_EXPIRING: _WARNING,
    EventKind.TIER_PENDING: _WARNING,
    EventKind.TIER_AT_RISK: _WARNING,
    EventKind.BADGE_EXPIRED: _LOSS,
    EventKind.BADGE_LOST: _LOSS,
    EventKind.BADGE_REVOKED: _LOSS,
    EventKind.TIER_SUSPENDED: _LOSS,
}
_CHANGE = "change"


def event_view(event: TrustEvent, names: dict[str, str], policy: Policy) -> EventView:
    """One trust event as its lists show it: the date, the sentence, the page it links to."""
    url = url_of_app(event.app) if event.app else url_of_partner(event.partner)
    return EventView(
        long_date(event.date),
        event.date.isoformat(),
        str(event.kind),
        event_text(event, names, policy),
        url,
        event.partner,
        event,
        _TONES.get(event.kind, _CHANGE),
    )


def event_views(events: Iterable[TrustEvent], names: dict[str, str], policy: Policy) -> tuple[EventView, ...]:
    """Every event in words, newest first; on one day, in the engine's order (sorting is stable)."""
    return tuple(event_view(event, names, policy) for event in sorted(events, key=lambda e: e.date, reverse=True))


def events_by_app(views: Iterable[EventView]) -> dict[str, tuple[EventView, ...]]:
    """Each app's own events, in the order given (partner-level events belong to no app)."""
    index: dict[str, list[EventView]] = {}
    for view in views:
        if view.event.app:
            index.setdefault(view.event.app, []).append(view)
    return {app: tuple(events) for app, events in index.items()}


def events_by_partner(views: Iterable[EventView]) -> dict[str, tuple[EventView, ...]]:
    """Each partner's events (its apps' included), in the order given."""
    index: dict[str, list[EventView]] = {}
    for view in views:
        index.setdefault(view.partner_id, []).append(view)
    return {partner: tuple(events) for partner, events in index.items()}
