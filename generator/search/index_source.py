"""What the search index is made from, page by page, so that an unchanged bundle is not indexed again.

Pagefind has no incremental mode: it reads every page on every run. Its index depends only on what it reads of
the pages: when any page marks its <main> as `data-pagefind-body` (ours do), pages without the mark are left
out, and of the others Pagefind reads the body and the `data-pagefind-*` attributes. A page's digest covers that
(its <html> tag, <head>, <main> and every tag with a data-pagefind attribute) and leaves out the page furniture
around <main> (the header and footer, which show the as-of date). A bundle's source digest adds the Pagefind
version, this package's code and the command line to the path and digest of each page it indexes. A manifest
beside the bundles records each bundle's source digest and every bundle file's hash, so that a skipped run can
check that the index it keeps is whole.

The pages are read one at a time: only their digests and sort names are kept, never their bytes.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from generator.load.cache import digest as cache_digest
from generator.load.cache import open_pack

# The cache pack of what each page gave when it was last read.
_READINGS_PACK = "search-pages"
# The cache pack of the bundle files' hashes, by their files' states.
_HASHES_PACK = "search-files"
# The manifest, in the bundle directory: each bundle's source digest and the hash of every other bundle file.
MANIFEST = "index-source.json"
BODY_MARK = b"data-pagefind-body"
# The sort the search page offers (data-pagefind-sort="name:…"): bundles are split along it.
SORT_KEY = "name"
_HTML_TAG = re.compile(rb"<html\b[^>]*>", re.IGNORECASE)
_HEAD = re.compile(rb"<head\b.*?</head>", re.IGNORECASE | re.DOTALL)
_MAIN = re.compile(rb"<main\b.*</main>", re.IGNORECASE | re.DOTALL)
_PAGEFIND_TAG = re.compile(rb"<[^>]*\bdata-pagefind[^>]*>", re.IGNORECASE)
_SORT = re.compile(rb'\bdata-pagefind-sort="' + SORT_KEY.encode() + rb':([^"]*)"')
# The code that turns pages into the bundles: a change to it changes the index without any page changing.
_CODE = ("pagefind_run.py", "stable_bundle.py", "index_source.py", "bundles.py")


@dataclass(frozen=True)
class IndexedPage:
    """A page Pagefind indexes: its path in the site, the digest of what Pagefind reads of it, its sort name."""

    path: str
    digest: bytes
    sort_name: str | None


@dataclass(frozen=True)
class Manifest:
    """Each bundle's source digest (by its directory, "" for the first) and each bundle file's SHA-256 (paths
    relative to the bundle directory)."""

    sources: dict[str, str]
    files: dict[str, str]


def indexed_text(page: bytes) -> bytes:
    """The parts of one page Pagefind reads when the page is marked with data-pagefind-body."""
    parts = [match.group(0) for match in (_HTML_TAG.search(page), _HEAD.search(page)) if match]
    main = _MAIN.search(page)
    rest = page
    if main:
        parts.append(main.group(0))
        rest = page[: main.start()] + page[main.end() :]
    parts += _PAGEFIND_TAG.findall(rest)
    return b"\0".join(parts)


def indexed_pages(
    site: Path, bundle: str, readings: PageReadings | None = None, names: Collection[str] | None = None
) -> list[IndexedPage]:
    """Every page of `site` Pagefind indexes, in path order (bundle: its own directory, which is not read):
    those named (relative paths), or every .html file found there.

    A page whose file is the one `readings` remembers (same size, times and inode) is not read again."""
    read = []
    listed = _html_files(site, bundle) if names is None else sorted(names, key=_path_order)
    for name in listed:
        # Strings, not Paths: at 12,000 pages, making the Path costs more than the stat.
        path = f"{site}/{name}"
        status = os.stat(path)  # noqa: PTH116
        remembered = readings.get(name, status) if readings is not None else None
        if remembered is None:
            content = read_page(path)
            marked = BODY_MARK in content
            digest = hashlib.sha256(indexed_text(content) if marked else content).digest()
            sort = _SORT.search(content)
            remembered = (IndexedPage(name, digest, html.unescape(sort.group(1).decode()) if sort else None), marked)
            if readings is not None:
                readings.put(name, status, remembered)
        read.append(remembered)
    # Once one page is marked, Pagefind leaves out the pages that are not.
    any_marked = any(marked for _, marked in read)
    return [page for page, marked in read if marked or not any_marked]


def read_page(path: str) -> bytes:
    """A page's bytes (by a string path, as `indexed_pages` lists them)."""
    with open(path, "rb") as file:  # noqa: PTH123
        return file.read()


def _html_files(site: Path, leave_out: str) -> list[str]:
    """The .html files under `site` (relative paths), in the order of their paths' parts, links not followed
    into directories; the top-level entry `leave_out` is not walked."""
    found: list[str] = []
    pending = [""]
    while pending:
        directory = pending.pop()
        with os.scandir(f"{site}/{directory}" if directory else site) as entries:
            for entry in entries:
                name = f"{directory}/{entry.name}" if directory else entry.name
                if entry.is_dir(follow_symlinks=False):
                    if name != leave_out:
                        pending.append(name)
                elif entry.name.endswith(".html"):
                    found.append(name)
    return sorted(found, key=_path_order)


def _path_order(name: str) -> list[str]:
    return name.split("/")


class PageReadings:
    """What each page of a site gave when it was last read, by its file's state, kept in the cache between
    builds (`load/cache.py`: sealed, off with TRUST_CACHE=0), so that a rebuild reads only the pages it wrote."""

    def __init__(self, site: Path, environment: Mapping[str, str] = os.environ) -> None:
        self._site = site
        self._pack = open_pack(_READINGS_PACK, environment)
        self._entry = cache_digest("search readings", str(site.resolve()))
        stored = self._pack.get(self._entry) if self._pack is not None else None
        self._stored: dict[str, tuple[_FileState, bytes, str | None, bool]] = stored if isinstance(stored, dict) else {}
        self._now: dict[str, tuple[_FileState, bytes, str | None, bool]] = {}

    def get(self, name: str, status: os.stat_result) -> tuple[IndexedPage, bool] | None:
        """What the page gave when its file was last read, if it is the same file, untouched since."""
        stored = self._stored.get(name)
        if stored is None or stored[0] != _file_state(status):
            return None
        self._now[name] = stored
        return IndexedPage(name, stored[1], stored[2]), stored[3]

    def put(self, name: str, status: os.stat_result, reading: tuple[IndexedPage, bool]) -> None:
        page, marked = reading
        self._now[name] = (_file_state(status), page.digest, page.sort_name, marked)

    def save(self) -> None:
        """Remember this run's readings, each page's state taken again: indexing links the pages, which changes
        their change times only (a page whose contents may have changed since it was read is forgotten)."""
        if self._pack is None:
            return
        kept = {}
        for name, (state, *reading) in self._now.items():
            try:
                now = _file_state(os.stat(f"{self._site}/{name}"))  # noqa: PTH116
            except OSError:
                continue
            if now[:3] == state[:3]:
                kept[name] = (now, *reading)
        if kept != self._stored:
            self._pack.put(self._entry, kept)
            self._pack.save()


# A page file's size, modification time, inode and change time.
_FileState = tuple[int, int, int, int]


def _file_state(status: os.stat_result) -> _FileState:
    return (status.st_size, status.st_mtime_ns, status.st_ino, status.st_ctime_ns)


def source_digest(pages: Iterable[IndexedPage], command: Iterable[str]) -> str:
    """The digest of everything the index of `pages` depends on."""
    digest = hashlib.sha256()
    digest.update(metadata.version("pagefind_bin").encode())
    for name in _CODE:
        digest.update(hashlib.sha256((Path(__file__).parent / name).read_bytes()).digest())
    digest.update("\0".join(command).encode())
    for page in pages:
        digest.update(page.path.encode() + b"\0")
        digest.update(page.digest)
    return digest.hexdigest()


def file_hashes(directory: Path, leave_out: Iterable[str] = ()) -> dict[str, str]:
    """The SHA-256 of every file under `directory` (relative paths), but the manifest and those under `leave_out`."""
    skipped = tuple(f"{name}/" for name in leave_out)
    files = {}
    for path in sorted(directory.rglob("*")):
        name = path.relative_to(directory).as_posix()
        if path.is_file() and name != MANIFEST and not name.startswith(skipped):
            files[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return files


def manifest_bytes(manifest: Manifest) -> bytes:
    """The manifest file's bytes."""
    document = {"sources": manifest.sources, "files": manifest.files}
    return (json.dumps(document, indent=1, sort_keys=True) + "\n").encode()


def read_manifest(bundle: Path) -> Manifest | None:
    """The manifest written in `bundle`, if there is a readable one."""
    try:
        recorded = json.loads((bundle / MANIFEST).read_bytes())
        sources = {str(k): str(v) for k, v in recorded["sources"].items()}
        files = {str(k): str(v) for k, v in recorded["files"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return Manifest(sources, files)


def intact(bundle: Path, files: dict[str, str], hashes: FileHashes | None = None) -> bool:
    """Whether every file listed (relative to `bundle`) is there with its recorded hash (known from `hashes`
    without reading the file when it was not touched since it was last read)."""
    for name, sha256 in files.items():
        try:
            found = hashes.sha256(name) if hashes is not None else _sha256(bundle / name)
        except OSError:
            return False
        if found != sha256:
            return False
    return bool(files)


def _sha256(path: Path | str) -> str:
    with open(path, "rb") as file:  # noqa: PTH123
        return hashlib.file_digest(file, "sha256").hexdigest()


class FileHashes:
    """The SHA-256 of the files under a directory, each remembered by its file's state (size, times, inode) in
    the cache between builds, as `PageReadings` remembers pages: a file nobody touched is not read again."""

    def __init__(self, directory: Path, environment: Mapping[str, str] = os.environ) -> None:
        self._directory = directory
        self._pack = open_pack(_HASHES_PACK, environment)
        self._entry = cache_digest("search file hashes", str(directory.resolve()))
        stored = self._pack.get(self._entry) if self._pack is not None else None
        self._stored: dict[str, tuple[_FileState, str]] = stored if isinstance(stored, dict) else {}
        self._now: dict[str, tuple[_FileState, str]] = {}

    def sha256(self, name: str) -> str:
        """The hash of the file `name` (relative to the directory); OSError when it cannot be read."""
        path = f"{self._directory}/{name}"
        state = _file_state(os.stat(path))  # noqa: PTH116
        stored = self._stored.get(name)
        if stored is None or stored[0] != state:
            stored = (state, _sha256(path))
        self._now[name] = stored
        return stored[1]

    def save(self) -> None:
        """Remember the hashes of this run's files whose state is still the one they were read in."""
        if self._pack is None:
            return
        kept = {}
        for name, (state, sha256) in self._now.items():
            try:
                if _file_state(os.stat(f"{self._directory}/{name}")) == state:  # noqa: PTH116
                    kept[name] = (state, sha256)
            except OSError:
                continue
        if kept != self._stored:
            self._pack.put(self._entry, kept)
            self._pack.save()
