"""A built site served over HTTP on 127.0.0.1, for the browser tests."""

from __future__ import annotations

import contextlib
import http.server
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.search_weight import SERVER_TIMEOUT_SECONDS, serve_with


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site without printing a line per request."""

    timeout = SERVER_TIMEOUT_SECONDS

    def log_message(self, format: str, *args: Any) -> None:
        del format, args


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """`directory` served over HTTP on 127.0.0.1 at a free port, while the context lasts; its address."""
    with serve_with(_QuietHandler, directory, "site-server") as address:
        yield address
