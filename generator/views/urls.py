"""Where each page and embeddable image lives: URLs relative to the site root, without a leading slash."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
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
    return f"{owner}/badges/{badge_id}.svg"
