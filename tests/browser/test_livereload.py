"""invoke livereload: a page served by the development server reloads itself when a watched file changes.

The server is the one `invoke livereload` starts (tasks.live_server), on a site built the way that task builds
it (TRUST_LIVERELOAD=1), run in its own process; the page must reload without breaking its CSP.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import AS_OF, REPO, PageProblems
from playwright.sync_api import Page

SERVER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, sys.argv[1])
    import tasks
    server = tasks.live_server()
    server.watch(sys.argv[3])
    server.serve(host="127.0.0.1", port=int(sys.argv[4]), root=sys.argv[2])
    """
)
STARTUP_SECONDS = 20
QUIET_START_SECONDS = 3.5


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def live_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The demo site built for live reload, served by the live-reload server; and the file it watches."""
    output = tmp_path_factory.mktemp("live-site")
    environment = {**os.environ, "TRUST_LIVERELOAD": "1", "TRUST_AS_OF": AS_OF}
    command = [sys.executable, "-m", "pelican", "--settings", "pelicanconf.py", "--output", str(output)]
    subprocess.run([*command, "--fatal", "warnings"], cwd=REPO, env=environment, check=True, capture_output=True)
    watched = tmp_path_factory.mktemp("watched") / "edit-me.txt"
    watched.write_text("first\n", encoding="utf-8")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(REPO), str(output), str(watched), str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                with urllib.request.urlopen(base, timeout=2):
                    break
            except OSError:
                assert server.poll() is None, "the live-reload server stopped"
                assert time.monotonic() < deadline, "the live-reload server did not start"
                time.sleep(0.1)
        # livereload ignores changes in its first 3 s (and reloads the browsers connected at its first poll):
        # the test's change must come after that, so that the reload seen is the one the change causes.
        time.sleep(QUIET_START_SECONDS)
        yield base, watched
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_watched_change_reloads_the_page_within_its_csp(
    live_site: tuple[str, Path], page: Page, problems: PageProblems
) -> None:
    base, watched = live_site
    page.goto(base + "apps/acme-sync/")
    # The page's own script file, from the same origin: no inline script for the CSP to block.
    assert page.locator('script[src$="livereload.js"]').count() == 1
    assert "inline live-reload" not in page.content()
    # Playwright's waiting predicates are evaluated by the page, which its CSP forbids: poll from here instead.
    deadline = time.monotonic() + STARTUP_SECONDS
    while not page.evaluate("Boolean(window.LiveReload?.connector?._isSocketConnected())"):
        assert time.monotonic() < deadline, "the page never connected to the live-reload server"
        time.sleep(0.1)
    page.evaluate("window.__beforeReload = true")
    with page.expect_navigation(timeout=15_000):
        watched.write_text("second\n", encoding="utf-8")
    assert page.evaluate("window.__beforeReload") is None
    assert page.url == base + "apps/acme-sync/"
    assert problems.all() == []


def test_a_published_build_never_loads_the_live_reload_script(site: Path) -> None:
    page = (site / "apps" / "acme-sync" / "index.html").read_text(encoding="utf-8")
    assert "livereload.js" not in page
    assert "connect-src" not in page
