"""Where the files that are not pages are written, relative to the output root (the public URL layout).

Per-subject paths (a partner's API file and feed, a badge's SVG) come from the views; these are the rest.
"""

from __future__ import annotations

API_ROOT = "api/v1"
API_INDEX = f"{API_ROOT}/index.json"
APPS_CSV = f"{API_ROOT}/apps.csv"
PARTNERS_CSV = f"{API_ROOT}/partners.csv"
SITE_FEED = "feeds/trust-events.atom.xml"
# The share card (og:image) of the pages that have none of their own.
SITE_CARD = "card.svg"
SITEMAP = "sitemap.xml"
ROBOTS_TXT = "robots.txt"
SECURITY_TXT = ".well-known/security.txt"
ABOUT_PAGE = "about/"
# The names of every partner, app, badge and tier, for the search page's "Did you mean …?".
SEARCH_NAMES = "search/names.json"
# The search page's index of names: one file for each beginning of a word of a name (search_names.py).
SEARCH_NAME_INDEX = "search/names"
# The last nights' changes, as the Changes page shows them; the next nightly run reads it back.
CHANGE_HISTORY = "changes/history.json"
