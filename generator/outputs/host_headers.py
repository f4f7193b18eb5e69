"""_headers: the HTTP headers static hosts that read the file (Netlify, Cloudflare Pages) send with the site.

Security headers go on every path; caching is set per section, with no two rules giving one path a
Cache-Control, because hosts combine the values of overlapping rules differently. Pages, the API, feeds and
status images change every night: they are cached briefly and revalidated. Pagefind's fragment, index and filter
files are named by their content and are cached for a year. Files the site does not list here (Pagefind's
entry point and scripts) get the host's default, which revalidates.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

HEADERS_FILE = "_headers"
SHORT = "public, max-age=300, must-revalidate"
# The theme's files keep their names from one release to the next, so they are not cached for long either.
THEME = "public, max-age=3600, must-revalidate"
IMMUTABLE = "public, max-age=31536000, immutable"
# Pagefind's content-hashed directories.
HASHED_DIRECTORIES = ("pagefind/fragment", "pagefind/index", "pagefind/filter")
ROOT_FILES = ("", "index.html", "404.html", "sitemap.xml", "robots.txt")


def host_headers_files(settings: Mapping[str, Any], sections: Iterable[str]) -> dict[str, bytes]:
    """_headers, for the top-level `sections` of the site (directories such as 'apps', 'api', 'feeds')."""
    lines = ["# Written by the build: security headers on every path, then caching per section.", "/*"]
    if settings.get("CONTENT_SECURITY_POLICY"):
        # frame-ancestors has no effect in a meta tag: the host's header is where it belongs.
        lines.append(f"  Content-Security-Policy: {settings['CONTENT_SECURITY_POLICY']}; frame-ancestors 'none'")
    lines += [
        "  X-Content-Type-Options: nosniff",
        "  Referrer-Policy: strict-origin-when-cross-origin",
        "  Permissions-Policy: camera=(), microphone=(), geolocation=()",
        "  Cross-Origin-Opener-Policy: same-origin",
    ]
    theme = str(settings.get("THEME_STATIC_DIR", "theme"))
    rules = [(f"/{name}", SHORT) for name in ROOT_FILES]
    rules += [(f"/{name}/*", SHORT) for name in sorted(set(sections) - {theme, "pagefind"})]
    rules += [(f"/{theme}/*", THEME)]
    rules += [(f"/{directory}/*", IMMUTABLE) for directory in HASHED_DIRECTORIES]
    for path, cache in rules:
        lines += [path, f"  Cache-Control: {cache}"]
    return {HEADERS_FILE: ("\n".join(lines) + "\n").encode()}
