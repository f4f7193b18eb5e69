"""The pages the browser tests visit, each in the state a customer sees it in once its scripts have run."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Page


@dataclass(frozen=True)
class Screen:
    """A page of the site, and what makes it ready to be looked at."""

    path: str
    # Visible once the page's scripts have done their work (filters shown, table drawn, results listed).
    ready: str | None = None
    # Open every <details>: the receipts ("Why") and the embed snippets.
    open_details: bool = False


SCREENS = {
    "home": Screen(""),
    "partners": Screen("partners/", ready="form[data-filters]"),
    "apps": Screen("apps/", ready="form[data-filters]"),
    "partner": Screen("partners/acme-cloudworks/"),
    "app": Screen("apps/acme-sync/"),
    "app-receipts-open": Screen("apps/hooli-search/", open_details=True),
    # Trust history pictures: a badge revoked two days before the as-of day, an ended bug bounty program,
    # and a Gold partner's tier pending, at risk, then suspended.
    "app-revoked": Screen("apps/velvet-anvil-audit/"),
    "app-program-ended": Screen("apps/nimbus-noodle-roadmaps/"),
    "partner-suspended": Screen("partners/wobblebrook-widgets/"),
    "badges": Screen("badges/"),
    "badge": Screen("badges/soc2/"),
    "tiers": Screen("tiers/"),
    "tier": Screen("tiers/gold/"),
    "timeline": Screen("timeline/"),
    "stats": Screen("stats/"),
    # The month-by-month charts' tables ("Show the numbers") opened.
    "stats-numbers-open": Screen("stats/", open_details=True),
    # Built outside the nightly run: the empty state.
    "changes": Screen("changes/"),
    # A content page (Markdown): prose, lists and code blocks.
    "content-page": Screen("submit-your-records/"),
    "compare": Screen("compare/", ready="[data-compare]"),
    "compare-chosen": Screen("compare/?apps=acme-sync,hooli-chat", ready="[data-compare-result] table"),
    "search": Screen("search/", ready="#search-q"),
    "search-results": Screen("search/?q=acme", ready="[data-search-results] a"),
}


def visit(page: Page, screen: Screen) -> Page:
    """Open `screen` in `page` and wait until it is ready."""
    page.goto(screen.path)
    if screen.ready:
        page.locator(screen.ready).first.wait_for(state="visible")
    if screen.open_details:
        opened = page.locator("details").evaluate_all("all => all.map(d => (d.open = true))")
        assert opened, f"{screen.path} has no <details> to open"
    return page
