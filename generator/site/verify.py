"""The last check of a build: every page and file the site model planned is in the output directory."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable
from pathlib import Path

# How many missing paths a report names before it only counts the rest.
SHOWN_MISSING = 10


class IncompleteOutputError(RuntimeError):
    """The output directory lacks files the build planned: it must not be published."""


def verify_output(output: Path, planned: Iterable[str]) -> int:
    """The number of planned files present under `output`; IncompleteOutputError naming those missing."""
    # Over a hundred thousand files in some twenty-five thousand directories: each directory is listed once
    # (a file is a regular file, or a link to one, as Path.is_file says) rather than each file looked up. In
    # path order, one directory's names at a time: the build's peak of memory is near.
    root = os.fspath(output)
    missing = []
    count = 0
    last = None
    for directory, paths in itertools.groupby(sorted(planned), key=_directory_of):
        names = []
        for path in paths:
            if path != last:
                names.append(path[len(directory) + 1 :] if directory else path)
                last = path
        count += len(names)
        files = _files_in(f"{root}/{directory}" if directory else root)
        missing += [f"{directory}/{name}" if directory else name for name in names if name not in files]
    if missing:
        missing.sort()
        shown = ", ".join(missing[:SHOWN_MISSING])
        more = f" and {len(missing) - SHOWN_MISSING} more" if len(missing) > SHOWN_MISSING else ""
        msg = f"the build did not write {len(missing)} of {count} planned files into {output}: {shown}{more}"
        raise IncompleteOutputError(msg)
    return count


def _directory_of(path: str) -> str:
    return path.rpartition("/")[0]


def _files_in(directory: str) -> set[str]:
    """The names of the files in a directory (none when it is missing or cannot be listed)."""
    try:
        with os.scandir(directory) as entries:
            return {entry.name for entry in entries if entry.is_file()}
    except OSError:
        return set()
