"""search/names.json: the name, kind and URL of every partner, app, badge and tier, for "Did you mean …?", and
each app's partner, for the compare page's picker.

Pagefind matches words and their prefixes but forgives no typo (pagefind#756). When a search finds nothing,
the search page fetches this file (only then) and suggests the names closest to what was typed. The compare
page fetches it once someone types in its picker.
"""

from __future__ import annotations

import json

from generator.site import output_paths as paths
from generator.site.model import SiteModel


def search_name_files(model: SiteModel) -> dict[str, bytes]:
    """search/names.json, in the site's order: partners, apps, badges, tiers."""
    partner_of_app = {app.url: app.partner.label for app in model.apps}
    names = []
    for record in model.search.values():
        name = {"name": record.name, "kind": record.kind.value, "url": record.url}
        if record.url in partner_of_app:
            name["partner"] = partner_of_app[record.url]
        names.append(name)
    # Compact: it is fetched by browsers, and read by no person.
    text = json.dumps({"names": names}, ensure_ascii=False, separators=(",", ":"))
    return {paths.SEARCH_NAMES: (text + "\n").encode()}
