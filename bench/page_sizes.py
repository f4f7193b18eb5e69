"""The size of the app pages a build wrote: the median and the largest, against the issue's limit of 20 KB."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path

from generator.views.urls import url_of_app

# The issue "Marketplace scale": "per-page HTML ≤ 20 KB for an app page", on every app page.
APP_PAGE_LIMIT = 20 * 1024


@dataclass(frozen=True)
class AppPageSizes:
    """Bytes of the app pages of one site: how many, the median, and the largest with its app."""

    count: int
    median_bytes: int
    largest_bytes: int
    largest_app: str


def app_ids(data: Path) -> list[str]:
    """Every app of a data tree, by id (its record file's name: data/partners/<partner>/apps/<app>.yaml)."""
    return sorted(path.stem for path in data.glob("partners/*/apps/*.yaml"))


def app_page_sizes(site: Path, apps: list[str]) -> AppPageSizes:
    """The sizes of the pages of `apps` in the built `site`."""
    sizes = {app: (site / url_of_app(app) / "index.html").stat().st_size for app in apps}
    largest = max(sizes, key=lambda app: (sizes[app], app))
    return AppPageSizes(len(sizes), round(statistics.median(sizes.values())), sizes[largest], largest)
