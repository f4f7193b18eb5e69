"""The site search, as a customer uses it: names, prefixes, misspellings and the tier filter, over the real index."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

RESULT_LINKS = "[data-search-results] .search-result__title a"


def test_the_build_writes_the_search_page_with_its_index(site: Path) -> None:
    for written in ("search/index.html", "search/names.json", "pagefind/pagefind.js"):
        assert (site / written).is_file(), written


@pytest.fixture
def search(page: Page, site: Path) -> Page:
    """The search page, ready to be typed into."""
    page.goto("search/")
    expect(page.locator("#search-q")).to_be_visible()
    return page


def _type(page: Page, words: str) -> None:
    """Type into the search box as a person does, key by key, and wait for the page to answer."""
    status = page.locator("[data-search-status]")
    page.locator("#search-q").press_sequentially(words)
    expect(status).to_contain_text(f"for “{words}”")


def _result_paths(page: Page) -> list[str]:
    """The site paths the listed results link to, in order (every page of results, "Show more" pressed)."""
    more = page.locator("[data-search-more]")
    while more.is_visible():
        shown = page.locator(RESULT_LINKS).count()
        more.click()
        expect(page.locator(RESULT_LINKS)).not_to_have_count(shown)
    hrefs = page.locator(RESULT_LINKS).evaluate_all("links => links.map((a) => a.href)")
    return [urlsplit(href).path.lstrip("/") for href in hrefs]


def test_an_app_name_finds_that_app_first(search: Page) -> None:
    _type(search, "Acme Sync")
    assert _result_paths(search)[0] == "apps/acme-sync/"


def test_a_partner_name_finds_the_partner_page_first(search: Page) -> None:
    _type(search, "Acme Cloudworks")
    assert _result_paths(search)[0] == "partners/acme-cloudworks/"


def test_a_prefix_finds_the_names_it_begins(search: Page) -> None:
    _type(search, "acm")
    assert "apps/acme-sync/" in _result_paths(search)


def test_a_misspelling_offers_did_you_mean_leading_to_the_app(search: Page) -> None:
    _type(search, "acme snyc")
    suggestions = search.locator("[data-search-suggestions]")
    expect(suggestions).to_contain_text("Did you mean")
    suggestions.get_by_role("link", name="Acme Sync", exact=True).click()
    search.wait_for_url("**/apps/acme-sync/")
    expect(search.locator("h1")).to_have_text("Acme Sync")


def test_a_result_card_shows_its_excerpt_from_the_description_and_marks_the_partners_word(search: Page) -> None:
    _type(search, "Hooli Tools")
    card = search.locator("[data-search-results] li.search-result").first
    expect(card.locator(".search-result__title a")).to_have_text("Hooli Tools")
    # The badge resting on the partner's word says so on the card, as on the page.
    expect(card.locator(".search-result__badges")).to_contain_text("ISO/IEC 27001 self-attested")
    # Two marks for Gold, drawn beside the tier's name.
    expect(card.locator(".tier .tier__rank > span")).to_have_count(2)
    # The excerpt is the page's own words, not its furniture (links, contact, the tier and the badges).
    excerpt = card.locator(".search-result__excerpt").inner_text()
    for furniture in ("Website", "Security contact", "Partner tier", "Earned"):
        assert furniture not in excerpt, excerpt


def test_the_tier_filter_lists_only_that_tiers_partners_and_apps(search: Page, site: Path) -> None:
    index = json.loads((site / "api" / "v1" / "index.json").read_text(encoding="utf-8"))
    # A pending tier is assigned but not granted: it is not the partner's tier, and search does not file it there.
    gold = {
        partner["id"]
        for partner in index["partners"]
        if partner["tier"] == "gold" and partner["tier_standing"] != "pending"
    }
    expected = {f"partners/{partner}/" for partner in gold}
    expected |= {f"apps/{app['id']}/" for app in index["apps"] if app["partner"]["id"] in gold}
    assert gold, "the demo data has no Gold partner to filter by"

    search.locator("[data-facet=tier]").get_by_label("Gold").check()
    expect(search.locator("[data-search-status]")).to_contain_text(f"{len(expected)} results with 1 filter")
    paths = _result_paths(search)
    assert sorted(paths) == sorted(expected)
    assert "tier=Gold" in search.url
