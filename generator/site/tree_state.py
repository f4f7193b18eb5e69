"""The state of some directory trees and files, taken by stat, and checked again without listing a directory.

A tree's state is the list of its directories, each with the names of the files in it, and one digest of the
stat of every directory and file: for a directory its modification and change times, inode and mode; for a
file its size, modification and change times, inode and mode. Checking it takes one stat per directory and per
file named, and lists nothing: a directory whose stat is the same holds the same names, since creating,
removing or renaming an entry changes its directory's modification time, and a file whose stat is the same
holds the same bytes, since any write changes its modification time. Both are checked with the change time,
which the kernel sets and nothing a user runs can set back: a file written again with its size and
modification time restored (`touch -d`, `cp -p`, `os.utime`) has changed all the same.

What it cannot see is a change made within the same tick of the file system's clock as the stat taken, with
the file's size unchanged ("racy git"). A state taken of files that were written less than `RACY_NANOSECONDS`
before can be asked for as `settled`: then there is none, and whoever asked reads the files instead.
"""

from __future__ import annotations

import array
import dataclasses
import hashlib
import os
import stat
import time
from collections.abc import Sequence
from typing import Any

# As the record cache's file index (load/file_index.py): file systems that keep times to a second or two, and
# clocks that trail the system's, are covered.
RACY_NANOSECONDS = 5_000_000_000
# Inode numbers fill 64 unsigned bits on some file systems; the digest packs signed ones.
_INODE_BITS = (1 << 63) - 1


@dataclasses.dataclass(frozen=True)
class TreeState:
    """The stat of every directory and file under `roots` (each a directory or a file) when it was taken."""

    roots: tuple[str, ...]
    # For each root, its directories in the order they were walked, each (path from the root, its file names
    # joined by "/", which no name holds); None for a root that is a file. One string per directory, not one
    # per file: an output of 160,000 files is 25,000 directories, and its state is held while a build ends.
    directories: tuple[tuple[tuple[str, str], ...] | None, ...]
    digest: str

    def unchanged(self) -> bool:
        """Whether every directory and file is as it was: one stat each, no directory listed."""
        try:
            return _digest(self._stats()) == self.digest
        except OSError:
            return False

    def _stats(self) -> array.array[int]:
        values: array.array[int] = array.array("q")
        lstat = os.lstat
        for root, directories in zip(self.roots, self.directories, strict=True):
            if directories is None:
                _add_file(values, os.stat(root))  # noqa: PTH116 (no Path per file)
                continue
            for relative, names in directories:
                path = f"{root}/{relative}" if relative else root
                # The root as its link leads, as it was listed; below it, links are not followed.
                _add_directory(values, lstat(path) if relative else os.stat(path))  # noqa: PTH116
                prefix = f"{path}/"
                for name in names.split("/") if names else ():
                    found = lstat(prefix + name)
                    values.extend(
                        (found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino & _INODE_BITS, found.st_mode)
                    )
        return values

    def to_json(self) -> dict[str, Any]:
        return {
            "roots": list(self.roots),
            "directories": [
                None if directories is None else [[relative, names] for relative, names in directories]
                for directories in self.directories
            ],
            "digest": self.digest,
        }

    @classmethod
    def from_json(cls, value: Any) -> TreeState | None:
        """The state `to_json` gave, or None for anything else."""
        try:
            roots, listings, digest = value["roots"], value["directories"], value["digest"]
            if not (
                type(roots) is type(listings) is list
                and all(type(root) is str for root in roots)
                and len(listings) == len(roots)
                and type(digest) is str
                and all(
                    listed is None or all(type(relative) is type(names) is str for relative, names in listed)
                    for listed in listings
                )
            ):
                return None
            directories = tuple(
                None if listed is None else tuple((relative, names) for relative, names in listed)
                for listed in listings
            )
        except (KeyError, TypeError, ValueError):
            return None
        return cls(tuple(roots), directories, digest)


def take_tree_state(roots: Sequence[str], *, sources: bool = False, settled: bool = False) -> TreeState | None:
    """The state of `roots` now; None when one cannot be read.

    `sources`: as `code_fingerprint.source_paths` reads a tree, compiled bytecode and `__pycache__` left out;
    a link inside a root then means no state (its target could change with the link's stat the same).
    `settled`: no state either when any directory or file changed less than RACY_NANOSECONDS ago.
    """
    values: array.array[int] = array.array("q")
    all_directories: list[tuple[tuple[str, str], ...] | None] = []
    newest = 0
    started = time.time_ns()
    try:
        for root in roots:
            found = os.stat(root)  # noqa: PTH116 (the root as its link leads)
            if not stat.S_ISDIR(found.st_mode):
                _add_file(values, found)
                newest = max(newest, found.st_mtime_ns, found.st_ctime_ns)
                all_directories.append(None)
                continue
            walked = _walk(root, found, values, sources=sources)
            if walked is None:
                return None
            directories, root_newest = walked
            newest = max(newest, root_newest)
            all_directories.append(directories)
    except OSError:
        return None
    if settled and newest >= started - RACY_NANOSECONDS:
        return None
    return TreeState(tuple(roots), tuple(all_directories), _digest(values))


def _walk(
    root: str, found: os.stat_result, values: array.array[int], *, sources: bool
) -> tuple[tuple[tuple[str, str], ...], int] | None:
    """Each directory under `root` with its file names, adding their stats to `values` in that order; and the
    newest time seen. `found`: the root's stat."""
    directories: list[tuple[str, str]] = []
    newest = 0
    pending: list[tuple[str, os.stat_result | None]] = [("", found)]
    while pending:
        relative, directory_stat = pending.pop()
        path = f"{root}/{relative}" if relative else root
        # The directory's stat is taken before it is listed: an entry added meanwhile changes it after.
        directory_stat = directory_stat or os.lstat(path)
        _add_directory(values, directory_stat)
        newest = max(newest, directory_stat.st_mtime_ns, directory_stat.st_ctime_ns)
        names = []
        with os.scandir(path) as entries:
            listed = list(entries)
        for entry in listed:
            if entry.is_dir(follow_symlinks=False):
                if not (sources and entry.name == "__pycache__"):
                    pending.append((f"{relative}/{entry.name}" if relative else entry.name, None))
                continue
            if sources and entry.is_symlink():
                return None
            if sources and entry.name.endswith(".pyc"):
                continue
            file_stat = entry.stat(follow_symlinks=False)
            _add_file(values, file_stat)
            newest = max(newest, file_stat.st_mtime_ns, file_stat.st_ctime_ns)
            names.append(entry.name)
        directories.append((relative, "/".join(names)))
    return tuple(directories), newest


def _add_directory(values: array.array[int], found: os.stat_result) -> None:
    values.extend((found.st_mtime_ns, found.st_ctime_ns, found.st_ino & _INODE_BITS, found.st_mode))


def _add_file(values: array.array[int], found: os.stat_result) -> None:
    values.extend((found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino & _INODE_BITS, found.st_mode))


def _digest(values: array.array[int]) -> str:
    return hashlib.blake2b(values.tobytes(), digest_size=20).hexdigest()
