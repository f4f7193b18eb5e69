"""Files of the site that are not HTML pages: each module makes one kind, as bytes keyed by path.

Every module is a pure function of the site model (and the public address): no clock, no randomness,
so two builds of the same data as of the same date write the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from generator.outputs.api import api_files
from generator.outputs.change_history import change_history_files
from generator.outputs.feeds import feed_files
from generator.outputs.host_headers import host_headers_files
from generator.outputs.search_names import search_name_files
from generator.outputs.security_txt import security_txt_files
from generator.outputs.share_cards import share_card_files
from generator.outputs.sitemap import sitemap_files
from generator.outputs.status_badges import badge_files
from generator.outputs.tables import table_files
from generator.site.api_documents import schema_files
from generator.site.model import SiteModel
from generator.site.public_site import public_site

# The sections of the site's own pages (generator.site.pages), for the headers file.
SECTIONS = frozenset({"partners", "apps", "badges", "tiers", "timeline", "stats", "compare", "search", "changes"})


def extra_files(model: SiteModel, settings: Mapping[str, Any], content_urls: Sequence[str] = ()) -> dict[str, bytes]:
    """Every non-page file of the site, by its path relative to the output directory (generate_extra_files)."""
    return dict(generate_extra_files(model, settings, content_urls))


def generate_extra_files(
    model: SiteModel, settings: Mapping[str, Any], content_urls: Sequence[str] = ()
) -> Iterator[tuple[str, bytes]]:
    """Every non-page file of the site, with its path relative to the output directory, one kind at a time.

    `content_urls` are the URLs of the Markdown pages Pelican writes from content/ (for the sitemap). Only the
    kind being made is held in memory (at 10,000 apps the API alone is hundreds of megabytes); of the others,
    only their paths are kept, for the clash check and the headers file.
    """
    site = public_site(settings)
    kinds: tuple[Callable[[], Mapping[str, bytes]], ...] = (
        lambda: logo_files(model),
        # The JSON API, its spreadsheets, and the schemas of both the API and the records.
        lambda: api_files(model, site),
        lambda: table_files(model, site),
        schema_files,
        # Feeds of trust events, embeddable status images.
        lambda: feed_files(model, site),
        lambda: badge_files(model),
        # The pictures shown when a page is linked from elsewhere (og:image).
        lambda: share_card_files(model, site.name),
        # For crawlers and security researchers.
        lambda: sitemap_files(model, site, content_urls),
        lambda: security_txt_files(model, site),
        # The search page's "Did you mean …?" (its index is written by Pagefind after the build).
        lambda: search_name_files(model),
        # The nightly run's record of the last nights' changes (the Changes page's data).
        lambda: change_history_files(model),
    )
    paths: set[str] = set()
    for kind in kinds:
        files = kind()
        # Two kinds claiming one path would silently overwrite each other in the output directory.
        clashes = sorted(paths & files.keys())
        if clashes:
            msg = f"two outputs claim the same path: {', '.join(clashes)}"
            raise ValueError(msg)
        paths |= files.keys()
        yield from files.items()
        del files
    # Last: the headers file covers every section the others write, and the site's pages.
    sections = {path.split("/", 1)[0] for path in (*paths, *content_urls) if "/" in path} | SECTIONS
    yield from host_headers_files(settings, sections).items()


def logo_files(model: SiteModel) -> dict[str, bytes]:
    """Each partner's logo, re-encoded (generator.checks.logos.published_logo), next to its page."""
    files: dict[str, bytes] = {}
    for partner in model.partners:
        if partner.logo_url and partner.logo_png:
            files[partner.logo_url] = partner.logo_png
    return files
