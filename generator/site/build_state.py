"""Whether an output directory still holds the build of today's inputs, so that a rebuild can be skipped whole.

A build is a function of its inputs: the data, the site's own content pages, the theme, this code and its
settings files, the libraries that render and index, the environment the settings read, the as-of date and
the day the data is checked against. The state file records the digest of every input file's path and bytes,
the other inputs as values, and the state of the files the build left (`tree_state.py`: the stat of every
directory and file under the output). A later build with the same inputs, over an output nobody has touched
since, has nothing to do. The state file lies beside the output directory (`.output.trust-build-state.json`
for `output/`), so that it is never published.

The contract: any file added, removed, renamed or written under the output since the build, even with its
size and modification time put back, means a build; so does any byte changed in an input file. Only a change
to the output within the same tick of the file system's clock as the end of the build, with the file's size
unchanged, could pass unseen (the state is taken as the build ends: the build's own files are all that new).

Knowing that the inputs are the same takes no read either: with the digest of the input files, the state keeps
the state of their trees as it was just before they were read, when none of them had changed for a few seconds
(`RACY_NANOSECONDS`). While those trees are as they were, the digest is the one recorded; otherwise, or when
there is no such state, every input file is read and digested again, and a check that finds the same inputs
that way keeps their new state for the next.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from generator.load.code_fingerprint import CODE, installed_distributions, source_paths
from generator.site.tree_state import TreeState, take_tree_state
from generator.site.unchanged_files import write_if_changed

STATE_SUFFIX = ".trust-build-state.json"
# The state file's format: a state of another format is no state.
_FORMAT = 2
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


@dataclasses.dataclass(frozen=True)
class InputState:
    """What a build reads: the digest of its input files, its other inputs, and the files' state when read."""

    files: str
    values: Mapping[str, Any]
    # The state of the input files' trees just before `files` was computed; None when it cannot vouch for them.
    trees: TreeState | None


@dataclasses.dataclass(frozen=True)
class BuildState:
    """What the state file says: the inputs of the build that left the output, and the output's state."""

    inputs: InputState
    output: TreeState


def input_roots(data: Path, content: Path, theme: Path, change_history: Path | None) -> tuple[str, ...]:
    """The files and trees a build reads: the data, content, theme, code and settings files."""
    roots = [data, content, theme, CODE, *(_REPOSITORY / name for name in _SETTINGS_FILES)]
    if change_history is not None:
        roots.append(change_history)
    return tuple(str(root) for root in roots)


def input_values(as_of: dt.date, today: dt.date, environment: Mapping[str, str] = os.environ) -> dict[str, Any]:
    """The inputs of a build that are not files: its dates, environment, libraries and Python."""
    return {
        "as_of": as_of.isoformat(),
        "today": today.isoformat(),
        "environment": {name: environment.get(name, "") for name in ENVIRONMENT},
        # Every distribution's release (its metadata directory's name), which any upgrade changes.
        "libraries": installed_distributions(),
        "python": sys.version,
    }


def input_state(roots: Sequence[str], values: Mapping[str, Any], previous: InputState | None = None) -> InputState:
    """The inputs as they are now: the digest of the files under `roots`, taken again only when the state of
    their trees is not the one `previous` recorded."""
    trees = None if previous is None else previous.trees
    if previous is not None and trees is not None and trees.roots == tuple(roots) and trees.unchanged():
        return InputState(previous.files, dict(values), trees)
    # Taken before the files are read: a file changed while they are read has changed since.
    trees = take_tree_state(roots, sources=True, settled=True)
    return InputState(files_digest(roots), dict(values), trees)


def files_digest(roots: Sequence[str]) -> str:
    """A digest of the path and bytes of every file under `roots`."""
    digest = hashlib.sha256()
    for root in roots:
        for path in source_paths(Path(root)):
            digest.update(f"{path}\0{hashlib.sha256(_read(path)).hexdigest()}\0".encode())
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


def read_build_state(output: Path) -> BuildState | None:
    """The state recorded for `output`, or None when there is none to trust."""
    try:
        state = json.loads(state_file(output).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict) or state.get("format") != _FORMAT:
        return None
    inputs, output_state = state.get("inputs"), TreeState.from_json(state.get("output"))
    if not isinstance(inputs, dict) or output_state is None:
        return None
    files, values = inputs.get("files"), inputs.get("values")
    if type(files) is not str or not isinstance(values, dict):
        return None
    trees = None if inputs.get("trees") is None else TreeState.from_json(inputs["trees"])
    return BuildState(InputState(files, values, trees), output_state)


def record_build(output: Path, inputs: InputState) -> None:
    """Remember that `output` is the build of `inputs`, as it is now."""
    output_state = take_tree_state([str(output.resolve())])
    if output_state is None:
        # Unreadable: no state, so that the next build runs.
        state_file(output).unlink(missing_ok=True)
        return
    _write_state(output, BuildState(inputs, output_state))


def _write_state(output: Path, state: BuildState) -> None:
    inputs = state.inputs
    document = {
        "format": _FORMAT,
        "inputs": {
            "files": inputs.files,
            "values": inputs.values,
            "trees": None if inputs.trees is None else inputs.trees.to_json(),
        },
        "output": state.output.to_json(),
    }
    # Like every other file of the build, written only when it changes.
    write_if_changed(state_file(output), (json.dumps(document, separators=(",", ":")) + "\n").encode())


def is_up_to_date(output: Path, inputs: InputState, state: BuildState | None) -> bool:
    """Whether `output` is the untouched build of `inputs`, by its recorded `state` (read_build_state)."""
    if state is None or not output.is_dir():
        # No state, or the output removed since (a cold build from scratch): the state speaks of files that are gone.
        return False
    recorded = state.inputs
    if recorded.files != inputs.files or json.dumps(recorded.values, sort_keys=True) != json.dumps(
        inputs.values, sort_keys=True
    ):
        return False
    if not (state.output.roots == (str(output.resolve()),) and state.output.unchanged()):
        return False
    if inputs.trees is not None and inputs.trees != recorded.trees:
        # The same inputs, read again since they changed state (touched, or too new when recorded): their state now
        # spares the next check that read.
        with contextlib.suppress(OSError):
            _write_state(output, BuildState(inputs, state.output))
    return True
