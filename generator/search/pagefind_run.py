"""The site's search index: Pagefind CLI runs over the written site, the last step of every build.

The `pagefind-bin` wheel ships the CLI binary; it is run directly, with a fixed argument list and no
configuration from the environment, so the index depends only on the written pages. Pagefind writes its filter
indexes in a random order; generator.search.stable_bundle sorts them, so that two builds of the same pages publish
the same bytes (checked by the two-builds test of tests/integration/test_site.py).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import pagefind_bin

from generator.search.bundles import BUNDLES_FILE, DEFAULT_BUNDLE_PAGES, Bundle, bundles_file, split_pages
from generator.search.index_source import (
    MANIFEST,
    FileHashes,
    Manifest,
    PageReadings,
    file_hashes,
    indexed_pages,
    intact,
    manifest_bytes,
    read_manifest,
    source_digest,
)
from generator.search.stable_bundle import BundleFormatError, stabilize_bundle
from generator.site.unchanged_files import move_if_changed, write_if_changed

# Where Pagefind writes its bundle, relative to the output directory; the search page loads pagefind.js from it.
BUNDLE_DIRECTORY = "pagefind"
# Far above the fraction of a second the demo site takes, but a hung binary must not hang a nightly build.
# (A bundle of 2,500 pages takes about a minute on two shared cores.)
TIMEOUT_SECONDS = 300
# What every successful run leaves behind: the script the search page imports, and the index's entry point.
BUNDLE_FILES = ("pagefind.js", "pagefind-entry.json")
# The files of Pagefind's default interfaces, which the bundles after the first do without.
USER_INTERFACE_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


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


def build_search_index(
    site: Path, most_pages: int = DEFAULT_BUNDLE_PAGES, pages: Collection[str] | None = None
) -> SearchIndex:
    """Index the written site's pages (`pages`, relative paths, when given; else every .html file there) with
    Pagefind into `site/pagefind/`, or raise SearchIndexError.

    The pages are split into bundles of at most `most_pages` (generator.search.bundles), each indexed by its own
    Pagefind run, one after the other. A bundle whose pages Pagefind would read the same as when the bundle in
    `site/pagefind/` was made, and whose files are all there, is kept as it is (generator.search.index_source);
    when every bundle is, Pagefind does not run at all. The others are indexed into a scratch directory, and only
    the files whose bytes changed are written into the site (generator.site.unchanged_files); the files of the
    older index are removed. When the bundles are those of the last index, the kept ones are left in place unread
    (a rebuild after one record changes writes one bundle); otherwise the whole directory is made anew.
    """
    # Pagefind runs inside the directory it indexes, so a relative path would be read from there.
    site = site.resolve()
    started = time.perf_counter()
    target = site / BUNDLE_DIRECTORY
    readings = PageReadings(site)
    hashes = FileHashes(target)
    bundles = split_pages(indexed_pages(site, BUNDLE_DIRECTORY, readings, pages), most_pages)
    # The command without its paths: the scratch directories' names change on every run.
    command = pagefind_command(Path("site"), Path("bundle"))
    sources = {bundle.directory: source_digest(bundle.pages, command) for bundle in bundles}
    listing = bundles_file(bundles)
    recorded = read_manifest(target)
    nested = [bundle.directory for bundle in bundles if bundle.directory]
    kept = {
        bundle.directory
        for bundle in bundles
        if recorded is not None
        and recorded.sources.get(bundle.directory) == sources[bundle.directory]
        and intact(target, _files_of(recorded.files, bundle.directory, nested), hashes)
    }
    unchanged = recorded is not None and recorded.sources == sources and len(kept) == len(bundles)
    if recorded is not None and unchanged and _unchanged(target / BUNDLES_FILE, listing):
        files = [*recorded.files, MANIFEST]
        skipped = True
    elif recorded is not None and recorded.sources.keys() == sources.keys():
        files = _index_changed_bundles(site, target, bundles, kept, recorded, sources, listing)
        skipped = False
    else:
        files = _index_anew(site, target, bundles, kept, recorded, sources, listing)
        skipped = False
    readings.save()
    hashes.save()
    seconds = time.perf_counter() - started
    return SearchIndex(seconds, tuple(sorted(f"{BUNDLE_DIRECTORY}/{name}" for name in files)), skipped)


def _index_anew(
    site: Path,
    target: Path,
    bundles: list[Bundle],
    kept: set[str],
    recorded: Manifest | None,
    sources: dict[str, str],
    listing: bytes,
) -> list[str]:
    """The whole bundle directory made in a scratch directory (the kept bundles copied into it), then written
    over the old one: for a first index, or when the bundles are not the same ones as last time."""
    nested = [bundle.directory for bundle in bundles if bundle.directory]
    with _scratch(site) as scratch:
        written = Path(scratch) / BUNDLE_DIRECTORY
        for bundle in bundles:
            if recorded is not None and bundle.directory in kept:
                for name in _files_of(recorded.files, bundle.directory, nested):
                    (written / name).parent.mkdir(parents=True, exist_ok=True)
                    (written / name).write_bytes((target / name).read_bytes())
            else:
                _index_bundle(site, bundle, written / bundle.directory, Path(scratch) / "pages")
        (written / BUNDLES_FILE).write_bytes(listing)
        hashes = file_hashes(written)
        (written / MANIFEST).write_bytes(manifest_bytes(Manifest(sources, hashes)))
        if not target.exists():
            # A first index: the whole directory moved in place at once.
            written.rename(target)
            return sorted([*hashes, MANIFEST])
        return _copy_bundle(written, target)


def _index_changed_bundles(
    site: Path,
    target: Path,
    bundles: list[Bundle],
    kept: set[str],
    recorded: Manifest,
    sources: dict[str, str],
    listing: bytes,
) -> list[str]:
    """Index again only the bundles not kept, each written over its own files in place: the same bundles as last
    time, so the kept ones stay as they are, unread. The files of the bundle directory, the manifest included;
    anything else found there is removed."""
    nested = [bundle.directory for bundle in bundles if bundle.directory]
    files = dict(recorded.files)
    changed = [bundle for bundle in bundles if bundle.directory not in kept]
    with _scratch(site) as scratch:
        # Every run first: a failing one leaves the index in the site as it was.
        for number, bundle in enumerate(changed):
            _index_bundle(site, bundle, Path(scratch) / str(number), Path(scratch) / "pages")
        for number, bundle in enumerate(changed):
            written = Path(scratch) / str(number)
            prefix = f"{bundle.directory}/" if bundle.directory else ""
            made = {f"{prefix}{name}": sha256 for name, sha256 in file_hashes(written).items()}
            for name in made:
                move_if_changed(written / name.removeprefix(prefix), target / name)
            old = _files_of(files, bundle.directory, nested)
            files = {name: sha256 for name, sha256 in files.items() if name not in old} | made
    write_if_changed(target / BUNDLES_FILE, listing)
    files[BUNDLES_FILE] = hashlib.sha256(listing).hexdigest()
    write_if_changed(target / MANIFEST, manifest_bytes(Manifest(sources, files)))
    names = [*files, MANIFEST]
    _remove_others(target, set(names))
    return names


def _scratch(site: Path) -> tempfile.TemporaryDirectory[str]:
    """A scratch directory for Pagefind's runs inside the site, on its file system: what they make is renamed
    into place, not copied. It is gone before the build lists the site's files."""
    return tempfile.TemporaryDirectory(prefix=".pagefind-", dir=site)


def _remove_others(target: Path, names: set[str]) -> None:
    """Remove every file under `target` not named (paths relative to it), and the directories left empty."""
    for directory, _, found in os.walk(target, topdown=False):
        here = Path(directory)
        for name in found:
            if (here / name).relative_to(target).as_posix() not in names:
                (here / name).unlink()
        if here != target and not any(here.iterdir()):
            here.rmdir()


def _files_of(files: dict[str, str], directory: str, nested: list[str]) -> dict[str, str]:
    """The files of the bundle in `directory` among `files` (paths relative to the bundle directory)."""
    if directory:
        return {name: sha for name, sha in files.items() if name.startswith(f"{directory}/")}
    others = tuple(f"{name}/" for name in nested)
    return {name: sha for name, sha in files.items() if name != BUNDLES_FILE and not name.startswith(others)}


def _unchanged(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() == data
    except OSError:
        return False


def _index_bundle(site: Path, bundle: Bundle, written: Path, pages: Path) -> None:
    """Index the pages of `bundle` into `written`: Pagefind reads a scratch directory holding only them."""
    if pages.exists():
        shutil.rmtree(pages)
    pages.mkdir(parents=True)
    made: set[str] = set()
    for page in bundle.pages:
        # Strings, not Paths: at 12,000 pages, making the Paths costs more than the links.
        parent, _, _ = page.path.rpartition("/")
        if parent and parent not in made:
            os.makedirs(f"{pages}/{parent}", exist_ok=True)  # noqa: PTH103
            made.add(parent)
        try:
            os.link(f"{site}/{page.path}", f"{pages}/{page.path}")
        except OSError:  # another file system, or no hard links there
            shutil.copyfile(f"{site}/{page.path}", f"{pages}/{page.path}")
    try:
        _run_pagefind(pages, written)
    finally:
        shutil.rmtree(pages)
    if bundle.directory:
        # Pagefind's own interfaces, 400 kB a bundle: the search page loads them from no bundle, and the
        # first bundle keeps its copy for whoever links to them.
        for name in USER_INTERFACE_FILES:
            (written / name).unlink(missing_ok=True)


def _copy_bundle(bundle: Path, target: Path) -> list[str]:
    """Move each file of `bundle` into `target` if it changed, remove the others there; the bundle's files."""
    names = sorted(path.relative_to(bundle).as_posix() for path in bundle.rglob("*") if path.is_file())
    for name in names:
        move_if_changed(bundle / name, target / name)
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
    # change the index, so it runs without the first, inside the directory of the pages it indexes (which holds
    # nothing else).
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
