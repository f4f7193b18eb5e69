"""What the search index is made from, as one digest, so that an unchanged site is not indexed again.

Pagefind has no incremental mode: it reads every page on every run. Its index depends only on what it reads of
the pages: when any page marks its <main> as `data-pagefind-body` (ours do), pages without the mark are left
out, and of the others Pagefind reads the body and the `data-pagefind-*` attributes. The digest covers that
(each indexed page's path, <html> tag, <head>, <main> and every tag with a data-pagefind attribute), the Pagefind
version and this package's code, and leaves out the page furniture around <main> (the header and footer, which
show the as-of date). A manifest beside the bundle records the digest and every bundle file's hash, so that a
skipped run can check that the index it keeps is whole.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

# The manifest, in the bundle directory: the source digest and the hash of every other bundle file.
MANIFEST = "index-source.json"
BODY_MARK = b"data-pagefind-body"
_HTML_TAG = re.compile(rb"<html\b[^>]*>", re.IGNORECASE)
_HEAD = re.compile(rb"<head\b.*?</head>", re.IGNORECASE | re.DOTALL)
_MAIN = re.compile(rb"<main\b.*</main>", re.IGNORECASE | re.DOTALL)
_PAGEFIND_TAG = re.compile(rb"<[^>]*\bdata-pagefind[^>]*>", re.IGNORECASE)
# The code that turns pages into the bundle: a change to it changes the index without any page changing.
_CODE = ("pagefind_run.py", "stable_bundle.py", "index_source.py")


@dataclass(frozen=True)
class Manifest:
    """The digest of the indexed source, and each bundle file's SHA-256 (paths relative to the bundle)."""

    source: str
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


def source_digest(site: Path, bundle: str, command: Iterable[str]) -> str:
    """The digest of everything the index of `site` depends on (bundle: its directory, which is not read)."""
    pages = sorted(path for path in site.rglob("*.html") if path.relative_to(site).parts[0] != bundle)
    contents = [(path.relative_to(site).as_posix(), path.read_bytes()) for path in pages]
    marked = any(BODY_MARK in content for _, content in contents)
    digest = hashlib.sha256()
    digest.update(metadata.version("pagefind_bin").encode())
    for name in _CODE:
        digest.update(hashlib.sha256((Path(__file__).parent / name).read_bytes()).digest())
    digest.update("\0".join(command).encode())
    for name, content in contents:
        if marked and BODY_MARK not in content:
            continue  # Pagefind leaves it out
        digest.update(name.encode() + b"\0")
        digest.update(hashlib.sha256(indexed_text(content) if marked else content).digest())
    return digest.hexdigest()


def manifest_of(bundle: Path, source: str) -> Manifest:
    """The manifest of the bundle written in `bundle`."""
    files = {
        path.relative_to(bundle).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(bundle.rglob("*"))
        if path.is_file() and path.name != MANIFEST
    }
    return Manifest(source, files)


def manifest_bytes(manifest: Manifest) -> bytes:
    """The manifest file's bytes."""
    return (json.dumps({"source": manifest.source, "files": manifest.files}, indent=1, sort_keys=True) + "\n").encode()


def kept_index(bundle: Path, source: str) -> Manifest | None:
    """The manifest of the index in `bundle` if it was made from `source` and every file of it is intact."""
    try:
        recorded = json.loads((bundle / MANIFEST).read_bytes())
        manifest = Manifest(str(recorded["source"]), {str(k): str(v) for k, v in recorded["files"].items()})
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if manifest.source != source or not manifest.files:
        return None
    for name, sha256 in manifest.files.items():
        try:
            if hashlib.sha256((bundle / name).read_bytes()).hexdigest() != sha256:
                return None
        except OSError:
            return None
    return manifest
