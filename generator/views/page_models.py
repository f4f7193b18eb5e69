"""What a partner's or an app's page shows: the view models the templates lay out."""

from __future__ import annotations

from dataclasses import dataclass

from generator.load.problems import plural
from generator.policy.events import TrustEvent
from generator.records.shared_values import compact_pickle
from generator.views.decisions import BadgeDecisionView, GradeView, TierStatusView
from generator.views.trust_history import TrustHistoryView
from generator.views.urls import Link, card_url


@compact_pickle
@dataclass(frozen=True, slots=True)
class CertificationView:
    name: str
    details: str
    evidence_url: str
    state: str
    state_label: str
    provenance: str
    # Whether the badge beside the claim is held (earned or expiring): only then is it a search filter.
    held: bool
    # What the maintainers' check says of the claim as it stands: 'confirmed by maintainers on …',
    # 'changed since verified on …' or 'not yet checked by maintainers'.
    check: str = ""


@compact_pickle
@dataclass(frozen=True, slots=True)
class EventView:
    date: str
    iso_date: str
    kind: str
    text: str
    url: str
    partner_id: str
    # The event itself, for outputs that print its fields (the API, the feeds) beside the sentence.
    event: TrustEvent
    # What kind of news it is, 'gain', 'warning', 'loss' or 'change' (lists mark each with a shape of its own).
    tone: str = "change"


@compact_pickle
@dataclass(frozen=True, slots=True)
class BugBountyView:
    platform: str
    program_url: str
    visibility: str
    since: str
    scope: tuple[str, ...]
    # The last day of a program the partner says has ended (or will end): empty while it runs on.
    until: str = ""


# An app page lists its newest events in words; the rest are in its trust history picture, feed and API.
RECENT_EVENTS = 5


@compact_pickle
@dataclass(frozen=True, slots=True)
class AppView:
    id: str
    name: str
    url: str
    partner: Link
    partner_id: str
    logo_url: str | None
    hosting: tuple[str, ...]
    listing_url: str
    description_html: str | None
    summary: str
    bug_bounty: BugBountyView | None
    badges: tuple[BadgeDecisionView, ...]
    held_badges: tuple[BadgeDecisionView, ...]
    tier: str | None
    tier_name: str
    # The partner's tier with its standing (an app of a suspended Gold partner must not just say "Gold").
    partner_tier: TierStatusView
    grade: GradeView | None
    api_url: str
    # The app's own trust events, newest first, the picture of its badges' states over time, and the feed.
    events: tuple[EventView, ...]
    history: TrustHistoryView | None
    feed_url: str

    @property
    def card_url(self) -> str:
        """The share card shown when the page is linked from elsewhere (its og:image)."""
        return card_url(self.url)

    @property
    def recent_events(self) -> tuple[EventView, ...]:
        """The events the page lists in words; the picture and its table above them cover every one."""
        return self.events[:RECENT_EVENTS]

    @property
    def older_events(self) -> str:
        """How many events the page leaves to its picture, feed and API: '12 older events', or ''."""
        older = len(self.events) - len(self.recent_events)
        return plural(older, "older event") if older else ""


@compact_pickle
@dataclass(frozen=True, slots=True)
class PartnerView:
    id: str
    name: str
    url: str
    initials: str
    logo_url: str | None
    # The logo as published at logo_url: re-encoded, never the partner's own bytes.
    logo_png: bytes | None
    website: str
    security_email: str
    security_policy_url: str | None
    description_html: str | None
    summary: str
    tier: TierStatusView
    next_tier: TierStatusView | None
    grade: GradeView | None
    certifications: tuple[CertificationView, ...]
    badges: tuple[BadgeDecisionView, ...]
    held_badges: tuple[BadgeDecisionView, ...]
    apps: tuple[AppView, ...]
    # The partner's trust events (its apps' included), newest first; the picture of its own tier and badges.
    events: tuple[EventView, ...]
    history: TrustHistoryView | None
    feed_url: str
    api_url: str
    verified: bool

    @property
    def card_url(self) -> str:
        """The share card shown when the page is linked from elsewhere (its og:image)."""
        return card_url(self.url)
