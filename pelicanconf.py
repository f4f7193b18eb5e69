"""Pelican settings for local work: relative URLs, no feeds, our theme and our plugin.

Relative paths here are resolved by Pelican against this file's directory, so builds work from any cwd.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

SITENAME = "Trust Pages"
SITEURL = ""
RELATIVE_URLS = True

TIMEZONE = "UTC"
DEFAULT_LANG = "en"
# A fixed locale, so that dates in the output never depend on the machine that builds it.
LOCALE = ("C.UTF-8", "C")

PATH = "content"
OUTPUT_PATH = "output"
# The output directory is kept between builds, so that a rebuild writes only the files whose bytes changed
# (generator.site.unchanged_files); the build then removes every file it did not write, so a removed partner or
# app leaves no page behind, as in a fresh directory.
DELETE_OUTPUT_DIRECTORY = False
THEME = "themes/trust"
# Pelican would copy the theme's static/ anew on every build; our plugin copies it instead, writing only what
# changed. The theme's files still land in THEME_STATIC_DIR (theme/).
THEME_STATIC_PATHS: list[str] = []
TRUST_THEME_STATIC_PATHS = ["static"]

# Our plugin lives in the `generator` package at the repository root.
PLUGIN_PATHS = ["."]
PLUGINS = ["generator.pelican_plugin"]

# Where the trust records live. Pelican resolves only its own path settings, so this one is made absolute here.
# TRUST_DATA_PATH in the environment builds another data directory.
TRUST_DATA_PATH = os.environ.get("TRUST_DATA_PATH") or str(Path(__file__).resolve().parent / "data")
# The nightly run's record of the last nights' changes (changes/history.json of the previous release), for the
# Changes page; without it the page says that no change is recorded yet.
TRUST_CHANGE_HISTORY = os.environ.get("TRUST_CHANGE_HISTORY") or None
# Record, beside the output, what this build was built from, so that the same build next time can be skipped
# (generator/site/build_state.py). The nightly run, which builds each release afresh, turns it off.
TRUST_BUILD_STATE = os.environ.get("TRUST_BUILD_STATE", "1") != "0"
# The public address of the published site: sitemap, feeds, Open Graph, security.txt and the API use it
# even in local builds, where page links stay relative.
TRUST_CANONICAL_URL = os.environ.get("TRUST_SITEURL", "https://trust.example.com").rstrip("/")
# The address for reports about this site itself (published in /.well-known/security.txt).
TRUST_SECURITY_CONTACT = "mailto:security@trust.example.com"

# Pages only: no blog articles, so no article paths and no archive, tag, category or author pages.
ARTICLE_PATHS: list[str] = []
PAGE_PATHS = ["pages"]
STATIC_PATHS: list[str] = []
# Every page of the trust site, the home page included, is written by our plugin's generator.
DIRECT_TEMPLATES: list[str] = []

# Pretty URLs: about/ is written to about/index.html.
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
SLUGIFY_SOURCE = "basename"

# No feeds: the site has no articles. These are the feeds Pelican writes unless told not to.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None

# Metadata values (title, summary …) are plain text; only page bodies are HTML, made by generator.views.markdown.
FORMATTED_FIELDS: list[str] = []

# Pelican turns autoescaping off by default; every value a template prints is escaped unless marked |safe.
JINJA_ENVIRONMENT: dict[str, Any] = {
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "extensions": [],
}

# Printed in every page's CSP meta tag. frame-ancestors cannot be set from a meta tag: it belongs in the
# HTTP headers of the host.
PUBLISHED_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)
CONTENT_SECURITY_POLICY = PUBLISHED_CONTENT_SECURITY_POLICY

# `invoke livereload` builds with TRUST_LIVERELOAD=1: every page then loads /livereload.js from the development
# server (same origin, so script-src 'self' allows it), and this development-only policy lets that script open
# its WebSocket back to the server. publishconf.py turns both off.
TRUST_LIVERELOAD = os.environ.get("TRUST_LIVERELOAD") == "1"
if TRUST_LIVERELOAD:
    CONTENT_SECURITY_POLICY += "; connect-src 'self' ws://127.0.0.1:* ws://localhost:*"
