"""A built site served over HTTP on 127.0.0.1, for the browser tests."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# A request the server has not answered by then is a hung test, not a slow page.
SERVER_TIMEOUT_SECONDS = 10


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site without printing a line per request."""

    timeout = SERVER_TIMEOUT_SECONDS

    def log_message(self, format: str, *args: Any) -> None:
        del format, args


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """`directory` served over HTTP on 127.0.0.1 at a free port, while the context lasts; its address."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=SERVER_TIMEOUT_SECONDS)
