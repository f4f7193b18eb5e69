"""Long listings in pages: sizes, addresses and the links between them."""

from __future__ import annotations

import pytest

from generator.views.badges_and_tiers import BadgePageView, HolderView
from generator.views.paging import PageLink, paginate, short_list
from generator.views.urls import url_of_search


@pytest.mark.parametrize(
    ("count", "pages", "last_size"),
    [(0, 1, 0), (1, 1, 1), (49, 1, 49), (50, 1, 50), (51, 2, 1), (100, 2, 50), (101, 3, 1)],
)
def test_items_are_split_in_pages_of_fifty_in_order(count: int, pages: int, last_size: int) -> None:
    items = list(range(count))
    listing = paginate(items, "apps/")
    assert len(listing) == pages
    assert [item for page in listing for item in page.items] == items
    assert len(listing[-1].items) == last_size
    assert all(page.total == count and page.page_count == pages for page in listing)


def test_the_first_page_keeps_the_listing_address_and_the_others_follow_it() -> None:
    first, second, third = paginate(range(120), "apps/")
    assert (first.url, first.save_as) == ("apps/", "apps/index.html")
    assert (second.url, second.save_as) == ("apps/page/2/", "apps/page/2/index.html")
    assert (first.previous_url, first.next_url) == ("", "apps/page/2/")
    assert (second.previous_url, second.next_url) == ("apps/", "apps/page/3/")
    assert (third.previous_url, third.next_url) == ("apps/page/2/", "")
    assert (second.first, second.last, third.first, third.last) == (51, 100, 101, 120)


def test_one_page_has_no_links_and_an_empty_listing_says_nothing_is_shown() -> None:
    (only,) = paginate([], "partners/")
    assert (only.links, only.first, only.last, only.total) == ((), 0, 0, 0)


def test_links_show_the_ends_and_the_neighbours_with_gaps_between() -> None:
    pages = paginate(range(50 * 20), "apps/")
    numbers = [link.number for link in pages[9].links]
    assert numbers == [1, 0, 8, 9, 10, 11, 12, 0, 20]
    assert [link.number for link in pages[9].links if link.current] == [10]
    assert pages[9].links[1] == PageLink(0, "")
    assert [link.number for link in pages[0].links] == [1, 2, 3, 0, 20]
    assert [link.number for link in pages[2].links] == [1, 2, 3, 4, 5, 0, 20]
    assert pages[0].total_label == "1,000"


def test_a_short_list_says_how_many_more_and_links_the_whole_list() -> None:
    short = short_list(list(range(1234)), "search/?kind=App&sort=name")
    assert (len(short.shown), short.more, short.search_label) == (50, "And 1,184 more.", "All 1,234 in search")
    assert short_list(list(range(50)), "search/").more == ""
    cut_without_search = short_list(list(range(60)))
    assert (cut_without_search.more, cut_without_search.search_url, cut_without_search.search_label) == (
        "And 10 more.",
        "",
        "",
    )


def test_a_badge_page_shows_fifty_holders_and_links_the_search_for_all() -> None:
    holders = tuple(HolderView(f"App {n:03}", f"apps/app-{n:03}/", "P", "Earned", "earned") for n in range(60))
    page = BadgePageView(
        id="scan",
        name="Vulnerability scan passed",
        url="badges/scan/",
        level="App badge",
        summary="",
        accepts="",
        retired=None,
        retired_note=None,
        criteria=(),
        holders=holders,
        lapsed=holders[:3],
        holders_search_url=url_of_search("App", badge="Vulnerability scan passed"),
    )
    assert page.holders_list.shown == holders[:50]
    assert page.holders_list.more == "And 10 more."
    assert page.holders_list.search_url == "search/?kind=App&badge=Vulnerability+scan+passed&sort=name"
    assert page.lapsed_list.shown == holders[:3]
    assert page.lapsed_list.more == ""
