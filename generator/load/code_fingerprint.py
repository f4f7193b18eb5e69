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
from collections.abc import Iterable
from pathlib import Path

# The libraries whose releases can change what the build writes.
LIBRARIES = ("pelican", "jinja2", "markdown-it-py", "pydantic", "pyyaml", "pillow", "pagefind-bin")
CODE = Path(__file__).resolve().parents[1]


def source_files(root: Path) -> Iterable[Path]:
    """The files under `root` (or `root` itself), in a stable order, compiled bytecode left out."""
    if root.is_file():
        yield root
        return
    for directory, folders, names in os.walk(root):
        folders[:] = sorted(f for f in folders if f != "__pycache__")
        for name in sorted(names):
            if not name.endswith(".pyc"):
                yield Path(directory) / name


def library_version(library: str) -> str:
    """The installed release of a library, or '' when it is not installed."""
    # Imported here: the code's fingerprint reads no distribution's metadata (see `installed_distributions`).
    from importlib import metadata

    try:
        return metadata.version(library)
    except metadata.PackageNotFoundError:
        return ""


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
