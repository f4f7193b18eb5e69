"""The Pelican boundary: the only module of Trust Pages that imports Pelican.

- ``TrustPagesGenerator`` builds the whole site model in ``generate_context`` (load, check, judge,
  describe: nothing is written then) and writes every page through Pelican's writer in
  ``generate_output``, then the files that are not pages (API, feeds, badges, …).
- ``TrustMarkdownReader`` replaces Pelican's Python-Markdown reader for ``.md`` files with one that
  renders through ``generator.markup.render_trusted``.
- ``index_for_search`` runs Pagefind over the written site once Pelican has finished writing it.

Signal receivers are module-level functions because blinker, which carries Pelican's signals, holds only
weak references to them.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import Generator
from pelican.readers import BaseReader, Readers

from generator.asof import AsOfError, resolve_as_of
from generator.markup import render_trusted
from generator.outputs import extra_files
from generator.pages import Page, site_pages
from generator.report import DataError, format_text
from generator.search_index import SearchIndexError, build_search_index
from generator.site import SiteModel, build_site_model

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


class TrustPagesGenerator(Generator):  # type: ignore[misc]
    """Builds the trust pages: the site model first, every output second."""

    def generate_context(self) -> None:
        """Load, check and judge the trust data; stop the build with the located report if it is invalid."""
        try:
            as_of = resolve_as_of(self.settings.get("TRUST_AS_OF") or os.environ.get("TRUST_AS_OF"))
        except AsOfError as error:
            sys.stderr.write(f"TRUST_AS_OF: {error}\n")
            raise SystemExit(2) from None
        data = Path(self.settings["TRUST_DATA_PATH"])
        try:
            model = build_site_model(data, as_of)
        except DataError as error:
            # Pelican would log an exception with its traceback and go on; bad data must stop the build
            # with the same report `validate` prints, and a failing exit status.
            sys.stderr.write(format_text(error.problems))
            raise SystemExit(error.exit_code) from None
        self.model: SiteModel = model
        self.pages: tuple[Page, ...] = site_pages(model)
        self.context["trust"] = model

    def generate_output(self, writer: Any) -> None:
        """Write every page through Pelican's writer, then the other files."""
        relative = self.settings["RELATIVE_URLS"]
        for page in self.pages:
            writer.write_file(
                page.save_as,
                self.get_template(page.template),
                self.context,
                relative,
                url=page.url,
                page_url=page.url,
                page_title=page.title,
                **page.context,
            )
        output = Path(self.output_path)
        content_urls = [page.url for page in self.context.get("pages", [])]
        for relative_path, content in extra_files(self.model, self.settings, content_urls).items():
            target = output / relative_path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)


def index_for_search(pelican: Any) -> None:
    """Index the written site with Pagefind: the last step of every build, so it sees every page."""
    output = Path(pelican.output_path)
    try:
        seconds = build_search_index(output)
    except SearchIndexError as error:
        # A site without its search index must not be published: stop with Pagefind's own words, and no traceback.
        sys.stderr.write(f"{error}\n")
        raise SystemExit(1) from None
    logger.info("Search index written to %s in %.2f s", output / "pagefind", seconds)


def add_trust_generator(pelican: Any) -> type[TrustPagesGenerator]:
    """Hand Pelican our generator."""
    del pelican
    return TrustPagesGenerator


def register() -> None:
    """Connect Trust Pages to Pelican's signals."""
    signals.readers_init.connect(use_trust_markdown_reader)
    signals.generator_init.connect(forget_disabled_markdown_reader)
    signals.get_generators.connect(add_trust_generator)
    signals.finalized.connect(index_for_search)
