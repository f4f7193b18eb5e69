"""The search index split into bundles, each indexed by its own Pagefind run and merged again in the browser.

Pagefind holds the whole index of a run in memory (about 140 kB a page: 1.7 GB for 12,000 pages), and has no
incremental mode. Split into bundles of at most a few thousand pages, run one after the other, its peak is that of
the largest bundle, and a bundle whose pages did not change is kept as it is. The search page loads every bundle
(listed in `bundles.json`) and merges their answers.

A bundle holds a range of the pages' sort names (data-pagefind-sort="name:…", the order "by name" lists
results in), so that the results of a sorted search are the bundles' sorted results one after the other. A range
is cut only between names' beginnings that every ordering of strings agrees on: a run of digits counts as one
character (a natural sort puts "9" before "10"), and the pages with no sort name come last. The first bundle is
the bundle directory itself, so that a site of one bundle is laid out as Pagefind lays out one run; the others
are its subdirectories "2", "3" and so on.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from generator.search.index_source import IndexedPage

# The most pages one Pagefind run indexes: about 2,400 pages a bundle peak at 300-400 MB (docs/architecture.md).
DEFAULT_BUNDLE_PAGES = 2500
# Sets the most pages per bundle (a test forces several bundles on the demo site with it).
BUNDLE_PAGES_SETTING = "TRUST_SEARCH_BUNDLE_PAGES"
# In the bundle directory: the bundles the search page loads, the first one being the directory itself.
BUNDLES_FILE = "bundles.json"
# How much of a sort name decides its bundle: enough to share pages out evenly.
CLASS_LENGTH = 3
_DIGITS = re.compile(r"[0-9]+")


@dataclass(frozen=True)
class Bundle:
    """The pages one Pagefind run indexes, and where its bundle goes ("" is the bundle directory itself)."""

    directory: str
    pages: tuple[IndexedPage, ...]


def bundle_pages(settings: Mapping[str, Any]) -> int:
    """The most pages one bundle holds: the TRUST_SEARCH_BUNDLE_PAGES setting, else the default."""
    return max(1, int(settings.get(BUNDLE_PAGES_SETTING) or DEFAULT_BUNDLE_PAGES))


def sort_class(sort_name: str | None) -> tuple[int, str]:
    """The part of a sort name that decides its bundle; pages without one sort after every name."""
    if sort_name is None:
        return (1, "")
    head = _DIGITS.sub("0", sort_name)[:CLASS_LENGTH]
    # A run of digits ends the class: what follows a number is ordered by the number first.
    return (0, head[: head.index("0") + 1] if "0" in head else head)


def split_pages(pages: Sequence[IndexedPage], most: int) -> list[Bundle]:
    """`pages` in as few bundles of about equal size as hold at most `most` each (when their names allow)."""
    count = max(1, math.ceil(len(pages) / most))
    target = max(1, len(pages)) / count
    shares: list[list[IndexedPage]] = [[] for _ in range(count)]
    before = 0
    ordered = sorted(pages, key=lambda page: sort_class(page.sort_name))
    for _, group in groupby(ordered, key=lambda page: sort_class(page.sort_name)):
        members = list(group)
        # A range of names goes to the bundle its middle falls in: bundles stay contiguous ranges.
        shares[min(count - 1, int((before + len(members) / 2) / target))].extend(members)
        before += len(members)
    kept = [share for share in shares if share] or [[]]
    return [
        Bundle("" if number == 1 else str(number), tuple(sorted(share, key=lambda page: page.path)))
        for number, share in enumerate(kept, start=1)
    ]


def bundles_file(bundles: Sequence[Bundle]) -> bytes:
    """The bundles' list the search page reads: each bundle's address relative to the bundle directory."""
    return (
        json.dumps({"bundles": [f"{bundle.directory}/" if bundle.directory else "./" for bundle in bundles]}) + "\n"
    ).encode()
