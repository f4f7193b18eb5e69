"""The whole site's model, described once from the judged data: the one input of every page and output."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from generator.load.catalog import Catalog
from generator.policy.engine import Evaluation
from generator.policy.events import TrustEvent
from generator.records.nightly_changes import ChangeHistory
from generator.records.policy import Policy
from generator.records.timeline import Timeline
from generator.site import output_paths
from generator.views.badges_and_tiers import BadgePageView, TierPageView, badge_pages, tier_pages
from generator.views.changes import ChangesPageView, changes_page
from generator.views.events import event_views, events_by_app, events_by_partner
from generator.views.page_models import AppView, EventView, PartnerView
from generator.views.partners import partner_and_app_views
from generator.views.search import SearchFacet, SearchRecord, search_facets, search_records
from generator.views.stats import Chart, Headline, charts, headline
from generator.views.timeline import MilestoneView, timeline_views
from generator.views.trends import Trends, trends
from generator.views.view_digests import PartnerDigests
from generator.views.words import long_date

# How many trust events the home page lists.
RECENT_EVENTS = 12


@dataclass(frozen=True)
class SiteModel:
    """Everything the pages, feeds and API files show, as of one date."""

    as_of: dt.date
    as_of_label: str
    catalog: Catalog
    policy: Policy
    evaluation: Evaluation
    trust_events: tuple[TrustEvent, ...]
    partners: tuple[PartnerView, ...]
    partners_by_id: Mapping[str, PartnerView]
    apps: tuple[AppView, ...]
    badges: tuple[BadgePageView, ...]
    tiers: tuple[TierPageView, ...]
    milestones: tuple[MilestoneView, ...]
    # Every trust event in words, newest first, and each partner's share of them (its apps' included).
    events: tuple[EventView, ...]
    events_by_partner: Mapping[str, tuple[EventView, ...]]
    recent_events: tuple[EventView, ...]
    headline: Headline
    charts: tuple[Chart, ...]
    # The stats page's month-by-month charts.
    trends: Trends
    # What the site search knows of each partner, app, badge and tier page (by URL), and its facets.
    search: dict[str, SearchRecord]
    search_facets: tuple[SearchFacet, ...]
    # The last nights' changes, as the nightly run handed them to the build (empty outside it), and in words.
    change_history: ChangeHistory
    changes: ChangesPageView
    # The digests of each partner's view and its apps', when the view is kept in the cache
    # (views/partner_view_cache.py): the keys of the pages and files that show them are made of them.
    partner_view_digests: Mapping[str, PartnerDigests] = field(default_factory=dict)
    # The site-wide Atom feed, linked from the home page.
    site_feed_url: str = output_paths.SITE_FEED
    # The share card (og:image) of the pages without one of their own.
    site_card_url: str = output_paths.SITE_CARD


def describe_site(
    catalog: Catalog,
    policy: Policy,
    timeline: Timeline,
    evaluation: Evaluation,
    trust_events: tuple[TrustEvent, ...],
    change_history: ChangeHistory | None = None,
    processes: int | None = None,
) -> SiteModel:
    """Every view of the site, from the valid catalogue, its decisions and its trust events; the partners'
    views described in `processes` processes (None: one per core when there are enough partners)."""
    as_of = evaluation.as_of
    names = {p.record.id: p.record.name for p in catalog.partners.values()}
    names |= {a.record.id: a.record.name for a in catalog.apps.values()}
    # Each event is put into words once; the home page, partner pages, API and feeds all share these.
    events = event_views(trust_events, names, policy)
    history = events_by_partner(events)
    partners, view_digests = partner_and_app_views(
        catalog, policy, evaluation, history, events_by_app(events), processes
    )
    apps = tuple(sorted((app for partner in partners for app in partner.apps), key=lambda a: a.name.casefold()))
    badges = badge_pages(policy, partners, evaluation, catalog)
    tiers = tier_pages(policy, partners)
    search = search_records(partners, badges, tiers)
    nights = change_history or ChangeHistory()
    return SiteModel(
        as_of=as_of,
        as_of_label=long_date(as_of),
        catalog=catalog,
        policy=policy,
        evaluation=evaluation,
        trust_events=trust_events,
        partners=partners,
        partners_by_id={partner.id: partner for partner in partners},
        partner_view_digests=view_digests,
        apps=apps,
        badges=badges,
        tiers=tiers,
        milestones=timeline_views(timeline, as_of),
        events=events,
        events_by_partner=history,
        recent_events=events[:RECENT_EVENTS],
        headline=headline(partners),
        charts=charts(partners, policy),
        trends=trends(catalog, policy, timeline, trust_events, as_of),
        search=search,
        search_facets=search_facets(search.values(), badges, tiers),
        change_history=nights,
        changes=changes_page(nights),
    )
