"""Where each page and embeddable image lives: URLs relative to the site root, without a leading slash."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from generator.records.shared_values import compact_pickle


@compact_pickle
@dataclass(frozen=True, slots=True)
class Link:
    label: str
    url: str


def url_of_partner(partner_id: str) -> str:
    return f"partners/{partner_id}/"


def url_of_app(app_id: str) -> str:
    return f"apps/{app_id}/"


def url_of_badge(badge_id: str) -> str:
    return f"badges/{badge_id}/"


def url_of_tier(tier: str) -> str:
    return f"tiers/{tier}/"


def badge_svg_url(app_id: str | None, partner_id: str, badge_id: str) -> str:
    owner = f"apps/{app_id}" if app_id else f"partners/{partner_id}"
    return f"{owner}/{badge_svg_file(badge_id)}"


def badge_svg_file(badge_id: str) -> str:
    """A badge's image relative to the page of the app or partner it belongs to: 'badges/soc2.svg'."""
    return f"badges/{badge_id}.svg"


def card_url(page_url: str) -> str:
    """The share card (the page's og:image) beside a partner's or app's page: 'apps/acme-sync/card.svg'."""
    return f"{page_url}card.svg"


def url_of_search(kind: str, **facets: str) -> str:
    """The search page narrowed to one kind and some facet values, sorted by name:
    'search/?kind=App&badge=SOC+2+Type+2&sort=name' (the search page keeps its state in the address)."""
    return "search/?" + urlencode([("kind", kind), *facets.items(), ("sort", "name")])
