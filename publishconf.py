"""Pelican settings for publishing: pelicanconf.py with an absolute site URL.

The site URL defaults to https://trust.example.com; set TRUST_SITEURL to publish elsewhere.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Pelican loads this file by path, so the directory holding pelicanconf.py may not be importable yet.
_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

from pelicanconf import *  # noqa: E402, F403

SITEURL = os.environ.get("TRUST_SITEURL", "https://trust.example.com").rstrip("/")
RELATIVE_URLS = False
# Never the development server's live reload in a published site.
TRUST_LIVERELOAD = False
CONTENT_SECURITY_POLICY = PUBLISHED_CONTENT_SECURITY_POLICY  # noqa: F405
