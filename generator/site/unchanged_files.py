"""Writing the output so that a rebuild touches only what changed: a file is written only when its bytes
differ from the file already there, and files an earlier build left but this one did not write are removed.

An unchanged file keeps its modification time, so rsync and CDN uploads of a rebuilt site send only what
changed. Removing what this build did not write is what a fresh output directory would give: a removed
partner or app leaves no page behind.
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
import stat
from collections.abc import Collection, Iterable
from pathlib import Path


def write_if_changed(path: str | os.PathLike[str], data: bytes) -> bool:
    """Write `data` at `path` unless the file holds exactly these bytes already; whether it was written."""
    name = os.fspath(path)
    try:
        if _holds(name, data):
            return False
    except FileNotFoundError:
        pass
    # A new file renamed over the old one: a file hard-linked into another tree (an earlier release) is left as
    # it was, and no reader ever sees half a file. Plain system calls on strings: a cold build writes 150,000
    # files, and Paths, tempfile's names and buffered files cost more than the writing.
    temporary, descriptor = _new_file_beside(name)
    try:
        try:
            os.fchmod(descriptor, 0o644)
            view = memoryview(data)
            while view:
                view = view[os.write(descriptor, view) :]
        finally:
            os.close(descriptor)
        os.replace(temporary, name)  # noqa: PTH105
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)  # noqa: PTH108
        raise
    return True


# What makes the names of new files unique within this process (with its id, among processes).
_new_files = itertools.count()


def _new_file_beside(name: str) -> tuple[str, int]:
    """A new, empty file in the directory of `name` (made if missing), opened for writing: its path and
    descriptor. Never an existing file or link: opened with O_EXCL, another name is tried."""
    directory, _, base = name.rpartition("/")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC | os.O_NOFOLLOW
    made = False
    while True:
        temporary = f"{directory}{'/' if directory else ''}.{base}.{os.getpid()}.{next(_new_files)}"
        try:
            return temporary, os.open(temporary, flags, 0o600)
        except FileExistsError:
            continue
        except FileNotFoundError:
            if made or not directory:
                raise
            os.makedirs(directory, exist_ok=True)  # noqa: PTH103
            made = True


def move_if_changed(source: str | os.PathLike[str], path: str | os.PathLike[str]) -> bool:
    """Move the file at `source` to `path` unless the file there holds the same bytes already (then `source` is
    left where it is); whether it was moved. A file made in a scratch directory on the output's file system is
    renamed into place rather than read and written again."""
    name = os.fspath(path)
    # The source is read only when there is something to compare it with.
    try:
        if os.path.lexists(name) and _holds(name, Path(source).read_bytes()):
            return False
    except FileNotFoundError:  # a link to nothing: replaced, as write_if_changed replaces it
        pass
    Path(name).parent.mkdir(parents=True, exist_ok=True)
    try:
        # As write_if_changed: a new file renamed over the old one, readable by all.
        Path(source).chmod(0o644)
        Path(source).replace(name)
    except OSError as error:
        if error.errno != errno.EXDEV:
            raise
        # Another file system: written, as any other file.
        return write_if_changed(name, Path(source).read_bytes())
    return True


def _holds(name: str, data: bytes) -> bool:
    """Whether the regular file at `name` holds exactly `data`; FileNotFoundError when there is none."""
    # Most files of a rebuild are unchanged: one open, fstat and read each, without a Path or a buffered file.
    # O_NONBLOCK: a FIFO planted at the path is opened without waiting for a writer (and then written over).
    descriptor = os.open(name, os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK)
    try:
        status = os.fstat(descriptor)
        # One byte more than expected is asked for, so that a longer file never reads as equal; a short read only
        # means a needless write.
        return (
            stat.S_ISREG(status.st_mode) and status.st_size == len(data) and os.read(descriptor, len(data) + 1) == data
        )
    finally:
        os.close(descriptor)


def remove_unwritten(output: Path, written: Collection[str], retained: Iterable[str] = ()) -> list[str]:
    """Remove every file under `output` not in `written` (relative paths), and the directories left empty.

    `retained` names top-level entries kept whatever they hold (Pelican's OUTPUT_RETENTION, e.g. `.git`).
    A symbolic link is an entry like a file: removed unless written, never followed. The removed paths, sorted.
    """
    removed: list[str] = []
    kept = set(retained)
    with os.scandir(output) as entries:
        top = [entry for entry in entries if entry.name not in kept]
    _remove_unwritten_in(top, "", written, removed)
    return sorted(removed)


def _remove_unwritten_in(
    entries: list[os.DirEntry[str]], prefix: str, written: Collection[str], removed: list[str]
) -> bool:
    """Remove the unwritten files among a directory's `entries`, depth first; whether nothing is left of them."""
    # One scandir per directory and string paths: an output holds over a hundred thousand files.
    emptied = True
    for entry in entries:
        relative = prefix + entry.name
        if entry.is_dir(follow_symlinks=False):
            with os.scandir(entry.path) as inner:
                listed = list(inner)
            if _remove_unwritten_in(listed, f"{relative}/", written, removed):
                Path(entry.path).rmdir()
            else:
                emptied = False
        elif relative in written:
            emptied = False
        else:
            Path(entry.path).unlink()
            removed.append(relative)
    return emptied
