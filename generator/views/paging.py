"""Long listings split into pages of a fixed size, with the links between them.

A marketplace lists thousands of apps: one page holding every card would weigh megabytes. The first page of
a listing keeps its address (`apps/`); the others follow it (`apps/page/2/`). Listings that fit on one page
are one page, as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from generator.records.shared_values import compact_pickle

T = TypeVar("T")

# Cards per listing page, and names per holder list on a badge or tier page.
LISTING_PAGE_SIZE = 50
HOLDERS_SHOWN = 50
# Numbered links shown on each side of the current page (the first and last are always shown).
_NEIGHBOURS = 2


@compact_pickle
@dataclass(frozen=True, slots=True)
class PageLink:
    """A numbered link of the page navigation; `url` is empty for a gap ("…")."""

    number: int
    url: str
    current: bool = False


@compact_pickle
@dataclass(frozen=True, slots=True)
class ListingPage(Generic[T]):
    """One page of a listing: its items and where the others are."""

    number: int
    page_count: int
    url: str
    items: tuple[T, ...]
    # 1-based positions of the first and last item shown, and how many items the whole listing has.
    first: int
    last: int
    total: int
    previous_url: str
    next_url: str
    links: tuple[PageLink, ...]

    @property
    def save_as(self) -> str:
        return f"{self.url}index.html"

    @property
    def first_label(self) -> str:
        return f"{self.first:,}"

    @property
    def last_label(self) -> str:
        return f"{self.last:,}"

    @property
    def total_label(self) -> str:
        return f"{self.total:,}"


def page_url(base_url: str, number: int) -> str:
    """The address of page `number` of the listing at `base_url` ('apps/' → 'apps/page/2/')."""
    return base_url if number == 1 else f"{base_url}page/{number}/"


def paginate(items: Sequence[T], base_url: str, size: int = LISTING_PAGE_SIZE) -> tuple[ListingPage[T], ...]:
    """`items` in pages of at most `size`, in their order; an empty listing is one empty page."""
    total = len(items)
    count = max(1, -(-total // size))
    pages = []
    for number in range(1, count + 1):
        start = (number - 1) * size
        chunk = tuple(items[start : start + size])
        pages.append(
            ListingPage(
                number=number,
                page_count=count,
                url=page_url(base_url, number),
                items=chunk,
                first=start + 1 if chunk else 0,
                last=start + len(chunk),
                total=total,
                previous_url=page_url(base_url, number - 1) if number > 1 else "",
                next_url=page_url(base_url, number + 1) if number < count else "",
                links=_links(base_url, number, count),
            )
        )
    return tuple(pages)


def _links(base_url: str, current: int, count: int) -> tuple[PageLink, ...]:
    if count == 1:
        return ()
    shown = {1, count, *range(current - _NEIGHBOURS, current + _NEIGHBOURS + 1)}
    links: list[PageLink] = []
    for number in sorted(n for n in shown if 1 <= n <= count):
        if links and number > links[-1].number + 1:
            links.append(PageLink(0, ""))
        links.append(PageLink(number, page_url(base_url, number), number == current))
    return tuple(links)


@compact_pickle
@dataclass(frozen=True, slots=True)
class ShortList(Generic[T]):
    """The first items of a list too long to show whole, with how many more there are and where to see them."""

    shown: tuple[T, ...]
    # "And 1,234 more." when the list is cut, else empty.
    more: str
    # Where the search lists them all, and that link's words (both empty when there is no such search).
    search_url: str
    search_label: str


def short_list(items: Sequence[T], search_url: str = "", size: int = HOLDERS_SHOWN) -> ShortList[T]:
    """At most `size` of `items`; a link to `search_url` for the whole list when it is cut."""
    more = len(items) - size
    if more <= 0:
        return ShortList(tuple(items), "", "", "")
    label = f"All {len(items):,} in search" if search_url else ""
    return ShortList(tuple(items[:size]), f"And {more:,} more.", search_url, label)
