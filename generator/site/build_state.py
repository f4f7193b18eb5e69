"""Whether an output directory still holds the build of today's inputs, so that a rebuild can be skipped whole.

A build is a function of its inputs: the data, the site's own content pages, the theme, this code and its
settings files, the libraries that render and index, the environment the settings read, the as-of date and
the day the data is checked against. The state file records a fingerprint of those inputs and one of the files
the build left (path, size and modification time of each). A later build whose inputs have the same
fingerprint, over an output nobody has touched since, has nothing to do. The state file lies beside the output
directory (`.output.trust-build-state.json` for `output/`), so that it is never published.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path

from generator.load.code_fingerprint import CODE, LIBRARIES, library_version, source_paths
from generator.site.unchanged_files import write_if_changed

STATE_SUFFIX = ".trust-build-state.json"
# The environment variables the settings files and the build read.
ENVIRONMENT = (
    "TRUST_DATA_PATH",
    "TRUST_CHANGE_HISTORY",
    "TRUST_SITEURL",
    "TRUST_LIVERELOAD",
    "TRUST_BUILD_STATE",
    "SOURCE_DATE_EPOCH",
)
_REPOSITORY = CODE.parent
_SETTINGS_FILES = ("pelicanconf.py", "publishconf.py")


def input_fingerprint(
    data: Path,
    content: Path,
    theme: Path,
    as_of: dt.date,
    today: dt.date,
    change_history: Path | None,
    environment: Mapping[str, str] = os.environ,
) -> str:
    """A digest of everything the build reads; equal digests build equal sites."""
    digest = hashlib.sha256()
    roots = [data, content, theme, CODE, *(_REPOSITORY / name for name in _SETTINGS_FILES)]
    if change_history is not None:
        roots.append(change_history)
    for root in roots:
        for path in source_paths(root):
            digest.update(f"{path}\0{hashlib.sha256(_read(path)).hexdigest()}\0".encode())
    values = {
        "as_of": as_of.isoformat(),
        "today": today.isoformat(),
        "environment": {name: environment.get(name, "") for name in ENVIRONMENT},
        "libraries": {name: library_version(name) for name in LIBRARIES},
    }
    digest.update(json.dumps(values, sort_keys=True).encode())
    return digest.hexdigest()


def _read(path: str) -> bytes:
    """The bytes of a file: one open and reads, no Path or buffered file (a marketplace's data is 15,000 files)."""
    descriptor = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        chunks = []
        while chunk := os.read(descriptor, _READ_SIZE):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(descriptor)


_READ_SIZE = 1 << 20


def state_file(output: Path) -> Path:
    """Where the state of the build in `output` is kept: beside it, never in it."""
    resolved = output.resolve()
    return resolved.parent / f".{resolved.name}{STATE_SUFFIX}"


def output_fingerprint(output: Path) -> str:
    """A digest of the files under `output`: their paths, sizes and modification times."""
    # A marketplace's output holds over a hundred thousand files: one scandir pass, no Path per file.
    digest = hashlib.sha256()
    pending = [(str(output), "")]
    while pending:
        directory, prefix = pending.pop()
        with os.scandir(directory) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.is_dir(follow_symlinks=False):
                    pending.append((entry.path, f"{prefix}{entry.name}/"))
                else:
                    stat = entry.stat(follow_symlinks=False)
                    digest.update(f"{prefix}{entry.name}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def record_build(output: Path, inputs: str) -> None:
    """Remember that `output` is the build of the inputs with fingerprint `inputs`."""
    state = {"inputs": inputs, "output": output_fingerprint(output)}
    # Like every other file of the build, written only when it changes.
    write_if_changed(state_file(output), (json.dumps(state, indent=2) + "\n").encode())


def is_up_to_date(output: Path, inputs: str) -> bool:
    """Whether `output` is the untouched build of the inputs with fingerprint `inputs`."""
    if not output.is_dir():
        # Removed since (a cold build from scratch): the state beside it speaks of files that are gone.
        return False
    try:
        state = json.loads(state_file(output).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        isinstance(state, dict) and state.get("inputs") == inputs and state.get("output") == output_fingerprint(output)
    )
