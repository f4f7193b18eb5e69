"""Pelican's writer, leaving a file alone when the page rendered for it is the page already there.

Pelican opens every output file through ``Writer._open_w`` (pages and feeds alike) and writes the rendered text
into it. Here that file is a buffer, written to disk on close only if its bytes differ
(``generator.site.unchanged_files``). Pelican's refusal of two writes at one path is kept as it is.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pelican.utils import sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

from generator.site.html_whitespace import without_indentation
from generator.site.unchanged_files import write_if_changed


class _PendingFile(io.StringIO):
    """The text of one output file, written (if changed) when Pelican closes it."""

    def __init__(self, path: str, encoding: str) -> None:
        super().__init__()
        self.path = path
        self.encoding_ = encoding

    def close(self) -> None:
        if not self.closed and self.path != os.devnull:
            text = self.getvalue()
            if self.path.endswith(".html"):
                text = without_indentation(text)
            write_if_changed(self.path, text.encode(self.encoding_))
        super().close()


class UnchangedFilesWriter(Writer):  # type: ignore[misc]
    """Pelican's writer, but a file whose new bytes equal its old ones is not written again."""

    def __init__(self, output_path: str, settings: Any = None) -> None:
        super().__init__(output_path, settings=settings)
        # Paths claimed ahead of writing (claim()): each is then written once without being refused.
        self._claimed: set[str] = set()

    def claim(self, names: Iterable[str]) -> None:
        """Reserve output paths (relative to the output) before writing them, refusing any path written twice."""
        for name in names:
            path = sanitised_join(self.output_path, name)
            if path in self._written_files:
                msg = f'Failed to overwrite "{path}" as Pelican has already written to it previously'
                raise FileOverwriteFailedError(msg)
            self._written_files.add(path)
            self._claimed.add(path)

    def written_paths(self) -> list[str]:
        """Every path written or claimed so far, relative to the output directory."""
        output = Path(self.output_path).resolve()
        paths = [Path(path).resolve() for path in self._written_files]
        return sorted(path.relative_to(output).as_posix() for path in paths if path.is_relative_to(output))

    def _open_w(self, filename: str, encoding: str, override: bool = False) -> io.StringIO:
        if filename in self._claimed:
            self._claimed.discard(filename)
            return _PendingFile(filename, encoding)
        # Pelican's own bookkeeping (writers.py, Writer._open_w), without opening the file for writing.
        if filename in self._overridden_files:
            if override:
                msg = f'Failed to overwrite "{filename}" a second time (was previously overwritten)'
                raise FileOverwriteFailedError(msg)
            filename = os.devnull
        elif filename in self._written_files and not override:
            msg = (
                f'Failed to overwrite "{filename}" as Pelican has already written to it previously '
                "(set `override=True` if intended)"
            )
            raise FileOverwriteFailedError(msg)
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return _PendingFile(filename, encoding)
