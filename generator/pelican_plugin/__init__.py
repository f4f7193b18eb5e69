"""The Pelican boundary: the only package of Trust Pages that imports Pelican.

- ``trust_generator.TrustPagesGenerator`` runs the build (``generator.build``): its gathering stages in
  ``generate_context``, and writing (every page through Pelican's writer), indexing and verifying in
  ``generate_output``.
- ``writer.UnchangedFilesWriter`` is Pelican's writer, but leaves a file alone when its bytes did not change.
- ``markdown_reader.TrustMarkdownReader`` replaces Pelican's Python-Markdown reader for ``.md`` files.

Signal receivers are module-level functions because blinker, which carries Pelican's signals, holds only
weak references to them.
"""

from __future__ import annotations

from typing import Any

from pelican import signals

from generator.pelican_plugin.markdown_reader import forget_disabled_markdown_reader, use_trust_markdown_reader
from generator.pelican_plugin.trust_generator import TrustPagesGenerator, use_unchanged_files_writer


def add_trust_generator(pelican: Any) -> type[TrustPagesGenerator]:
    """Hand Pelican our generator."""
    del pelican
    return TrustPagesGenerator


def register() -> None:
    """Connect Trust Pages to Pelican's signals."""
    signals.readers_init.connect(use_trust_markdown_reader)
    signals.generator_init.connect(forget_disabled_markdown_reader)
    signals.get_generators.connect(add_trust_generator)
    signals.get_writer.connect(use_unchanged_files_writer)
