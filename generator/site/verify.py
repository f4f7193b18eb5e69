"""The last check of a build: every page and file the site model planned is in the output directory."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

# How many missing paths a report names before it only counts the rest.
SHOWN_MISSING = 10


class IncompleteOutputError(RuntimeError):
    """The output directory lacks files the build planned: it must not be published."""


def verify_output(output: Path, planned: Iterable[str]) -> int:
    """The number of planned files present under `output`; IncompleteOutputError naming those missing."""
    paths = sorted(set(planned))
    missing = [path for path in paths if not (output / path).is_file()]
    if missing:
        shown = ", ".join(missing[:SHOWN_MISSING])
        more = f" and {len(missing) - SHOWN_MISSING} more" if len(missing) > SHOWN_MISSING else ""
        msg = f"the build did not write {len(missing)} of {len(paths)} planned files into {output}: {shown}{more}"
        raise IncompleteOutputError(msg)
    return len(paths)
