"""A marketplace larger than one listing page: the apps listing in pages, its filters through the search.
Built for real from the benchmark's synthetic marketplace."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pelican import Pelican
from pelican.settings import read_settings

from bench.__main__ import QUICK_SIZE
from bench.marketplace import write_marketplace
from bench.page_sizes import APP_PAGE_LIMIT, app_ids
from generator.views.urls import url_of_app

REPO = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def market(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The data of the benchmark's quick marketplace (`python -m bench --quick`)."""
    return write_marketplace(tmp_path_factory.mktemp("market"), QUICK_SIZE, AS_OF)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, market: Path) -> Path:
    data = market
    output = tmp_path_factory.mktemp("site")
    settings = read_settings(
        str(REPO / "pelicanconf.py"),
        override={"OUTPUT_PATH": str(output), "TRUST_DATA_PATH": str(data), "TRUST_AS_OF": AS_OF.isoformat()},
    )
    Pelican(settings).run()
    return output


def _app_links(page: Path) -> list[str]:
    listing = page.read_text(encoding="utf-8").split('id="app-list"')[1].split('<nav class="pagination"')[0]
    return re.findall(r'<h2 class="listing-card__title"><a href="[./]*(apps/[^"]+)"', listing)


def test_the_apps_listing_spans_pages_that_hold_every_app_once(site: Path) -> None:
    first, second = site / "apps" / "index.html", site / "apps" / "page" / "2" / "index.html"
    apps = _app_links(first) + _app_links(second)
    every_app = sorted(
        f"apps/{path.parent.name}/" for path in site.glob("apps/*/index.html") if path.parent.name != "page"
    )
    assert (len(_app_links(first)), len(_app_links(second))) == (50, 10)
    assert sorted(apps) == every_app
    assert not (site / "apps" / "page" / "3").exists()
    assert "Apps 51 to 60 of 60, sorted by name." in second.read_text(encoding="utf-8")
    assert "<title>Apps, page 2 of 2 · " in second.read_text(encoding="utf-8")


def test_pages_link_each_other_and_the_sitemap_lists_them(site: Path) -> None:
    first = (site / "apps" / "index.html").read_text(encoding="utf-8")
    second = (site / "apps" / "page" / "2" / "index.html").read_text(encoding="utf-8")
    assert 'href="../apps/page/2/" rel="next"' in first
    assert 'href="../../../apps/" rel="prev"' in second
    assert 'aria-current="page"><span class="visually-hidden">Page </span>2</a>' in second
    assert "/apps/page/2/</loc>" in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_a_listing_of_several_pages_is_filtered_through_the_search(site: Path) -> None:
    first = (site / "apps" / "index.html").read_text(encoding="utf-8")
    form = first.split('<form class="filters filters--search"')[1].split("</form>")[0]
    assert 'action="../search/" method="get"' in form
    assert '<input type="hidden" name="kind" value="App">' in form
    for facet in ("tier", "badge", "grade", "hosting"):
        assert f'name="{facet}"' in form
    # The partners listing fits on one page: it keeps the in-page filters.
    partners = (site / "partners" / "index.html").read_text(encoding="utf-8")
    assert 'data-filters="partner-list"' in partners
    assert "filters--search" not in partners


def test_the_compare_table_is_in_pages_too_and_the_picker_reads_the_names_list(site: Path) -> None:
    first = (site / "compare" / "index.html").read_text(encoding="utf-8")
    second = (site / "compare" / "page" / "2" / "index.html").read_text(encoding="utf-8")
    rows = [page.split("<tbody>")[1].split("</tbody>")[0].count("<tr>") for page in (first, second)]
    assert rows == [50, 10]
    assert "Apps 51 to 60 of 60, by name." in second
    assert 'data-names="../search/names.json"' in first
    assert 'id="pick-' not in first, "the picker no longer lists every app in the page"


def test_every_app_page_is_within_the_size_limit(site: Path, market: Path) -> None:
    apps = app_ids(market)
    assert len(apps) == QUICK_SIZE.apps
    sizes = {app: (site / url_of_app(app) / "index.html").stat().st_size for app in apps}
    assert {app: size for app, size in sizes.items() if size > APP_PAGE_LIMIT} == {}
