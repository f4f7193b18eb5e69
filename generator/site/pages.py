"""Which HTML pages the site has: their paths, templates and what each template is given."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from generator.site.model import SiteModel


@dataclass(frozen=True)
class Page:
    """One HTML page: where it is written, its URL, its template and its own variables."""

    save_as: str
    url: str
    template: str
    title: str
    context: Mapping[str, Any] = field(default_factory=dict)


def site_pages(model: SiteModel) -> tuple[Page, ...]:
    """Every page of the site, in a stable order."""
    pages = [
        Page("index.html", "", "index", "Home"),
        Page("partners/index.html", "partners/", "partners", "Partners"),
        Page("apps/index.html", "apps/", "apps", "Apps"),
        Page("badges/index.html", "badges/", "badges", "Badges and signals"),
        Page("tiers/index.html", "tiers/", "tiers", "Partner tiers"),
        Page("timeline/index.html", "timeline/", "timeline", "Program timeline"),
        Page("stats/index.html", "stats/", "stats", "Statistics"),
        Page("compare/index.html", "compare/", "compare", "Compare apps"),
        Page("search/index.html", "search/", "search", "Search"),
        Page("changes/index.html", "changes/", "changes", "Changes"),
        Page("404.html", "404.html", "404", "Page not found"),
    ]
    # Each record page is given its search record: the facets and details the search index keeps of it.
    search = model.search
    pages += [
        Page(f"{p.url}index.html", p.url, "partner", p.name, {"partner": p, "search": search[p.url]})
        for p in model.partners
    ]
    pages += [Page(f"{a.url}index.html", a.url, "app", a.name, {"app": a, "search": search[a.url]}) for a in model.apps]
    pages += [
        Page(f"{b.url}index.html", b.url, "badge", b.name, {"badge": b, "search": search[b.url]}) for b in model.badges
    ]
    pages += [
        Page(f"{t.url}index.html", t.url, "tier", t.name, {"tier": t, "search": search[t.url]}) for t in model.tiers
    ]
    return tuple(pages)
