"""search/names.json: the name, kind and URL of every partner, app, badge and tier, for "Did you mean …?".

Pagefind matches words and their prefixes but forgives no typo (pagefind#756). When a search finds nothing,
the search page fetches this file (only then) and suggests the names closest to what was typed.
"""

from __future__ import annotations

import json

from generator.site import output_paths as paths
from generator.site.model import SiteModel


def search_name_files(model: SiteModel) -> dict[str, bytes]:
    """search/names.json, in the site's order: partners, apps, badges, tiers."""
    names = [{"name": record.name, "kind": record.kind.value, "url": record.url} for record in model.search.values()]
    # Compact: it is fetched by browsers, and read by no person.
    text = json.dumps({"names": names}, ensure_ascii=False, separators=(",", ":"))
    return {paths.SEARCH_NAMES: (text + "\n").encode()}
