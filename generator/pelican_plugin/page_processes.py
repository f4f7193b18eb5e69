"""How many processes render the pages: the pages are split among worker processes forked from the build
(`generator/parallel.py`), each rendering its pages and writing them itself. Rendering a page depends only on the
page and the context, so the bytes are those of a one-process build.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from generator import parallel
from generator.parallel import configured_processes

# Below this many pages, starting workers costs more than it saves.
MIN_PAGES_FOR_WORKERS = 400


def process_count(settings: Mapping[str, Any], environment: Mapping[str, str], pages: int) -> int:
    """How many processes render `pages` pages: TRUST_BUILD_PROCESSES (setting or environment), else the cores."""
    return parallel.process_count(configured_processes(settings, environment), pages, MIN_PAGES_FOR_WORKERS)
