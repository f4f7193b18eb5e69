"""`validate` over data directories that nobody has touched since a run checked them: that run's report again.

A report is a function of the files under the directories checked, the as-of date, the command line (the paths
as given, which the report prints, and the format), the working directory and the code. It is remembered in
the cache (`load/cache.py`, the `reports` pack, off with `TRUST_CACHE=0`) under a key of all but the files,
with the state of the directories' trees (`site/tree_state.py`) taken before the run read them, and told again
only while that state is unchanged: any file added, removed, renamed or written since, even with its size and
modification time put back, means the data is checked again. No report is remembered of a tree in which
anything changed within the last seconds (`RACY_NANOSECONDS`): a change within the same tick of the file
system's clock could leave its stat the same.

The one check that looks beyond the records, at the editor modelines' targets and the schema directory beside
the data (`checks/modelines.py`), says what it looked at: each such path and the directories above it, up to
the data's own parent, are watched by stat too (a file or directory created, removed or replaced there changes
its own or its directory's stat). A report whose modelines name a path through a link, or with `..` after a
name, is not remembered.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from generator.checks.modelines import LOOKED_AT
from generator.load.cache import CachePack, digest, open_pack
from generator.load.code_fingerprint import code_fingerprint
from generator.load.data_tree import PARTNERS
from generator.site.tree_state import TreeState, take_tree_state

PACK = "reports"


class RememberedReport:
    """The report of one validate command line, as the last run over the same trees printed it."""

    def __init__(self, pack: CachePack, key: str, roots: Sequence[str]) -> None:
        self._pack = pack
        self._key = key
        self._roots = tuple(roots)
        self._trees: TreeState | None = None
        self._looked_at: set[tuple[str, str]] = set()

    @staticmethod
    def open(paths: Sequence[Path], report_format: str, as_of: dt.date) -> RememberedReport | None:
        """The remembered report for validating `paths`, each a data directory; None when the cache is off or a
        path is anything else (a record file, a partner's folder: they are checked with the data root around
        them)."""
        if not paths or not all((path / PARTNERS).is_dir() for path in paths):
            return None
        pack = open_pack(PACK)
        if pack is None:
            return None
        roots = [str(path.resolve()) for path in paths]
        key = digest(
            "validate report 1",
            code_fingerprint(),
            as_of.isoformat(),
            report_format,
            str(Path.cwd()),
            *(str(path) for path in paths),
            *roots,
        )
        return RememberedReport(pack, key, roots)

    def told(self) -> tuple[str, int] | None:
        """The report and exit status of the last run, when its trees are as they were; None otherwise.

        Otherwise, the trees' state is taken now, before this run reads them, for `keep`.
        """
        entry = self._pack.get(self._key)
        if isinstance(entry, tuple) and len(entry) == 4:
            trees, watched, text, status = entry
            state = TreeState.from_json(trees)
            if (
                state is not None
                and state.roots == self._roots
                and type(text) is str
                and type(status) is int
                and state.unchanged()
                and _unchanged(watched)
            ):
                return text, status
        self._trees = take_tree_state(self._roots, settled=True)
        return None

    @contextlib.contextmanager
    def watching(self) -> Iterator[None]:
        """The run meanwhile tells what it looks at outside the records (checks/modelines.py)."""
        token = LOOKED_AT.set(self._looked_at)
        try:
            yield
        finally:
            LOOKED_AT.reset(token)

    def keep(self, text: str, status: int) -> None:
        """Remember this run's report, when the trees had settled before it read them and whatever else it
        looked at can be watched."""
        watched = _watched(self._looked_at, self._roots)
        if self._trees is None or watched is None:
            return
        self._pack.put(self._key, (self._trees.to_json(), watched, text, status))
        self._pack.save()


def _watched(looked_at: set[tuple[str, str]], roots: Sequence[str]) -> list[tuple[str, Any]] | None:
    """Each path looked at, and the directories above it up to the first that holds a root (a directory above
    that, replaced, would change the root's own stat), with its stat now; None when a path cannot be watched
    that way: reached through a link, or with `..` after a name."""
    tops = {str(Path(root).parent) for root in roots}
    joined_paths: set[str] = set()
    for directory, target in looked_at:
        names = target.split("/")
        climbs = 0
        while climbs < len(names) and names[climbs] == "..":
            climbs += 1
        # Leading `..` climb out of the record's own (resolved) directory; one after a name could climb out of a link.
        if ".." in names[climbs:]:
            return None
        joined_paths.add(os.path.normpath(target if target.startswith("/") else f"{directory}/{target}"))
    paths: set[str] = set()
    # Most records' modelines name the same few schemas.
    for joined in joined_paths:
        if os.path.realpath(joined) != joined:
            return None
        paths.add(joined)
        for above in Path(joined).parents:
            paths.add(str(above))
            if str(above) in tops:
                break
    return [(path, _stat(path)) for path in sorted(paths)]


def _unchanged(watched: Any) -> bool:
    """Whether every watched path's stat is the one recorded."""
    try:
        return isinstance(watched, list) and all(_stat(path) == found for path, found in watched)
    except (TypeError, ValueError, OSError):
        return False


def _stat(path: str) -> list[int] | None:
    """What a path's stat says of its identity and contents (not following a link), or None when it is not
    there."""
    try:
        found = os.lstat(path)
    except OSError:
        return None
    return [found.st_mtime_ns, found.st_ctime_ns, found.st_ino, found.st_mode, found.st_size]
