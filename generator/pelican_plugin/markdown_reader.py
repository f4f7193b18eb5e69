"""Content pages (content/pages/*.md): a `Key: value` header, a blank line, then Markdown rendered by
``generator.views.markdown.render_trusted`` instead of Pelican's Python-Markdown reader."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from pelican.generators import Generator
from pelican.readers import BaseReader, Readers

from generator.views.markdown import render_trusted

logger = logging.getLogger(__name__)

# The header keys a content page may use; anything else is a typo and stops the page.
HEADER_KEYS = frozenset({"title", "slug", "summary"})
_HEADER_LINE = re.compile(r"(?P<key>[A-Za-z][A-Za-z0-9_-]*):[ \t]*(?P<value>.*)")


class HeaderError(ValueError):
    """A content page whose metadata header is malformed."""


def split_header(text: str, source: str) -> tuple[dict[str, str], str]:
    """Split a page into its `Key: value` header (keys lower-cased) and the Markdown body after it."""
    lines = text.splitlines()
    header: dict[str, str] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            return header, "\n".join(lines[number:])
        match = _HEADER_LINE.fullmatch(line)
        if match is None:
            msg = f"{source}:{number}: expected a 'Key: value' header line, then a blank line (got {line!r})"
            raise HeaderError(msg)
        key = match["key"].lower()
        if key not in HEADER_KEYS:
            expected = ", ".join(sorted(HEADER_KEYS))
            msg = f"{source}:{number}: unknown header key {match['key']!r} (expected one of {expected})"
            raise HeaderError(msg)
        if key in header:
            msg = f"{source}:{number}: header key {match['key']!r} given twice"
            raise HeaderError(msg)
        header[key] = match["value"].strip()
    msg = f"{source}: expected a blank line between the header and the page text"
    raise HeaderError(msg)


# Pelican ships no type information, so its BaseReader is Any to mypy.
class TrustMarkdownReader(BaseReader):  # type: ignore[misc]
    """Reads a content page: a `Key: value` header, a blank line, then Markdown rendered by render_trusted."""

    enabled = True
    file_extensions = ("md",)

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        """Return the page's HTML and its metadata, the way every Pelican reader does."""
        # utf-8-sig: an editor's byte-order mark must not end up in the first header key.
        text = Path(source_path).read_text(encoding="utf-8-sig")
        try:
            header, body = split_header(text, source_path)
        except HeaderError as error:
            # Raised, this would reach the log only as "Could not process <file>": say what is wrong, and
            # skip the page. An error fails the build under `pelican --fatal warnings`, as `invoke build` runs it.
            logger.error("%s", error)
            return "", {"status": "skip"}
        metadata = {key: self.process_metadata(key, value) for key, value in header.items()}
        return render_trusted(body), metadata


def use_trust_markdown_reader(readers: Readers) -> None:
    """Make TrustMarkdownReader the reader of every extension it declares."""
    for extension in TrustMarkdownReader.file_extensions:
        readers.reader_classes[extension] = TrustMarkdownReader


def forget_disabled_markdown_reader(generator: Generator) -> None:
    """Drop Pelican's disabled Python-Markdown reader for our extensions, so it does not warn about them."""
    # Pelican warns about every file of a disabled reader's extensions even when another reader handles
    # them (getpelican/pelican#3466); Python-Markdown is not installed, so .md would warn on every page.
    for extension in TrustMarkdownReader.file_extensions:
        generator.readers.disabled_readers.pop(extension, None)
