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
from importlib import metadata
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
    try:
        return metadata.version(library)
    except metadata.PackageNotFoundError:
        return ""


@functools.cache
def code_fingerprint() -> str:
    """A digest of the generator's own files, the libraries' releases and the Python version."""
    digest = hashlib.blake2b(digest_size=20)
    for path in source_files(CODE):
        digest.update(f"{path.relative_to(CODE).as_posix()}\0".encode())
        digest.update(hashlib.blake2b(path.read_bytes(), digest_size=20).digest())
    for library in LIBRARIES:
        digest.update(f"{library}={library_version(library)}\0".encode())
    digest.update(sys.version.encode())
    return digest.hexdigest()
