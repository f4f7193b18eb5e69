"""A content-addressed cache on disk: what a run made from its inputs, named by a digest of those inputs.

Every entry's key is a digest of everything its value was made from (the bytes read, the code that read them,
and whatever else the caller names), so an entry is either exactly what the same work would make again or never
asked for. The entries of one kind (records, logos, decisions, events, views) are kept together in one pack file,
opened once and read entry by entry: ten thousand small files would cost more to open than their contents cost
to make.
A pack keeps the entries its last run used, and a bounded number of older ones.

The cache is an optimisation and never a source of truth. A pack that is missing, unreadable, truncated, of
another format or whose checksum fails is ignored (and rewritten); an entry that does not unpickle into the
generator's own record, decision and view classes is ignored and made again. The pickles are read by an
unpickler that builds only classes of `generator.records`, `generator.policy`, `generator.views` and
`datetime.date`, nothing else, and a
pack is read only if it is sealed with this user's own key (kept in ~/.cache/trust-pages/, never in a
repository): a pack that came from anywhere else, a checkout or a restored CI cache, is no pack at all.
The cache lives in `.cache/records/` of the repository the code runs from (ignored by git), never in the data
tree a pull request changes; `TRUST_CACHE_DIR` names another directory, and `TRUST_CACHE=0` turns it off.
An installed copy of the generator (the pull-request checks' own) has no repository, so no cache by default.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import io
import os
import pickle
import secrets
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from generator.load.code_fingerprint import CODE
from generator.load.problems import Location, Problem, Severity

CACHE_DIRECTORY_VARIABLE = "TRUST_CACHE_DIR"
CACHE_SWITCH_VARIABLE = "TRUST_CACHE"
_FORMAT = b"trust-pages cache pack 4\n"
_SECRET_BYTES = 32
_SUFFIX = ".pack"
# The modules whose classes an entry may be built of.
_CLASS_MODULES = ("generator.records.", "generator.policy.", "generator.views.")
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
    _update(hasher, parts)
    return hasher.hexdigest()


def digest_after(*parts: bytes | str) -> Callable[[bytes | str], str]:
    """`digest(*parts, last)` as a function of `last`: the first parts digested once for many keys."""
    hasher = hashlib.blake2b(digest_size=20)
    _update(hasher, parts)

    def finish(last: bytes | str) -> str:
        ending = hasher.copy()
        _update(ending, (last,))
        return ending.hexdigest()

    return finish


def _update(hasher: Any, parts: Sequence[bytes | str]) -> None:
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)


class _RecordsOnly(pickle.Unpickler):
    """Builds the generator's own record, decision and view classes, dates and plain data, and refuses any other
    name."""

    # Every entry names its classes again: each name is looked up and judged once per process.
    _allowed: dict[tuple[str, str], type] = {}  # noqa: RUF012 — a lookup table shared by every instance.

    def find_class(self, module: str, name: str) -> Any:
        found = self._allowed.get((module, name))
        if found is not None:
            return found
        found = super().find_class(module, name) if module.startswith(_CLASS_MODULES) else None
        if (module, name) in _OTHER_CLASSES:
            found = super().find_class(module, name)
        elif not (isinstance(found, type) and found.__module__ == module):
            msg = f"{module}.{name} is not a record, decision or view class"
            raise pickle.UnpicklingError(msg)
        self._allowed[(module, name)] = found
        return found


class _PlainOnly(pickle.Unpickler):
    """Builds plain data (the pack's table of keys and pickled entries) and refuses every name."""

    def find_class(self, module: str, name: str) -> Any:
        msg = f"{module}.{name}: a pack holds plain data only"
        raise pickle.UnpicklingError(msg)


def pickle_entry(value: Any) -> bytes:
    """An entry's bytes in a pack."""
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def load_entry(data: bytes | memoryview) -> Any:
    """One entry's value, built by the restricted unpickler; raises on anything it refuses."""
    return _RecordsOnly(io.BytesIO(data)).load()


class CachePack:
    """The entries of one kind, by key, read from and saved to one file.

    The file: a format line, the entries, the index (each key's offset, length and checksum among the
    entries), then the index's length and seal. Opening a pack reads its index; an entry is read from the file
    (kept open), checked and unpickled when it is asked for, so that a pack of 70 MB is never in memory whole.
    A run that adds or changes a few entries appends them and a new index in place of the old one: rewriting a
    pack of 100 MB for one partner's entries cost a second.
    The entries worker processes hand back wait for `save` in a spill file beside the pack, not in memory.
    """

    def __init__(self, path: Path, secret: bytes) -> None:
        self.path = path
        self._secret = secret
        self._entries, self._index, self._file = _read_pack(path, secret)
        # Each entry this run used or put: in the file read (at its place in the index), the bytes put, or its
        # place in the spill file.
        self._used: dict[str, _Entry] = {}
        # The entries put since `take_new` was last called: what a worker process hands back to the build's pack.
        self._new: dict[str, bytes] = {}
        self._spill: _SpillFile | None = None
        self._changed = False

    def get(self, key: str) -> Any | None:
        """The value stored under `key`, or None when there is none or it cannot be trusted."""
        place = self._index.get(key)
        if place is None:
            return None
        try:
            offset, length, checksum = place
            data = self._entries.read(offset, length)
            if len(data) != length or _checksum(data) != checksum:
                msg = "the entry is not the one indexed"
                raise ValueError(msg)
            value = load_entry(data)
        except Exception:  # A damaged entry is made again, whatever went wrong reading it.
            self._changed = True
            return None
        self._used[key] = _IN_PACK
        return value

    def __contains__(self, key: str) -> bool:
        """Whether an entry is indexed under `key` (it may still be found damaged when read)."""
        return key in self._index or key in self._used

    def put(self, key: str, value: Any) -> None:
        """Store `value` under `key` (saved by `save`)."""
        data = pickle_entry(value)
        self._used[key] = self._new[key] = data
        self._changed = True

    def put_pickled(self, key: str, data: bytes) -> None:
        """Store an entry pickled by `pickle_entry` in a worker process under `key`: it waits for `save` in the
        spill file (in memory when there is none), for the build has its value unpickled already."""
        if self._spill is None or not self._spill.mine():
            self._spill = _SpillFile.open(self.path.parent)
        self._used[key] = self._spill.add(data) if self._spill is not None else data
        self._changed = True

    def take_new(self) -> dict[str, bytes]:
        """The entries `put` since the last call, pickled: in a worker process, what to hand back to the build."""
        new, self._new = self._new, {}
        return new

    def save(self) -> None:
        """Write the pack when this run changed it: the entries used, then older ones up to a bound. The new
        entries are appended to the file read when it holds more live entries than dead ones, and is still the
        file this run read; otherwise the pack is written anew."""
        if not self._changed:
            return
        kept = dict(self._used)
        # Room for another run's entries as well (a validate as of today beside a build as of another day).
        room = 2 * len(self._used) + 4096
        for key in self._index:
            if len(kept) >= room:
                break
            if key not in kept:
                kept[key] = _IN_PACK
        with contextlib.suppress(OSError):
            if not self._append(kept):
                self._rewrite(kept)
        self._changed = False
        # What was read no longer describes the file: a later save writes it anew, without the spilled entries,
        # which are gone with the spill file (a pack is saved once, when the run is through with it).
        self._file = None
        if self._spill is not None:
            self._spill.close()
            self._spill = None
            self._used = {key: data for key, data in self._used.items() if not isinstance(data, _Spilled)}

    def _in_place(self, key: str, data: _Entry) -> tuple[int, int, bytes] | None:
        """Where the entry kept under `key` already is in the file read: its index entry; None for a new one."""
        return self._index[key] if isinstance(data, _InPack) else None

    def _length(self, key: str, data: _Entry) -> int:
        if isinstance(data, _InPack):
            return self._index[key][1]
        return data.length if isinstance(data, _Spilled) else len(data)

    def _bytes_of(self, key: str, data: _Entry) -> bytes:
        """An entry's bytes, read from where it is kept."""
        if isinstance(data, _InPack):
            offset, length, _ = self._index[key]
            entry = self._entries.read(offset, length)
            if len(entry) != length:
                msg = "the pack is shorter than its index"
                raise OSError(msg)
            return entry
        if isinstance(data, _Spilled):
            if self._spill is None:
                msg = "a spilled entry without its spill file"
                raise OSError(msg)
            return self._spill.read(data)
        return data

    def _append(self, kept: dict[str, _Entry]) -> bool:
        """Append the entries not in the file read, then the new index; False when the pack is to be rewritten."""
        if self._file is None:
            return False
        end = self._entries.size
        live = 0
        for key, data in kept.items():
            length = self._length(key, data)
            if self._in_place(key, data) is None:
                end += length
            live += length
        if 2 * live <= end:
            return False
        with self.path.open("r+b") as file:
            # Only one writer appends at a time, and only to the very file this run read.
            fcntl.flock(file, fcntl.LOCK_EX)
            state = os.fstat(file.fileno())
            if (state.st_ino, state.st_size, state.st_mtime_ns) != self._file:
                return False
            file.seek(len(_FORMAT) + self._entries.size)
            file.truncate()
            index: dict[str, tuple[int, int, bytes]] = {}
            offset = self._entries.size
            for key, data in kept.items():
                place = self._in_place(key, data)
                if place is None:
                    # One entry in memory at a time.
                    entry = self._bytes_of(key, data)
                    place = (offset, len(entry), _checksum(entry))
                    file.write(entry)
                    offset += len(entry)
                index[key] = place
            file.write(_index_bytes(index, self._secret))
        return True

    def _rewrite(self, kept: dict[str, _Entry]) -> None:
        """Write the pack anew beside it, then rename it over: a reader sees the old pack or the new one."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(_FORMAT)
                index: dict[str, tuple[int, int, bytes]] = {}
                offset = 0
                for key, data in kept.items():
                    place = self._in_place(key, data)
                    entry = self._bytes_of(key, data)
                    index[key] = (offset, len(entry), place[2] if place is not None else _checksum(entry))
                    file.write(entry)
                    offset += len(entry)
                file.write(_index_bytes(index, self._secret))
            Path(name).replace(self.path)
        finally:
            Path(name).unlink(missing_ok=True)


class _InPack:
    """An entry kept where it is in the file read."""

    __slots__ = ()


_IN_PACK = _InPack()


class _Spilled:
    """Where an entry waits in the spill file: its offset and length."""

    __slots__ = ("length", "offset")

    def __init__(self, offset: int, length: int) -> None:
        self.offset = offset
        self.length = length


# Where an entry this run used or put is kept until the pack is saved.
_Entry = bytes | _InPack | _Spilled


class _SpillFile:
    """A nameless file beside the pack, of the process that opened it, for the entries waiting to be saved."""

    def __init__(self, file: BinaryIO) -> None:
        self._file = file
        self._size = 0
        self._pid = os.getpid()

    @staticmethod
    def open(directory: Path) -> _SpillFile | None:
        try:
            directory.mkdir(parents=True, exist_ok=True)
            return _SpillFile(tempfile.TemporaryFile(dir=directory))
        except OSError:
            return None

    def mine(self) -> bool:
        """Whether this process opened it (a forked worker would write where the build does)."""
        return self._pid == os.getpid()

    def add(self, data: bytes) -> _Spilled | bytes:
        """Write an entry at the end; where it is (the bytes themselves when it cannot be written)."""
        try:
            written = os.pwrite(self._file.fileno(), data, self._size)
        except OSError:
            return data
        if written != len(data):
            return data
        spilled = _Spilled(self._size, len(data))
        self._size += len(data)
        return spilled

    def close(self) -> None:
        self._file.close()

    def __del__(self) -> None:
        # A pack dropped unsaved (its run stopped on an error): the file goes, quietly.
        self.close()

    def read(self, spilled: _Spilled) -> bytes:
        data = os.pread(self._file.fileno(), spilled.length, spilled.offset)
        if len(data) != spilled.length:
            msg = "the spill file is shorter than its entries"
            raise OSError(msg)
        return data


def _checksum(data: bytes | memoryview) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


# The state of the pack file a run read (inode, size, modification time): appending to it is appending to it.
_FileState = tuple[int, int, int]
# After the index: its length (8 bytes, little-endian) and its seal.
_TRAILER = 8 + 20


class _PackEntries:
    """The entries of the pack file read, read from it one at a time (the file stays open while the pack lives:
    one renamed over it meanwhile is another file)."""

    def __init__(self, descriptor: int | None, size: int) -> None:
        self._descriptor = descriptor
        # The length of the entries, between the format line and the index.
        self.size = size

    def read(self, offset: int, length: int) -> bytes:
        if self._descriptor is None or offset + length > self.size:
            return b""
        return os.pread(self._descriptor, length, len(_FORMAT) + offset)

    def __del__(self) -> None:
        if self._descriptor is not None:
            os.close(self._descriptor)


def _seal(table: bytes | memoryview, secret: bytes) -> bytes:
    """The index's digest keyed by this machine's secret: only a pack written here is read here."""
    return hashlib.blake2b(table, digest_size=20, key=secret).digest()


def _index_bytes(index: dict[str, tuple[int, int, bytes]], secret: bytes) -> bytes:
    table = pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL)
    return table + len(table).to_bytes(8, "little") + _seal(table, secret)


def _read_pack(path: Path, secret: bytes) -> tuple[_PackEntries, dict[str, tuple[int, int, bytes]], _FileState | None]:
    """The entries, the index and the file's state of a pack file; nothing when it is missing or not one."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return _PackEntries(None, 0), {}, None
    try:
        found = _read_index(descriptor, secret)
    except OSError:
        found = None
    if found is None:
        os.close(descriptor)
        return _PackEntries(None, 0), {}, None
    size, index, state = found
    return _PackEntries(descriptor, size), index, (state.st_ino, state.st_size, state.st_mtime_ns)


def _read_index(descriptor: int, secret: bytes) -> tuple[int, dict[str, tuple[int, int, bytes]], os.stat_result] | None:
    """The length of the entries, the index and the stat of an open pack file; None when it is not one."""
    state = os.fstat(descriptor)
    if state.st_size < len(_FORMAT) + _TRAILER or os.pread(descriptor, len(_FORMAT), 0) != _FORMAT:
        return None
    trailer = os.pread(descriptor, _TRAILER, state.st_size - _TRAILER)
    size = int.from_bytes(trailer[:8], "little")
    start = state.st_size - _TRAILER - size
    if start < len(_FORMAT):
        return None
    table = os.pread(descriptor, size, start)
    if len(table) != size or _seal(table, secret) != trailer[8:]:
        return None
    try:
        index = _PlainOnly(io.BytesIO(table)).load()
    except Exception:  # An unreadable pack is an empty one.
        return None
    if not isinstance(index, dict):
        return None
    return start - len(_FORMAT), index, state


# A problem as stored: code, message, severity, field path, hint, and its place: the index of its file in the
# files the entry was made from, line, column, width and source line.
StoredProblem = tuple[str, str, str, str | None, str | None, tuple[int, int, int, int, str | None] | None]


def store_problem(problem: Problem, paths: Sequence[Path]) -> StoredProblem | None:
    """A problem without its file's path (an index into `paths`), or None when it is in none of them.

    Entries are keyed by what files hold, not where they are: the same bytes elsewhere are the same entry.
    """
    location = problem.location
    place = None
    if location is not None:
        if location.path not in paths:
            return None
        index = paths.index(location.path)
        place = (index, location.line, location.column, location.width, location.source_line)
    return (problem.code, problem.message, problem.severity.value, problem.field_path, problem.hint, place)


def restore_problem(stored: StoredProblem, paths: Sequence[Path]) -> Problem:
    """A stored problem, placed in `paths` again; raises TypeError, ValueError or IndexError when malformed."""
    code, message, severity, field_path, hint, place = stored
    location = None
    if place is not None:
        index, line, column, width, source_line = place
        location = Location(paths[index], line, column, width, source_line)
    return Problem(code, message, location, Severity(severity), field_path, hint)


def open_pack(kind: str, environment: Mapping[str, str] = os.environ) -> CachePack | None:
    """The pack of entries of one kind in the cache directory, or None when the cache is off (or this machine has
    no place for its secret)."""
    directory = cache_directory(environment)
    if directory is None:
        return None
    secret = machine_secret(_secret_file(environment))
    return None if secret is None else CachePack(directory / f"{kind}{_SUFFIX}", secret)


def _secret_file(environment: Mapping[str, str]) -> Path:
    base = environment.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "trust-pages" / "cache-key"


@functools.cache
def machine_secret(path: Path) -> bytes | None:
    """This user's key for sealing packs, made on first use; None when it can be neither read nor made.

    It lives in the user's own cache directory, never in a repository: a pack that came with a checkout, a
    pull request or a restored CI cache was sealed with another key (or none), and is read as no pack at all.
    """
    for _ in range(2):
        try:
            secret = path.read_bytes()
        except FileNotFoundError:
            secret = b""
        except OSError:
            return None
        if len(secret) == _SECRET_BYTES:
            return secret
        # Made whole beside it, readable by this user only, then linked into place: of two processes making it
        # at once, one wins, and no reader ever sees it half written.
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(prefix=".cache-key.", dir=path.parent)
        except OSError:
            return None
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(secrets.token_bytes(_SECRET_BYTES))
            os.link(name, path)
        except FileExistsError:
            continue
        except OSError:
            return None
        finally:
            Path(name).unlink(missing_ok=True)
    return None
