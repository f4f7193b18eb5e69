"""What this code is: the files of the `generator` package and the releases of the libraries it runs on.

Two things remember work from one run to the next and must forget it when the code changes: the record and
decision caches (`load/record_cache.py`, `policy/decision_cache.py`) and the build state that skips an
up-to-date build (`site/build_state.py`). Both read the code's identity here.
"""

from __future__ import annotations

import functools
import hashlib
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

CODE = Path(__file__).resolve().parents[1]


def source_files(root: Path) -> Iterable[Path]:
    """The files under `root` (or `root` itself), in a stable order, compiled bytecode left out."""
    return map(Path, source_paths(root))


def source_paths(root: Path) -> Iterator[str]:
    """The paths of source_files as strings: `root`, then each directory's files by name before its folders.

    As os.walk gives them: a link to a directory is not followed, an unreadable directory is passed over.
    One scandir per directory and no Path per file: the data of a marketplace is some fifteen thousand files.
    """
    if root.is_file():
        yield str(root)
        return
    yield from _paths_under(str(root))


def _paths_under(directory: str) -> Iterator[str]:
    try:
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=_name)
    except OSError:
        return
    folders = []
    for entry in entries:
        if _is_directory(entry):
            if entry.name != "__pycache__" and not entry.is_symlink():
                folders.append(entry.path)
        elif not entry.name.endswith(".pyc"):
            yield entry.path
    for folder in folders:
        yield from _paths_under(folder)


def _name(entry: os.DirEntry[str]) -> str:
    return entry.name


def _is_directory(entry: os.DirEntry[str]) -> bool:
    """Whether an entry is a directory or a link to one, as os.walk sorts entries."""
    try:
        return entry.is_dir()
    except OSError:
        return False


@functools.cache
def code_fingerprint() -> str:
    """A digest of the generator's own files, every installed distribution's release and the Python version."""
    digest = hashlib.blake2b(digest_size=20)
    for path in source_files(CODE):
        digest.update(f"{path.relative_to(CODE).as_posix()}\0".encode())
        digest.update(hashlib.blake2b(path.read_bytes(), digest_size=20).digest())
    for name in installed_distributions():
        digest.update(f"{name}\0".encode())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def installed_distributions() -> list[str]:
    """The metadata directories of every distribution installed, named by release (`pydantic-2.11.7.
    dist-info`): any library upgraded, added or removed changes the list.

    One directory listing per import path entry, where asking for each library's version reads every
    distribution's metadata: a cache must cost far less than the work it saves.
    """
    found = []
    # The package directories only: the working directory, first on the path, says nothing of the code.
    for entry in (e for e in sys.path if Path(e).name in ("site-packages", "dist-packages")):
        try:
            with os.scandir(entry) as names:
                found += [n.name for n in names if n.name.endswith((".dist-info", ".egg-info"))]
        except OSError:
            continue
    return sorted(found)
