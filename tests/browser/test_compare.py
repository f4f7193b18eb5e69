"""The compare page: two apps chosen, their badges side by side; the address keeps the choice."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import Page, expect

CHOSEN = ("acme-sync", "hooli-chat")


def _api_app(site: Path, app_id: str) -> dict[str, object]:
    app: dict[str, object] = json.loads((site / "api" / "v1" / "apps" / f"{app_id}.json").read_text(encoding="utf-8"))
    return app


def _expected(site: Path) -> tuple[list[str], dict[str, list[str]]]:
    """The chosen apps' names, and for each badge the state of each app, from the published API."""
    names: list[str] = []
    states: dict[str, list[str]] = {}
    for column, app_id in enumerate(CHOSEN):
        app = _api_app(site, app_id)
        names.append(str(app["name"]))
        for badge in app["badges"]:  # type: ignore[attr-defined]
            states.setdefault(badge["name"], ["—"] * len(CHOSEN))[column] = badge["state"]
    return names, states


# The table's column heads, and each badge row (a row with a state in it) as the state of each cell.
_READ_TABLE = """(table) => ({
  heads: [...table.querySelectorAll("thead th")].map((th) => th.innerText.trim()),
  rows: [...table.querySelectorAll("tbody tr")].filter((tr) => tr.querySelector(".state")).map((tr) => [
    tr.querySelector("th").innerText.trim(),
    [...tr.querySelectorAll("td")].map((td) => {
      const state = td.querySelector(".state");
      return state ? state.className.replace("state state--", "") : td.innerText.trim();
    }),
  ]),
})"""


def _table(page: Page) -> tuple[list[str], dict[str, list[str]]]:
    """The side-by-side table as shown: the column heads, and for each badge the state in each app's column."""
    table = page.locator("[data-compare-result] table")
    expect(table).to_be_visible()
    shown = table.evaluate(_READ_TABLE)
    return shown["heads"], dict(shown["rows"])


def _choose(page: Page, typed: str, label: str) -> None:
    """Type in the picker and choose the suggestion `label` with the keyboard."""
    find = page.locator("#compare-find")
    find.fill(typed)
    options = page.locator("#compare-matches [role=option]")
    expect(options.first).to_be_visible()
    while page.locator("#compare-matches [aria-selected=true]").inner_text() != label:
        find.press("ArrowDown")
    find.press("Enter")


def _chips(page: Page) -> list[str]:
    return page.locator("[data-compare-chips] .chip > span").all_inner_texts()


def test_choosing_two_apps_by_typing_shows_their_badges_side_by_side(page: Page, site: Path) -> None:
    page.goto("compare/")
    status = page.locator("[data-compare-status]")
    _choose(page, "sync", "Acme Sync by Acme Cloudworks")
    expect(status).to_have_text("Choose at least one more app.")
    _choose(page, "HOOLI ch", "Hooli Chat Bridge by Hooli Tools")
    expect(status).to_contain_text("Comparing")
    assert _table(page) == _expected(site)
    assert _chips(page) == ["Acme Sync by Acme Cloudworks", "Hooli Chat Bridge by Hooli Tools"]
    assert page.url.endswith("compare/?apps=" + ",".join(CHOSEN))
    # A chosen app is not suggested again.
    page.locator("#compare-find").fill("acme s")
    expect(page.locator("#compare-matches")).to_be_hidden()


def test_the_address_restores_the_choice_and_a_chip_removes_its_app(page: Page, site: Path) -> None:
    page.goto("compare/?apps=" + ",".join(CHOSEN))
    assert _table(page) == _expected(site)
    expect(page.locator("[data-compare-chips] .chip")).to_have_count(2)
    page.get_by_role("button", name="Remove Acme Sync").click()
    expect(page.locator("[data-compare-chips] .chip")).to_have_count(1)
    expect(page.locator("[data-compare-status]")).to_have_text("Choose at least one more app.")
    expect(page.locator("[data-compare-result] table")).to_have_count(0)
    assert page.url.endswith("compare/?apps=hooli-chat")
    expect(page.locator("#compare-find")).to_be_focused()


def test_four_apps_fill_the_picker_until_one_is_removed(page: Page) -> None:
    page.goto("compare/?apps=acme-sync,hooli-chat,hooli-search,stark-repulsor")
    find = page.locator("#compare-find")
    expect(page.locator("[data-compare-chips] .chip")).to_have_count(4)
    expect(find).to_be_disabled()
    page.get_by_role("button", name="Clear choice").click()
    expect(find).to_be_enabled()
    expect(page.locator("[data-compare-chips] .chip")).to_have_count(0)
    find.press("Escape")
    find.fill("zz-no-such-app")
    expect(page.locator("#compare-matches")).to_be_hidden()
