"""A content-addressed cache on disk: what a run made from its inputs, named by a digest of those inputs.

Every entry's key is a digest of everything its value was made from (the bytes read, the code that read them,
and whatever else the caller names), so an entry is either exactly what the same work would make again or never
asked for. The entries of one kind (records, logos, decisions, events) are kept together in one pack file,
read whole in one go: ten thousand small files would cost more to open than their contents cost to make.
A pack keeps the entries its last run used, and a bounded number of older ones.

The cache is an optimisation and never a source of truth. A pack that is missing, unreadable, truncated, of
another format or whose checksum fails is ignored (and rewritten); an entry that does not unpickle into the
generator's own record and decision classes is ignored and made again. The pickles are read by an unpickler
that builds only classes of `generator.records`, `generator.policy` and `datetime.date`, nothing else.
The cache lives in `.cache/records/` of the repository the code runs from (ignored by git), never in the data
tree a pull request changes; `TRUST_CACHE_DIR` names another directory, and `TRUST_CACHE=0` turns it off.
An installed copy of the generator (the pull-request checks' own) has no repository, so no cache by default.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from generator.load.code_fingerprint import CODE

CACHE_DIRECTORY_VARIABLE = "TRUST_CACHE_DIR"
CACHE_SWITCH_VARIABLE = "TRUST_CACHE"
_FORMAT = b"trust-pages cache pack 1\n"
_SUFFIX = ".pack"
# The modules whose classes an entry may be built of.
_CLASS_MODULES = ("generator.records.", "generator.policy.")
_OTHER_CLASSES = frozenset({("datetime", "date")})


def cache_directory(environment: Mapping[str, str] = os.environ) -> Path | None:
    """Where the cache lives, or None when it is off."""
    if environment.get(CACHE_SWITCH_VARIABLE, "1") == "0":
        return None
    configured = environment.get(CACHE_DIRECTORY_VARIABLE)
    if configured:
        return Path(configured)
    repository = CODE.parent
    # Only a checkout has a place of its own for it; an installed package's parent is site-packages.
    return repository / ".cache" / "records" if (repository / "pyproject.toml").is_file() else None


def digest(*parts: bytes | str) -> str:
    """The key of an entry made from `parts` (each one told apart from its neighbours)."""
    hasher = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


class _RecordsOnly(pickle.Unpickler):
    """Builds the generator's own record and decision classes, dates and plain data, and refuses any other name."""

    def find_class(self, module: str, name: str) -> Any:
        found = super().find_class(module, name) if module.startswith(_CLASS_MODULES) else None
        if (module, name) in _OTHER_CLASSES:
            return super().find_class(module, name)
        if isinstance(found, type) and found.__module__ == module:
            return found
        msg = f"{module}.{name} is not a record or decision class"
        raise pickle.UnpicklingError(msg)


class _PlainOnly(pickle.Unpickler):
    """Builds plain data (the pack's table of keys and pickled entries) and refuses every name."""

    def find_class(self, module: str, name: str) -> Any:
        msg = f"{module}.{name}: a pack holds plain data only"
        raise pickle.UnpicklingError(msg)


def load_entry(data: bytes) -> Any:
    """One entry's value, built by the restricted unpickler; raises on anything it refuses."""
    return _RecordsOnly(io.BytesIO(data)).load()


class CachePack:
    """The entries of one kind, by key, read from and saved to one file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stored = _read_pack(path)
        self._used: dict[str, bytes] = {}
        self._changed = False

    def get(self, key: str) -> Any | None:
        """The value stored under `key`, or None when there is none or it cannot be trusted."""
        data = self._stored.get(key)
        if data is None:
            return None
        try:
            value = load_entry(data)
        except Exception:  # A damaged entry is made again, whatever went wrong reading it.
            self._changed = True
            return None
        self._used[key] = data
        return value

    def put(self, key: str, value: Any) -> None:
        """Store `value` under `key` (saved by `save`)."""
        self._used[key] = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        self._changed = True

    def save(self) -> None:
        """Write the pack when this run changed it: the entries used, then older ones up to a bound."""
        if not self._changed:
            return
        kept = dict(self._used)
        room = len(self._used) + 1024
        for key, data in self._stored.items():
            if len(kept) >= room:
                break
            kept.setdefault(key, data)
        table = pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL)
        payload = _FORMAT + hashlib.blake2b(table, digest_size=20).digest() + table
        # Written beside, then renamed over: a reader sees the old pack or the new one, never half of one.
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
            try:
                with os.fdopen(handle, "wb") as file:
                    file.write(payload)
                Path(name).replace(self.path)
            finally:
                Path(name).unlink(missing_ok=True)
        self._stored, self._changed = kept, False


def _read_pack(path: Path) -> dict[str, bytes]:
    try:
        payload = path.read_bytes()
    except OSError:
        return {}
    header = len(_FORMAT) + 20
    table = payload[header:]
    if (
        not payload.startswith(_FORMAT)
        or hashlib.blake2b(table, digest_size=20).digest() != payload[len(_FORMAT) : header]
    ):
        return {}
    try:
        stored = _PlainOnly(io.BytesIO(table)).load()
    except Exception:  # An unreadable pack is an empty one.
        return {}
    if not isinstance(stored, dict) or not all(isinstance(k, str) and isinstance(v, bytes) for k, v in stored.items()):
        return {}
    return stored


def open_pack(kind: str, environment: Mapping[str, str] = os.environ) -> CachePack | None:
    """The pack of entries of one kind in the cache directory, or None when the cache is off."""
    directory = cache_directory(environment)
    return None if directory is None else CachePack(directory / f"{kind}{_SUFFIX}")
