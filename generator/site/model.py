"""The whole site's model, built once from a data root and a date: the one input of every output."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from generator.load.catalog import Catalog
from generator.load.problems import DataError, Problem, Severity
from generator.policy.engine import Evaluation, evaluate
from generator.policy.events import TrustEvent, trust_events
from generator.records.policy import Policy
from generator.reports.validation import check_data
from generator.views.badges_and_tiers import BadgePageView, TierPageView, badge_pages, tier_pages
from generator.views.events import event_view
from generator.views.page_models import AppView, EventView, PartnerView
from generator.views.partners import partner_and_app_views
from generator.views.search import SearchFacet, SearchRecord, search_facets, search_records
from generator.views.stats import Chart, Headline, charts, headline
from generator.views.timeline import MilestoneView, timeline_views
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
    apps: tuple[AppView, ...]
    badges: tuple[BadgePageView, ...]
    tiers: tuple[TierPageView, ...]
    milestones: tuple[MilestoneView, ...]
    events: tuple[EventView, ...]
    recent_events: tuple[EventView, ...]
    headline: Headline
    charts: tuple[Chart, ...]
    # What the site search knows of each partner, app, badge and tier page (by URL), and its facets.
    search: dict[str, SearchRecord]
    search_facets: tuple[SearchFacet, ...]
    warnings: tuple[Problem, ...]


def build_site_model(data_root: Path, as_of: dt.date) -> SiteModel:
    """Load, check and judge the data, then build every view; DataError when the data has errors."""
    # Gather first: the whole catalogue is checked before anything is decided or written.
    catalog, problems = check_data(data_root, as_of)
    errors = [problem for problem in problems if problem.severity is Severity.ERROR]
    if errors or catalog.policy is None or catalog.timeline is None:
        raise DataError(problems)
    policy = catalog.policy.record
    # Decide: every badge and tier as of the date, and the history of changes up to it.
    evaluation = evaluate(catalog, policy, as_of)
    events = trust_events(catalog, policy, as_of)
    # Describe: what each page shows.
    partners = partner_and_app_views(catalog, policy, evaluation, events)
    apps = tuple(sorted((app for partner in partners for app in partner.apps), key=lambda a: a.name.casefold()))
    names = {p.id: p.name for p in partners} | {a.id: a.name for a in apps}
    event_views = tuple(event_view(e, names, policy) for e in sorted(events, key=lambda e: e.date, reverse=True))
    badges = badge_pages(policy, partners, evaluation, catalog)
    tiers = tier_pages(policy, partners)
    search = search_records(partners, badges, tiers)
    return SiteModel(
        as_of=as_of,
        as_of_label=long_date(as_of),
        catalog=catalog,
        policy=policy,
        evaluation=evaluation,
        trust_events=events,
        partners=partners,
        apps=apps,
        badges=badges,
        tiers=tiers,
        milestones=timeline_views(catalog.timeline.record, as_of),
        events=event_views,
        recent_events=event_views[:RECENT_EVENTS],
        headline=headline(partners),
        charts=charts(partners, policy),
        search=search,
        search_facets=search_facets(search.values(), badges, tiers),
        warnings=tuple(problems),
    )
