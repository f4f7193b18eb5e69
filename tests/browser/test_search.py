"""The site search, as a customer uses it: names first, all text, prefixes, misspellings and the tier filter, over
the real indexes."""

from __future__ import annotations

import gzip
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import PageProblems, build_site
from playwright.sync_api import Page, expect
from serving import serve

from generator.search.bundles import BUNDLE_PAGES_SETTING
from generator.search.stable_bundle import PREFIX

RESULT_LINKS = "[data-search-results] .search-result__title a"


def test_the_build_writes_the_search_page_with_its_index(site: Path) -> None:
    for written in ("search/index.html", "search/names.json", "search/names/61636d.json", "pagefind/pagefind.js"):
        assert (site / written).is_file(), written


@pytest.fixture
def search(page: Page, site: Path) -> Page:
    """The search page, ready to be typed into."""
    page.goto("search/")
    expect(page.locator("#search-q")).to_be_visible()
    return page


def _in_all_text(page: Page) -> None:
    """Choose to search the text of every page."""
    page.locator("#search-scope").select_option("text")


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


def test_a_name_search_reads_the_index_of_names_and_nothing_of_pagefind(search: Page) -> None:
    fetched: list[str] = []
    search.on("request", lambda request: fetched.append(urlsplit(request.url).path))
    _type(search, "Acme Sync")
    expect(search.locator("[data-search-status]")).to_contain_text("in names")
    assert _result_paths(search)[0] == "apps/acme-sync/"
    assert [path for path in fetched if "/search/names/" in path] == ["/search/names/61636d.json"], fetched
    assert not [path for path in fetched if "/pagefind/" in path], fetched
    # The card of a name shows what the page says of its standing, without an excerpt.
    card = search.locator("[data-search-results] li.search-result").first
    expect(card.locator(".tier")).to_be_visible()
    expect(card.locator(".search-result__excerpt")).to_have_count(0)


def test_searching_all_text_finds_what_pages_say_beyond_names(search: Page) -> None:
    _type(search, "Acme Sync")
    names = _result_paths(search)
    search.get_by_role("button", name="Search the text of every page").click()
    expect(search.locator("[data-search-status]")).not_to_contain_text("in names")
    expect(search.locator("[data-search-status]")).to_contain_text("for “Acme Sync”")
    assert "in=text" in search.url
    assert _result_paths(search)[0] == "apps/acme-sync/"
    assert len(_result_paths(search)) >= len(names)


def test_words_no_name_has_are_searched_in_all_text(search: Page) -> None:
    # Acme Sync's description speaks of "conflict resolution": no name has the word.
    _type(search, "conflict")
    expect(search.locator("[data-search-status]")).to_contain_text("No name matches.")
    assert "apps/acme-sync/" in _result_paths(search)


def test_a_short_word_no_name_has_waits_for_more_letters(search: Page) -> None:
    fetched: list[str] = []
    search.on("request", lambda request: fetched.append(urlsplit(request.url).path))
    search.locator("#search-q").press_sequentially("zq")
    expect(search.locator("[data-search-status]")).to_contain_text("No name has the word “zq”")
    assert not [path for path in fetched if "/pagefind/" in path], fetched


@pytest.fixture(scope="module")
def common_word_url(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo site, its index of names saying that "acm" begins too many names to list, served."""
    copy = tmp_path_factory.mktemp("common-word") / "site"
    shutil.copytree(site, copy)
    (copy / "search" / "names" / "61636d.json").write_text('{"records":[],"too_many":5000}\n', encoding="utf-8")
    with serve(copy) as url:
        yield url


def test_words_of_too_many_names_are_searched_in_all_text(page: Page, common_word_url: str) -> None:
    page.goto(common_word_url + "search/")
    # "sync" has a file that lists its names: the name search answers.
    _type(page, "acme sync")
    expect(page.locator("[data-search-status]")).to_contain_text("in names")
    assert _result_paths(page)[0] == "apps/acme-sync/"
    # "acme" alone has none: Pagefind answers.
    page.locator("#search-q").fill("")
    _type(page, "acme")
    expect(page.locator("[data-search-status]")).not_to_contain_text("in names")
    assert "apps/acme-sync/" in _result_paths(page)


def test_a_result_card_shows_its_excerpt_from_the_description_and_marks_the_partners_word(search: Page) -> None:
    _in_all_text(search)
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


# The demo site indexed in bundles of at most this many pages: four bundles, as a marketplace's index is split.
SMALL_BUNDLES = 15


@pytest.fixture(scope="module")
def split_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo site, its search index split into several bundles."""
    return build_site(tmp_path_factory.mktemp("split-site"), settings={BUNDLE_PAGES_SETTING: SMALL_BUNDLES})


@pytest.fixture(scope="module")
def split_url(split_site: Path) -> Iterator[str]:
    """The split site served over HTTP on 127.0.0.1, beside the session's site."""
    with serve(split_site) as url:
        yield url


def _bundle_of_each_page(site: Path) -> dict[str, str]:
    """The bundle (its directory in pagefind/) each indexed page's fragment is in, by the page's site path."""
    listing = json.loads((site / "pagefind" / "bundles.json").read_text(encoding="utf-8"))
    found = {}
    for directory in listing["bundles"]:
        for fragment in (site / "pagefind" / directory / "fragment").glob("*.pf_fragment"):
            data = gzip.decompress(fragment.read_bytes())
            found[json.loads(data[len(PREFIX) :])["url"].lstrip("/")] = directory
    return found


def _listing(page: Page, url: str) -> tuple[list[str], str, list[str]]:
    """The Gold filter's results on the search page at `url`: the paths, the status line, each facet's counts."""
    page.goto(url + "search/?tier=Gold")
    status = page.locator("[data-search-status]")
    expect(status).to_contain_text("with 1 filter")
    counts = page.locator("[data-facet-count]").all_inner_texts()
    return _result_paths(page), status.inner_text(), counts


def _by_name(page: Page, url: str, words: str) -> list[str]:
    """The results of `words` in name order on the search page at `url`."""
    page.goto(url + f"search/?q={words}&sort=name&in=text")
    expect(page.locator("[data-search-status]")).to_contain_text(f"for “{words}”")
    return _result_paths(page)


def test_a_split_index_answers_as_one_from_every_bundle(
    page: Page, problems: PageProblems, split_site: Path, split_url: str, base_url: str
) -> None:
    bundles = _bundle_of_each_page(split_site)
    assert len(set(bundles.values())) >= 3, bundles
    # Words: the best match first, whichever bundle holds it, and "Did you mean" still works.
    page.goto(split_url + "search/?in=text")
    _type(page, "Acme Sync")
    found = _result_paths(page)
    assert found[0] == "apps/acme-sync/"
    # Filters alone list by name: the same list, counts and words as from one bundle, drawn from several.
    paths, status, counts = _listing(page, split_url)
    assert len({bundles[path] for path in paths}) >= 2, paths
    assert (paths, status, counts) == _listing(page, base_url)
    # Words in name order: each bundle's results, bundle after bundle, as one index lists them.
    by_name = _by_name(page, split_url, "security")
    assert len({bundles[path] for path in by_name if path in bundles}) >= 2, by_name
    assert by_name == _by_name(page, base_url, "security")
    assert problems.all() == []
