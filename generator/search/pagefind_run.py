"""The site's search index: the Pagefind CLI run over the written site, the last step of every build.

The `pagefind-bin` wheel ships the CLI binary; it is run directly, with a fixed argument list and no
configuration from the environment, so the index depends only on the written pages. Pagefind writes its filter
indexes in a random order; generator.search.stable_bundle sorts them, so that two builds of the same pages publish
the same bytes (checked by the two-builds test of tests/integration/test_site.py).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pagefind_bin

from generator.search.index_source import MANIFEST, kept_index, manifest_bytes, manifest_of, source_digest
from generator.search.stable_bundle import BundleFormatError, stabilize_bundle
from generator.site.unchanged_files import write_if_changed

# Where Pagefind writes its bundle, relative to the output directory; the search page loads pagefind.js from it.
BUNDLE_DIRECTORY = "pagefind"
# Far above the fraction of a second the demo site takes, but a hung binary must not hang a nightly build.
TIMEOUT_SECONDS = 300
# What every successful run leaves behind: the script the search page imports, and the index's entry point.
BUNDLE_FILES = ("pagefind.js", "pagefind-entry.json")


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site."""


@dataclass(frozen=True)
class SearchIndex:
    """A run of the search index: how long it took, every file of its bundle (relative to the site), and
    whether Pagefind was skipped because nothing it reads had changed."""

    seconds: float
    files: tuple[str, ...]
    skipped: bool = False


def pagefind_command(site: Path, bundle: Path | None = None) -> list[str]:
    """The command line that indexes `site` into `site/pagefind/`, or into the directory `bundle`."""
    where = ["--output-path", str(bundle)] if bundle is not None else ["--output-subdir", BUNDLE_DIRECTORY]
    return [
        str(pagefind_bin.get_executable()),
        "--site",
        str(site),
        *where,
        # Errors and warnings only: they are what a failed build shows.
        "--quiet",
    ]


def build_search_index(site: Path) -> SearchIndex:
    """Index the written site with Pagefind into `site/pagefind/`, or raise SearchIndexError.

    When nothing Pagefind reads has changed since the index in `site/pagefind/` was made, and that index is
    whole, it is kept as it is (generator.search.index_source). Otherwise Pagefind writes its bundle into a
    scratch directory, and only the files whose bytes changed are written into the site
    (generator.site.unchanged_files); the files of the older index are removed.
    """
    # Pagefind runs inside the site, so a relative path would be read from there.
    site = site.resolve()
    started = time.perf_counter()
    target = site / BUNDLE_DIRECTORY
    # The command without its paths: the scratch directory's name changes on every run.
    source = source_digest(site, BUNDLE_DIRECTORY, pagefind_command(Path("site"), Path("bundle")))
    kept = kept_index(target, source)
    if kept is not None:
        files = [*kept.files, MANIFEST]
        skipped = True
    else:
        with tempfile.TemporaryDirectory(prefix="pagefind-") as scratch:
            bundle = Path(scratch) / BUNDLE_DIRECTORY
            _run_pagefind(site, bundle)
            (bundle / MANIFEST).write_bytes(manifest_bytes(manifest_of(bundle, source)))
            files = _copy_bundle(bundle, target)
        skipped = False
    seconds = time.perf_counter() - started
    return SearchIndex(seconds, tuple(sorted(f"{BUNDLE_DIRECTORY}/{name}" for name in files)), skipped)


def _copy_bundle(bundle: Path, target: Path) -> list[str]:
    """Write each file of `bundle` into `target` if it changed, remove the others there; the bundle's files."""
    names = sorted(path.relative_to(bundle).as_posix() for path in bundle.rglob("*") if path.is_file())
    for name in names:
        write_if_changed(target / name, (bundle / name).read_bytes())
    if target.is_dir():
        kept = set(names)
        for path in sorted(target.rglob("*"), reverse=True):
            if path.is_file() and path.relative_to(target).as_posix() not in kept:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return names


def _run_pagefind(site: Path, bundle: Path) -> None:
    """Index `site` into `bundle`, made byte-stable; SearchIndexError with Pagefind's words when it fails."""
    command = pagefind_command(site, bundle)
    # Pagefind reads PAGEFIND_* variables and a pagefind.{yml,toml,json} in its working directory: neither may
    # change the index, so it runs without the first, inside the output directory (where we write no such file).
    environment = {name: value for name, value in os.environ.items() if not name.startswith("PAGEFIND_")}
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
    missing = [name for name in BUNDLE_FILES if not (bundle / name).is_file()]
    if missing:
        msg = f"search index: Pagefind reported success but did not write {', '.join(missing)} in {bundle}"
        raise SearchIndexError(f"{msg}\n{output}" if output else msg)
    try:
        stabilize_bundle(bundle)
    except (BundleFormatError, OSError, ValueError, KeyError, TypeError) as error:
        msg = f"search index: could not put Pagefind's filter indexes in a stable order: {error}"
        raise SearchIndexError(msg) from error
