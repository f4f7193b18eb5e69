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


def test_choosing_two_apps_shows_their_badges_side_by_side(page: Page, site: Path) -> None:
    page.goto("compare/")
    status = page.locator("[data-compare-status]")
    for app_id in CHOSEN:
        page.locator(f"#pick-{app_id}").check()
    expect(status).to_contain_text("Comparing")
    assert _table(page) == _expected(site)
    assert page.url.endswith("compare/?apps=" + ",".join(CHOSEN))


def test_the_address_restores_the_choice(page: Page, site: Path) -> None:
    page.goto("compare/?apps=" + ",".join(CHOSEN))
    for app_id in CHOSEN:
        expect(page.locator(f"#pick-{app_id}")).to_be_checked()
    expect(page.locator("input[name=apps]:checked")).to_have_count(len(CHOSEN))
    assert _table(page) == _expected(site)
