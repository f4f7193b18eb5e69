"""Writing the output so that a rebuild touches only what changed: a file is written only when its bytes
differ from the file already there, and files an earlier build left but this one did not write are removed.

An unchanged file keeps its modification time, so rsync and CDN uploads of a rebuilt site send only what
changed. Removing what this build did not write is what a fresh output directory would give: a removed
partner or app leaves no page behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Collection, Iterable
from pathlib import Path


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write `data` at `path` unless the file holds exactly these bytes already; whether it was written."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    # A new file renamed over the old one: a file hard-linked into another tree (an earlier release) is left as
    # it was, and no reader ever sees half a file.
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        Path(temporary).chmod(0o644)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True


def remove_unwritten(output: Path, written: Collection[str], retained: Iterable[str] = ()) -> list[str]:
    """Remove every file under `output` not in `written` (relative paths), and the directories left empty.

    `retained` names top-level entries kept whatever they hold (Pelican's OUTPUT_RETENTION, e.g. `.git`).
    The removed paths, sorted.
    """
    kept_names = set(retained)
    removed = []
    for directory, subdirectories, names in os.walk(output, topdown=True):
        here = Path(directory)
        if here == output:
            subdirectories[:] = [name for name in subdirectories if name not in kept_names]
            names = [name for name in names if name not in kept_names]
        for name in names:
            relative = (here / name).relative_to(output).as_posix()
            if relative not in written:
                (here / name).unlink()
                removed.append(relative)
    # Deepest first, so that a directory emptied of empty directories goes too.
    for directory, _, _ in sorted(os.walk(output), key=lambda entry: -len(Path(entry[0]).parts)):
        here = Path(directory)
        if here != output and here.relative_to(output).parts[0] not in kept_names and not any(here.iterdir()):
            here.rmdir()
    return sorted(removed)
