"""`validate` over data directories that nobody has touched since a run checked them: that run's report again.

A report is a function of the files under the directories checked, the as-of date, the command line (the paths
as given, which the report prints, and the format), the working directory and the code. It is remembered in
the cache (`load/cache.py`, the `reports` pack, off with `TRUST_CACHE=0`) under a key of all but the files,
with the state of the directories' trees (`site/tree_state.py`) taken before the run read them, and told again
only while that state is unchanged: any file added, removed, renamed or written since, even with its size and
modification time put back, means the data is checked again. No report is remembered of a tree in which
anything changed within the last seconds (`RACY_NANOSECONDS`): a change within the same tick of the file
system's clock could leave its stat the same.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

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
        if isinstance(entry, tuple) and len(entry) == 3:
            trees, text, status = entry
            state = TreeState.from_json(trees)
            if (
                state is not None
                and state.roots == self._roots
                and type(text) is str
                and type(status) is int
                and state.unchanged()
            ):
                return text, status
        self._trees = take_tree_state(self._roots, settled=True)
        return None

    def keep(self, text: str, status: int) -> None:
        """Remember this run's report, when the trees had settled before it read them."""
        if self._trees is None:
            return
        self._pack.put(self._key, (self._trees.to_json(), text, status))
        self._pack.save()
