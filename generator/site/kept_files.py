"""Each partner's own files kept from the last build: its API documents, feeds, status images, share cards and
logo, and its apps', are made again only when something they are made from changed.

A partner's files are made from its view (its apps' views, events and receipts in words), its records and
decisions (the API files quote both), and what is the same for every partner: the policy, the as-of date, the
public address, the name of every app (the API's receipts name apps) and our code. The key of a partner's
files is a digest of all of them: the view by its digest (`views/view_digests.py`), the records and decisions
by the digest of the partner's files that its decisions are remembered by (`policy/decision_cache.py`: its
profile, apps and evidence, the policy, the date and the code). A partner whose files did not come through the
record cache has no key, and its files are always made.

The cache (`load/cache.py`) keeps, per output directory, each partner's key with the paths of its files and
each file's size, modification and change times and inode as the build left it (packed as numbers: a
marketplace has over a hundred thousand such files): a partner's files are kept only when its key is the one
remembered and every file is untouched since. Anything else makes them again, and writing them still leaves a
file alone whose bytes did not change.
"""

from __future__ import annotations

import array
import os
import pickle
from collections.abc import Iterable, Mapping
from pathlib import Path

from generator.load.cache import CachePack, digest, open_pack
from generator.load.code_fingerprint import code_fingerprint
from generator.policy.decision_cache import partner_inputs
from generator.site.model import SiteModel
from generator.views.page_models import PartnerView
from generator.views.view_digests import ViewDigests

_PACK = "record-files"
# A partner's files as remembered: their key, their paths one per line, and each file's state in that order,
# packed (a few objects per partner for the pickler to keep track of, not one per file).
PartnerFiles = tuple[str, str, bytes]
# Inode numbers fill 64 unsigned bits on some file systems; the states are packed as signed ones.
_INODE_BITS = (1 << 63) - 1


def partner_file_keys(model: SiteModel, shared: str, views: ViewDigests) -> dict[str, str | None]:
    """The key of each partner's files, by partner id (None: always made). `shared` tells what every partner's
    files read besides their own: the settings they are made with."""
    inputs = partner_inputs(model.catalog, model.policy, model.as_of)
    names = digest(repr(sorted(model.catalog.app_names.items())))
    common = digest(code_fingerprint(), model.as_of.isoformat(), names, shared)
    keys: dict[str, str | None] = {}
    for partner in model.partners:
        judged_from = inputs.get(partner.id)
        try:
            view = views.of(partner)
        except pickle.PicklingError:
            view = None
        keys[partner.id] = None if judged_from is None or view is None else digest(common, judged_from, view.hex())
    return keys


class KeptPartnerFiles:
    """The files of each partner that the last build into one output directory made, with their key."""

    def __init__(self, output: Path, pack: CachePack | None, keys: Mapping[str, str | None]) -> None:
        self._output = output
        self._pack = pack
        self._keys = keys
        self._entry = digest("kept partner files", str(output.resolve()))
        stored = pack.get(self._entry) if pack is not None else None
        self._remembered: dict[str, PartnerFiles] = stored if isinstance(stored, dict) else {}
        self._kept: dict[str, PartnerFiles] = {}
        # Each partner's files made by this build, one path per line: the strings of its paths can go meanwhile.
        self._made: dict[str, tuple[str, str]] = {}

    @classmethod
    def open(
        cls, output: Path, keys: Mapping[str, str | None], environment: Mapping[str, str] = os.environ
    ) -> KeptPartnerFiles:
        """The record of the last build into `output` (nothing when the cache is off)."""
        return cls(output, open_pack(_PACK, environment), keys)

    def unchanged(self, partner: PartnerView) -> tuple[str, ...] | None:
        """The paths of the partner's files when they are those the last build left for its key, untouched
        since; None when they must be made."""
        key = self._keys.get(partner.id)
        remembered = self._remembered.get(partner.id)
        if key is None or remembered is None or remembered[0] != key:
            return None
        _, lines, states = remembered
        paths = _paths(lines)
        if file_states(self._output, paths) != states:
            return None
        self._kept[partner.id] = remembered
        return paths

    def made(self, partner: PartnerView, paths: Iterable[str]) -> None:
        """Remember that this build made these files of the partner (their states are read when saved)."""
        key = self._keys.get(partner.id)
        if key is not None:
            self._made[partner.id] = (key, "\n".join(paths))

    @property
    def tally(self) -> tuple[int, int]:
        """How many partners' files this build kept, and how many it made."""
        return len(self._kept), len(self._keys) - len(self._kept)

    def save(self) -> None:
        """Remember the partners' files of this build, each made file with its state as it is now."""
        if self._pack is None:
            return
        partners = dict(self._kept)
        for partner_id, (key, lines) in self._made.items():
            states = file_states(self._output, _paths(lines))
            if states is not None:
                partners[partner_id] = (key, lines, states)
        if partners != self._remembered:
            self._pack.put(self._entry, partners)
            self._pack.save()


def _paths(lines: str) -> tuple[str, ...]:
    return tuple(lines.split("\n")) if lines else ()


def file_states(output: Path, paths: Iterable[str]) -> bytes | None:
    """Each file's size, modification and change times and inode, packed in the order of `paths`; None when one
    is missing."""
    values: array.array[int] = array.array("q")
    for path in paths:
        try:
            # A string, not a Path: at 150,000 files, making the Path costs more than the stat.
            status = os.stat(f"{output}/{path}")  # noqa: PTH116
        except OSError:
            return None
        values.extend((status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino & _INODE_BITS))
    return values.tobytes()
