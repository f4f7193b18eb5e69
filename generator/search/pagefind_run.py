"""The site's search index: the Pagefind CLI run over the written site, the last step of every build.

The `pagefind-bin` wheel ships the CLI binary; it is run directly, with a fixed argument list and no
configuration from the environment, so the index depends only on the written pages. Pagefind writes its filter
indexes in a random order; generator.search.stable_bundle sorts them, so that two builds of the same pages publish
the same bytes (checked by the two-builds test of tests/integration/test_site.py).
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pagefind_bin

from generator.search.stable_bundle import BundleFormatError, stabilize_bundle

# Where Pagefind writes its bundle, relative to the output directory; the search page loads pagefind.js from it.
BUNDLE_DIRECTORY = "pagefind"
# Far above the fraction of a second the demo site takes, but a hung binary must not hang a nightly build.
TIMEOUT_SECONDS = 300
# What every successful run leaves behind: the script the search page imports, and the index's entry point.
BUNDLE_FILES = ("pagefind.js", "pagefind-entry.json")


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site."""


def pagefind_command(site: Path) -> list[str]:
    """The command line that indexes `site` into `site/pagefind/`."""
    return [
        str(pagefind_bin.get_executable()),
        "--site",
        str(site),
        "--output-subdir",
        BUNDLE_DIRECTORY,
        # Errors and warnings only: they are what a failed build shows.
        "--quiet",
    ]


def build_search_index(site: Path) -> float:
    """Index the written site with Pagefind; return the seconds it took, or raise SearchIndexError."""
    # Pagefind runs inside the site, so a relative path would be read from there.
    site = site.resolve()
    command = pagefind_command(site)
    # Pagefind reads PAGEFIND_* variables and a pagefind.{yml,toml,json} in its working directory: neither may
    # change the index, so it runs without the first, inside the output directory (where we write no such file).
    environment = {name: value for name, value in os.environ.items() if not name.startswith("PAGEFIND_")}
    started = time.perf_counter()
    try:
        result = subprocess.run(
            command,
            cwd=site,
            env=environment,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        msg = f"search index: could not run Pagefind ({' '.join(command)}): {error}"
        raise SearchIndexError(msg) from error
    # Pagefind prints some errors on both streams: each line once, in order.
    output = "\n".join(dict.fromkeys(line for line in (result.stdout + result.stderr).splitlines() if line.strip()))
    if result.returncode != 0:
        msg = f"search index: Pagefind failed with exit status {result.returncode} ({' '.join(command)})"
        raise SearchIndexError(f"{msg}\n{output}" if output else msg)
    missing = [name for name in BUNDLE_FILES if not (site / BUNDLE_DIRECTORY / name).is_file()]
    if missing:
        where = site / BUNDLE_DIRECTORY
        msg = f"search index: Pagefind reported success but did not write {', '.join(missing)} in {where}"
        raise SearchIndexError(f"{msg}\n{output}" if output else msg)
    try:
        stabilize_bundle(site / BUNDLE_DIRECTORY)
    except (BundleFormatError, OSError, ValueError, KeyError, TypeError) as error:
        msg = f"search index: could not put Pagefind's filter indexes in a stable order: {error}"
        raise SearchIndexError(msg) from error
    return time.perf_counter() - started
