"""The Pelican boundary: the only package of Trust Pages that imports Pelican.

- ``trust_generator.TrustPagesGenerator`` runs the build (``generator.build``): its gathering stages in
  ``generate_context``, and writing (every page through Pelican's writer), indexing and verifying in
  ``generate_output``.
- ``writer.UnchangedFilesWriter`` is Pelican's writer, but leaves a file alone when its bytes did not change.
- ``markdown_reader.TrustMarkdownReader`` replaces Pelican's Python-Markdown reader for ``.md`` files.

Signal receivers are module-level functions because blinker, which carries Pelican's signals, holds only
weak references to them. They import the build when Pelican calls them, not when this package is imported:
`python -m generator.pelican_plugin` (up_to_date.py) must answer "up to date" without loading the build.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from generator.pelican_plugin.trust_generator import TrustPagesGenerator
    from generator.pelican_plugin.writer import UnchangedFilesWriter


def add_trust_generator(pelican: Any) -> type[TrustPagesGenerator]:
    """Hand Pelican our generator."""
    del pelican
    from generator.pelican_plugin.trust_generator import TrustPagesGenerator

    return TrustPagesGenerator


def use_unchanged_files_writer(pelican: Any) -> type[UnchangedFilesWriter]:
    """Hand Pelican our writer: a page or feed whose bytes did not change is not written again."""
    del pelican
    from generator.pelican_plugin.writer import UnchangedFilesWriter

    return UnchangedFilesWriter


def use_trust_markdown_reader(readers: Any) -> None:
    """Our Markdown reader for the site's own content pages (markdown_reader.py)."""
    from generator.pelican_plugin import markdown_reader

    markdown_reader.use_trust_markdown_reader(readers)


def forget_disabled_markdown_reader(generator: Any) -> None:
    """See markdown_reader.py."""
    from generator.pelican_plugin import markdown_reader

    markdown_reader.forget_disabled_markdown_reader(generator)


def register() -> None:
    """Connect Trust Pages to Pelican's signals."""
    from pelican import signals

    signals.readers_init.connect(use_trust_markdown_reader)
    signals.generator_init.connect(forget_disabled_markdown_reader)
    signals.get_generators.connect(add_trust_generator)
    signals.get_writer.connect(use_unchanged_files_writer)
