"""Keyboard only: the skip link, the header search box, the listing filters and the search page, by Tab and keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from keyboard import assert_focus_is_visible, tab_to
from playwright.sync_api import Page, expect
from screens import SCREENS, visit

# A few Tabs from the top: the skip link, the site name, then the search box.
HEADER_TABS = 5


@pytest.mark.parametrize("name", ["home", "apps", "app", "search"])
def test_the_skip_link_comes_first_and_moves_focus_to_main(page: Page, site: Path, name: str) -> None:
    visit(page, SCREENS[name])
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('a.skip-link')"), "the first Tab stop is not the skip link"
    assert_focus_is_visible(page)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # The next Tab goes on from inside <main>, past the header.
    page.keyboard.press("Tab")
    stop = assert_focus_is_visible(page)
    assert page.evaluate("document.getElementById('main').contains(document.activeElement)"), f"{stop} is not in main"


def test_tab_reaches_the_header_search_box_and_searches(page: Page, site: Path) -> None:
    page.goto("stats/")
    tab_to(page, "header input[type=search]", limit=HEADER_TABS)
    page.keyboard.type("Acme Sync")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=Acme+Sync")
    expect(page.locator("#search-q")).to_have_value("Acme Sync")


def test_the_app_filters_work_from_the_keyboard(page: Page, site: Path) -> None:
    visit(page, SCREENS["apps"])
    count = page.locator("[data-filter-count]")
    all_apps = page.locator("#app-list > li").count()
    tab_to(page, "#filter-hosting")
    # On a closed <select>, an arrow key picks the next option, as on any desktop system but macOS.
    page.keyboard.press("ArrowDown")
    expect(page.locator("#filter-hosting")).to_have_value("Cloud")
    shown = page.locator("#app-list > li:not([hidden])").count()
    assert 0 < shown < all_apps
    expect(count).to_have_text(f"Showing {shown} of {all_apps} apps.")
    for control in ("#filter-badge", "#filter-tier", "#filter-grade", "button[type=reset]"):
        tab_to(page, control, limit=1)
    page.keyboard.press("Enter")
    expect(page.locator("#filter-hosting")).to_have_value("")
    expect(page.locator("#app-list > li:not([hidden])")).to_have_count(all_apps)


def test_the_search_filters_and_results_work_from_the_keyboard(page: Page, site: Path) -> None:
    page.goto("search/?q=acme")
    expect(page.locator("[data-search-results] a").first).to_be_visible()
    tab_to(page, "#search-q")
    tab_to(page, "[data-facet] input[type=checkbox]")
    facet = page.locator("#" + page.evaluate("document.activeElement.id"))
    page.keyboard.press("Space")
    expect(facet).to_be_checked()
    tab_to(page, "[data-search-results] a", limit=60)
    target = page.evaluate("document.activeElement.href")
    page.keyboard.press("Enter")
    page.wait_for_url(target)
