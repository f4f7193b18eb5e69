"""What a first search weighs over the wire, on the benchmark's small marketplace split into several bundles.

The issue's budget: a first search and its first five results on the 10,000-app site in at most 150 KB with gzip.
The 10,000-app site takes minutes to build, so `python -m bench` measures it (bench/search_weight.py, the rows
"first search …" and "first search of all text …"); here the benchmark's quick marketplace is indexed in bundles
small enough that there are several, as there are five at 10,000 apps, and the same measurements run on it. The
search page looks for names first, in the index of names: one small file per search, nothing of Pagefind's.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import AS_OF, build_site
from playwright.sync_api import Page

from bench.__main__ import QUICK_SIZE
from bench.marketplace import write_marketplace
from bench.search_weight import BUDGET_BYTES, FIRST_RESULTS, SearchWeight, first_search, serve_compressed
from generator.search.bundles import BUNDLE_PAGES_SETTING

# The quick marketplace's hundred or so pages in bundles of this many: five or six bundles, as there are five at
# 10,000 apps.
BUNDLE_PAGES = 20


@pytest.fixture(scope="module")
def marketplace_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The benchmark's quick marketplace, built with its search index in several bundles."""
    data = write_marketplace(tmp_path_factory.mktemp("marketplace"), QUICK_SIZE, dt.date.fromisoformat(AS_OF))
    return build_site(tmp_path_factory.mktemp("marketplace-site"), data, {BUNDLE_PAGES_SETTING: BUNDLE_PAGES})


@pytest.fixture(scope="module")
def compressed_url(marketplace_site: Path) -> Iterator[str]:
    """The marketplace site served as a host serves it, text gzip-encoded."""
    with serve_compressed(marketplace_site) as url:
        yield url


def _bundles(site: Path) -> list[str]:
    listing = json.loads((site / "pagefind" / "bundles.json").read_text(encoding="utf-8"))
    bundles: list[str] = listing["bundles"]
    return bundles


def _common_name_word(site: Path) -> str:
    """The word of the most names of apps (of letters: a customer types words, not numbers)."""
    names = json.loads((site / "search" / "names.json").read_text(encoding="utf-8"))["names"]
    counts = Counter(
        word.lower() for name in names if name["kind"] == "App" for word in name["name"].split() if word.isalpha()
    )
    return counts.most_common(1)[0][0]


@pytest.fixture
def weight(page: Page, compressed_url: str, marketplace_site: Path) -> SearchWeight:
    """A first search on the marketplace site, from a fresh browser context (an empty cache): names first. Its
    word is that of the most app names, as the benchmark's is at 10,000 apps (bench/marketplace.py)."""
    measured = first_search(page, compressed_url, _common_name_word(marketplace_site))
    assert measured.results >= FIRST_RESULTS, measured.report()
    assert measured.failed == (), measured.report()
    return measured


@pytest.fixture
def all_text_weight(page: Page, compressed_url: str, marketplace_site: Path) -> SearchWeight:
    """A first search of the text of every page on the marketplace site, from a fresh browser context."""
    assert len(_bundles(marketplace_site)) >= 5
    measured = first_search(page, compressed_url, all_text=True)
    assert measured.results >= FIRST_RESULTS, measured.report()
    assert measured.failed == (), measured.report()
    return measured


def test_a_first_search_reads_one_file_of_the_index_of_names_and_nothing_of_pagefind(weight: SearchWeight) -> None:
    kinds = weight.by_kind()
    assert kinds["name index"][0] == 1, weight.report()
    assert not [kind for kind in kinds if kind.startswith("pagefind")], weight.report()


def test_a_first_search_weighs_at_most_the_budget(weight: SearchWeight) -> None:
    assert weight.total <= BUDGET_BYTES, weight.report()


def test_a_search_of_all_text_fetches_pagefinds_engine_once_for_every_bundle(all_text_weight: SearchWeight) -> None:
    kinds = all_text_weight.by_kind()
    for engine in ("pagefind wasm", "pagefind pagefind.js", "pagefind pagefind-worker.js"):
        assert kinds[engine][0] == 1, all_text_weight.report()
    # Each bundle's own index is read once.
    metadata = [transfer.path for transfer in all_text_weight.transfers if transfer.kind == "pagefind metadata"]
    assert len(metadata) == len(set(metadata)) >= 5, all_text_weight.report()
