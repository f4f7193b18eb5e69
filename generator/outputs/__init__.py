"""Files of the site that are not HTML pages: each module makes one kind, as bytes keyed by path.

Every module is a pure function of the site model (and the public address): no clock, no randomness,
so two builds of the same data as of the same date write the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from generator.outputs.api import api_files_by_partner, api_index_files
from generator.outputs.change_history import change_history_files
from generator.outputs.feeds import partner_feed_files, site_feed_files
from generator.outputs.host_headers import host_headers_files
from generator.outputs.search_names import search_name_files
from generator.outputs.security_txt import security_txt_files
from generator.outputs.share_cards import partner_card_files, site_card_files
from generator.outputs.sitemap import sitemap_files
from generator.outputs.status_badges import partner_badge_files
from generator.outputs.tables import table_files
from generator.site.api_documents import schema_files
from generator.site.kept_files import KeptPartnerFiles
from generator.site.model import SiteModel
from generator.site.public_site import public_site
from generator.views.page_models import PartnerView

# The sections of the site's own pages (generator.site.pages), for the headers file.
SECTIONS = frozenset({"partners", "apps", "badges", "tiers", "timeline", "stats", "compare", "search", "changes"})


def extra_files(model: SiteModel, settings: Mapping[str, Any], content_urls: Sequence[str] = ()) -> dict[str, bytes]:
    """Every non-page file of the site, by its path relative to the output directory (generate_extra_files)."""
    files = generate_extra_files(model, settings, content_urls)
    return {path: data for path, data in files if data is not None}


def generate_extra_files(
    model: SiteModel,
    settings: Mapping[str, Any],
    content_urls: Sequence[str] = (),
    kept: KeptPartnerFiles | None = None,
) -> Iterator[tuple[str, bytes | None]]:
    """Every non-page file of the site, with its path relative to the output directory, a few at a time.

    `content_urls` are the URLs of the Markdown pages Pelican writes from content/ (for the sitemap). First the
    files of the whole site, one kind at a time, then each partner's own (its apps' included), all kinds
    together. A partner whose files `kept` says are those of the last build, untouched, is not made again: its
    paths come with None for bytes. Only the files being made are held in memory (at 10,000 apps the API alone
    is hundreds of megabytes); of the others, only their paths are kept, for the clash check and the headers.
    """
    site = public_site(settings)
    whole_site: tuple[Callable[[], Mapping[str, bytes] | Iterator[tuple[str, bytes]]], ...] = (
        # The JSON API's index, its spreadsheets, and the schemas of both the API and the records.
        lambda: api_index_files(model, site),
        lambda: table_files(model, site),
        schema_files,
        # The feed of the whole site's trust events.
        lambda: site_feed_files(model, site),
        # The picture shown when a page without its own is linked from elsewhere (og:image).
        lambda: site_card_files(model, site.name),
        # For crawlers and security researchers.
        lambda: sitemap_files(model, site, content_urls),
        lambda: security_txt_files(model, site),
        # The search page's "Did you mean …?" (its index is written by Pagefind after the build).
        lambda: search_name_files(model),
        # The nightly run's record of the last nights' changes (the Changes page's data).
        lambda: change_history_files(model),
    )
    api_of_partner = api_files_by_partner(model, site)
    of_each_partner: tuple[Callable[[PartnerView], Mapping[str, bytes]], ...] = (
        partner_logo_files,
        # The partner's and its apps' API documents, feeds of trust events, embeddable status images, and
        # share cards.
        api_of_partner,
        lambda partner: partner_feed_files(model, partner, site),
        partner_badge_files,
        lambda partner: partner_card_files(model, partner, site.name),
    )
    paths: set[str] = set()

    def claim(files: Iterable[str]) -> None:
        # Two outputs claiming one path would silently overwrite each other in the output directory.
        claimed = set(files)
        clashes = sorted(paths & claimed)
        if clashes:
            msg = f"two outputs claim the same path: {', '.join(clashes)}"
            raise ValueError(msg)
        paths.update(claimed)

    for kind in whole_site:
        # A kind of many large files (the index of names) makes them one at a time.
        files = kind()
        for path, data in files.items() if isinstance(files, Mapping) else files:
            claim((path,))
            yield path, data
        del files
    for partner in model.partners:
        unchanged = kept.unchanged(partner) if kept is not None else None
        if unchanged is not None:
            claim(unchanged)
            yield from ((path, None) for path in unchanged)
            continue
        made: dict[str, bytes] = {}
        for kind_of_partner in of_each_partner:
            files = kind_of_partner(partner)
            claim(files)
            made |= files
        if kept is not None:
            kept.made(partner, made)
        yield from made.items()
    # Last: the headers file covers every section the others write, and the site's pages.
    sections = {path.split("/", 1)[0] for path in (*paths, *content_urls) if "/" in path} | SECTIONS
    yield from host_headers_files(settings, sections).items()


def partner_file_settings(settings: Mapping[str, Any]) -> str:
    """What each partner's files read of the settings, in a few words (their keys: site/kept_files.py)."""
    return repr(public_site(settings))


def logo_files(model: SiteModel) -> dict[str, bytes]:
    """Each partner's logo, re-encoded (generator.checks.logos.published_logo), next to its page."""
    files: dict[str, bytes] = {}
    for partner in model.partners:
        files |= partner_logo_files(partner)
    return files


def partner_logo_files(partner: PartnerView) -> dict[str, bytes]:
    """A partner's logo, when it has one."""
    return {partner.logo_url: partner.logo_png} if partner.logo_url and partner.logo_png else {}
