"""Which HTML pages the site has: their paths, templates and what each template is given."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from generator.site.model import SiteModel
from generator.views.paging import paginate
from generator.views.search import Kind, listing_facets


@dataclass(frozen=True)
class Page:
    """One HTML page: where it is written, its URL, its template and its own variables."""

    save_as: str
    url: str
    template: str
    title: str
    context: Mapping[str, Any] = field(default_factory=dict)
    # A page of records (a partner, an app, a badge, a tier, a page of a listing): kept from the last build when
    # nothing it shows changed (site/kept_pages.py). The others sum up the whole site and are always rendered.
    reusable: bool = False


def site_pages(model: SiteModel) -> tuple[Page, ...]:
    """Every page of the site, in a stable order."""
    pages = [Page("index.html", "", "index", "Home")]
    # The listings, in pages of a fixed size: the first keeps the listing's address.
    # A listing of several pages is filtered through the search, which sees every record.
    listings = (
        ("partners", "Partners", model.partners, Kind.PARTNER),
        ("apps", "Apps", model.apps, Kind.APP),
        ("compare", "Compare apps", model.apps, Kind.APP),
    )
    for template, title, records, kind in listings:
        filters = listing_facets(model.search_facets, kind)
        for listing in paginate(records, f"{template}/"):
            numbered = f"{title}, page {listing.number} of {listing.page_count}" if listing.number > 1 else title
            context = {"listing": listing, "search_kind": kind.value, "search_filters": filters}
            pages.append(Page(listing.save_as, listing.url, template, numbered, context, reusable=True))
    pages += [
        Page("badges/index.html", "badges/", "badges", "Badges and signals"),
        Page("tiers/index.html", "tiers/", "tiers", "Partner tiers"),
        Page("timeline/index.html", "timeline/", "timeline", "Program timeline"),
        Page("stats/index.html", "stats/", "stats", "Statistics"),
        Page("search/index.html", "search/", "search", "Search"),
        Page("changes/index.html", "changes/", "changes", "Changes"),
        Page("404.html", "404.html", "404", "Page not found"),
    ]
    # Each record page is given its search record: the facets and details the search index keeps of it.
    search = model.search
    pages += [
        Page(f"{p.url}index.html", p.url, "partner", p.name, {"partner": p, "search": search[p.url]}, reusable=True)
        for p in model.partners
    ]
    pages += [
        Page(f"{a.url}index.html", a.url, "app", a.name, {"app": a, "search": search[a.url]}, reusable=True)
        for a in model.apps
    ]
    pages += [
        Page(f"{b.url}index.html", b.url, "badge", b.name, {"badge": b, "search": search[b.url]}, reusable=True)
        for b in model.badges
    ]
    pages += [
        Page(f"{t.url}index.html", t.url, "tier", t.name, {"tier": t, "search": search[t.url]}, reusable=True)
        for t in model.tiers
    ]
    return tuple(pages)
