"""Browser tests: the demo site, built for real by Pelican, served on 127.0.0.1 and driven in Debian's Chromium.

Playwright cannot download its own browsers on our machines, so pytest-playwright is pointed at /usr/bin/chromium;
`invoke setup` (run by `invoke test`) installs it, and the Nu HTML Checker, when they are missing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from pelican import Pelican
from pelican.settings import read_settings
from playwright.sync_api import ConsoleMessage, Error, Page
from serving import serve

from bench.search_weight import CHROMIUM, CHROMIUM_ARGS

REPO = Path(__file__).resolve().parents[2]
AS_OF = "2026-11-24"
# Records what the page itself saw: Content-Security-Policy violations (which Chromium also prints to the console,
# but as errors whose text is not meant to be parsed) and uncaught errors.
RECORDER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo site, built once by Pelican as of the fixed date into a temporary directory.

    `TRUST_BROWSER_DATA=<data root>` builds another data root instead, such as a benchmark marketplace
    (`python -m bench` writes one), to measure a page at marketplace scale: only the tests that do not expect
    the demo's records make sense then (what a first search weighs is measured on any built site by
    `python -m bench.search_weight`, and on a small marketplace by tests/browser/test_search_weight.py).
    """
    data = Path(os.environ.get("TRUST_BROWSER_DATA") or REPO / "data")
    return build_site(tmp_path_factory.mktemp("browser-site"), data)


def build_site(output: Path, data: Path = REPO / "data", settings: Mapping[str, object] | None = None) -> Path:
    """A real Pelican build of `data` into `output` as of the fixed date, with any settings given beside."""
    override = {"OUTPUT_PATH": str(output), "TRUST_DATA_PATH": str(data), "TRUST_AS_OF": AS_OF, **(settings or {})}
    Pelican(read_settings(str(REPO / "pelicanconf.py"), override=override)).run()
    return output


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The site served over HTTP on 127.0.0.1 at a free port, for the whole session (overrides pytest-playwright's)."""
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright's launch arguments, pointed at Debian's Chromium."""
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: run `.venv/bin/invoke setup` (as root) to install Debian's chromium")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright's context arguments, with reduced motion: a focused element is scrolled to at once."""
    return {**browser_context_args, "reduced_motion": "reduce"}


class PageProblems:
    """Console errors, uncaught exceptions and CSP violations of one page, as readable lines."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.errors: list[str] = []
        page.on("console", self._on_console)
        page.on("pageerror", self._on_page_error)

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location
            self.errors.append(f"console error: {message.text} ({where['url']}:{where['lineNumber']})")

    def _on_page_error(self, error: Error) -> None:
        self.errors.append(f"uncaught: {error.message}")

    def all(self) -> list[str]:
        """Everything recorded so far on this page."""
        violations = self.page.evaluate("window.__cspViolations || []")
        return [*self.errors, *(f"CSP violation: {violation}" for violation in violations)]


@pytest.fixture
def problems(page: Page) -> PageProblems:
    """What goes wrong in `page`; the recorder runs before any of the page's own scripts."""
    page.add_init_script(RECORDER)
    return PageProblems(page)
