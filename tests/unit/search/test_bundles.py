"""generator.search.bundles: the pages split into bundles of bounded size, each a range of sort names."""

from __future__ import annotations

import itertools
import json

import pytest

from generator.search.bundles import DEFAULT_BUNDLE_PAGES, bundle_pages, bundles_file, sort_class, split_pages
from generator.search.index_source import IndexedPage


def page(name: str | None, path: str | None = None) -> IndexedPage:
    return IndexedPage(path or f"apps/{name}/index.html", b"", name)


def names(pages: tuple[IndexedPage, ...]) -> list[str | None]:
    return sorted((p.sort_name for p in pages), key=lambda n: (n is None, n or ""))


def test_a_site_within_the_limit_is_one_bundle_in_the_bundle_directory_itself() -> None:
    (bundle,) = split_pages([page("beta"), page("alpha")], 10)
    assert bundle.directory == ""
    assert [p.sort_name for p in bundle.pages] == ["alpha", "beta"]  # in path order


def test_no_page_is_still_one_bundle_for_pagefind_to_refuse() -> None:
    assert [(b.directory, b.pages) for b in split_pages([], 10)] == [("", ())]


def test_bundles_are_ranges_of_names_in_order_of_about_equal_size() -> None:
    pages = [page(f"{letter}{n} app") for letter in "abcdefghij" for n in "xyz"]
    bundles = split_pages(pages, 10)
    assert [b.directory for b in bundles] == ["", "2", "3"]
    assert [len(b.pages) for b in bundles] == [10, 10, 10]
    ranges = [names(b.pages) for b in bundles]
    # Every name of a bundle sorts before every name of the next: a sorted search reads them one after another.
    for first, second in itertools.pairwise(ranges):
        assert max(n for n in first if n) < min(n for n in second if n)
    assert sorted(p.path for b in bundles for p in b.pages) == sorted(p.path for p in pages)


def test_names_that_differ_only_in_a_number_share_a_bundle_whatever_the_numbers_ordering() -> None:
    # A natural sort puts "app 9" before "app 10", a plain one after: neither ordering may be cut between them.
    assert sort_class("app 9") == sort_class("app 10") == sort_class("app 10b")
    assert sort_class("ap") < sort_class("app 1") < sort_class("apq")
    pages = [page(f"app {n}") for n in range(20)] + [page(f"zed {n}") for n in range(20)]
    bundles = split_pages(pages, 20)
    assert [names(b.pages)[0] for b in bundles] == ["app 0", "zed 0"]


def test_pages_without_a_sort_name_come_last() -> None:
    bundles = split_pages([page(None, "about/index.html"), *(page(f"{c}x") for c in "abcdef")], 4)
    assert len(bundles) == 2
    assert None in names(bundles[-1].pages)
    assert None not in names(bundles[0].pages)


def test_the_bundle_size_is_a_setting() -> None:
    assert bundle_pages({}) == DEFAULT_BUNDLE_PAGES
    assert bundle_pages({"TRUST_SEARCH_BUNDLE_PAGES": 15}) == 15


@pytest.mark.parametrize(("count", "listed"), [(1, ["./"]), (3, ["./", "2/", "3/"])])
def test_the_bundles_file_lists_each_bundle_relative_to_the_bundle_directory(count: int, listed: list[str]) -> None:
    pages = [page(f"{c}x") for c in "abcdefghijkl"]
    bundles = split_pages(pages, -(-len(pages) // count))
    assert json.loads(bundles_file(bundles)) == {"bundles": listed}
