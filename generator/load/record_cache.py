"""What each record file turns into, remembered by the digest of its bytes: the validated record and the file's
own problems, so that a rebuild or a pull request's check parses and validates only the files that changed.

An entry's key is the digest of the file's bytes (which the file index, `load/file_index.py`, knows without
reading a file whose stat has not changed), the record kind it is read as and the code fingerprint
(`load/code_fingerprint.py`: this code and the libraries that parse and validate). Everything a file turns
into is a function of those: the checks that span records (ids against paths, look-alikes, references, dates
as of a day) read the records and run over all of them every time. The file's path is not part of an entry:
problems are stored without it and located again in the file they are read for. A record restored from the
cache comes with a document that reads its lines and composes its located node tree again, from the same
bytes, only when a check has a problem to point at in it; the entry keeps the file's opening comment lines, for
the modeline check. The files no run has parsed are parsed on every core before the load asks for them
(`parse_new`): each worker hands back a file's entry, and the record is restored from it as from the cache.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from generator.load.cache import (
    CachePack,
    StoredProblem,
    digest_after,
    load_entry,
    open_pack,
    pickle_entry,
    restore_problem,
    store_problem,
)
from generator.load.code_fingerprint import code_fingerprint
from generator.load.file_index import FileIndex, content_digest, file_index, read_plain_file
from generator.load.located import Located, R, load_record, record_from_bytes
from generator.load.problems import Problem
from generator.load.strict_yaml import decoded_text, load_bytes, split_lines
from generator.load.yaml_nodes import Document, Node, opening_lines
from generator.parallel import process_count, run_in_processes
from generator.records.fields import Record

# Below this many files to parse, starting workers costs more than it saves.
FEWEST_FILES_FOR_WORKERS = 256

PACK = "records"


class RecordCache:
    """The record files of one run, each loaded from the cache when its bytes were seen before."""

    def __init__(self, pack: CachePack, files: FileIndex, keep_documents: bool = True) -> None:
        self._pack = pack
        self._files = files
        # Whether a file parsed now keeps its node tree and lines, or, as a restored one, reads them again.
        self._keep_documents = keep_documents
        self._fingerprint = code_fingerprint()
        # An entry's key, by record kind, as a function of the digest of the file's bytes.
        self._keys: dict[str, Callable[[str], str]] = {}
        # What `parse_new` made of the files no run had parsed, by path, with their keys.
        self._parsed: dict[Path, tuple[str, tuple[Located[Any] | None, list[Problem]]]] = {}
        # The key of every record file read this run, by path: what the decisions cache keys partners by.
        self.digests: dict[Path, str] = {}
        self._stats: Mapping[str, os.stat_result] = {}

    @staticmethod
    def open(environment: Mapping[str, str] = os.environ, keep_documents: bool = True) -> RecordCache | None:
        """The record cache of the cache directory, or None when the cache is off."""
        pack = open_pack(PACK, environment)
        files = file_index(environment)
        return None if pack is None or files is None else RecordCache(pack, files, keep_documents)

    def parse_new(self, files: Sequence[tuple[Path, type[Record]]], processes: int | None) -> None:
        """Parse and validate the files among `files` whose bytes no run has seen, in `processes` worker processes
        (None: one per core when there are enough), for `load_record` to hand out: each worker hands back a
        file's entry as the cache keeps it, which is stored as it is and restored here once."""
        new: list[tuple[Path, type[Record], bytes, str, str]] = []
        for path, model in files:
            known = self._files.known_digest(path, self._stats.get(str(path)))
            if known is not None and self._key(model, known) in self._pack:
                continue
            read = _read_plain_file(path)
            if read is None:
                continue
            raw, found = read
            content = self._files.remember(raw, found)
            key = self._key(model, content)
            if key not in self._pack:
                new.append((path, model, raw, content, key))

        def parse(file: tuple[Path, type[Record], bytes, str, str]) -> bytes | None:
            path, model, raw, _, _ = file
            entry = _entry(path, *record_from_bytes(raw, path, model))
            # None: parsed again by load_record, which keeps it as it is.
            return pickle_entry(entry) if entry is not None else None

        count = process_count(processes, len(new), FEWEST_FILES_FOR_WORKERS)
        for (path, model, raw, content, key), entry in zip(new, run_in_processes(parse, new, count), strict=True):
            if entry is None:
                continue
            source = (lambda raw=raw: raw) if self._keep_documents else (lambda p=path, c=content: _read_again(p, c))
            restored = _restored(load_entry(entry), source, path, model)
            if restored is not None:
                self._pack.put_pickled(key, entry)
                self._parsed[path] = (key, restored)

    def load_record(self, path: Path, model: type[R]) -> tuple[Located[R] | None, list[Problem]]:
        """Load and validate one record file, as `load_record` does, from the cache when its bytes are known.

        A file whose stat is what it was when an earlier run read it (`load/file_index.py`) is not read at all.
        """
        parsed = self._parsed.pop(path, None)
        if parsed is not None:
            self.digests[path] = parsed[0]
            return parsed[1]
        known = self._files.known_digest(path, self._stats.get(str(path)))
        if known is not None:
            key = self._key(model, known)
            entry = self._pack.get(key)
            restored = _restored(entry, lambda: _read_again(path, known), path, model) if entry is not None else None
            if restored is not None:
                self.digests[path] = key
                return restored
        read = _read_plain_file(path)
        if read is None:
            # A link, an oversized file, or one that cannot be read: the loader says which.
            return load_record(path, model)
        raw, found = read
        content = self._files.remember(raw, found)
        key = self._key(model, content)
        self.digests[path] = key
        entry = self._pack.get(key)
        restored = _restored(entry, lambda: raw, path, model) if entry is not None else None
        if restored is not None:
            return restored
        located, problems = record_from_bytes(raw, path, model)
        entry = _entry(path, located, problems)
        if entry is not None:
            self._pack.put(key, entry)
            if located is not None and not self._keep_documents:
                # Kept as a restored record is: its file read and its tree composed again only for a problem
                # to point at (the trees and lines of 10,000 apps would hold 160 MB for the whole build).
                located = Located(located.record, _lazy_document(path, entry[2], lambda: _read_again(path, content)))
        return located, problems

    def met(self, stats: Mapping[str, os.stat_result]) -> None:
        """The stats of the files this run's walk of the data tree met (not following links), by path: looked up
        rather than asked for again."""
        self._stats = stats

    def _key(self, model: type[R], content: str) -> str:
        """digest(code fingerprint, record kind, digest of the file's bytes)."""
        keyed = self._keys.get(model.__name__)
        if keyed is None:
            keyed = self._keys[model.__name__] = digest_after(self._fingerprint, model.__name__)
        return keyed(content)

    def save(self) -> None:
        """Keep what this run made for the next."""
        self._pack.save()
        self._files.save()


class ChangedWhileCheckedError(RuntimeError):
    """A file changed while it was being checked: its report would quote bytes it was not judged on."""


# The record cache reads as the file index does (a test makes it fail for chosen files).
_read_plain_file = read_plain_file


def _read_again(path: Path, known: str) -> bytes:
    """The bytes of a file restored from the cache without reading it, when a problem must quote them: the bytes
    its record was made from, or an error when it changed since this run looked at its stat."""
    read = _read_plain_file(path)
    if read is None or content_digest(read[0]) != known:
        msg = f"{path}: the file changed while it was being checked; check it again"
        raise ChangedWhileCheckedError(msg)
    return read[0]


def _entry(
    path: Path, located: Located[Any] | None, problems: list[Problem]
) -> tuple[Record | None, list[StoredProblem], tuple[str, ...] | None] | None:
    """What the cache keeps of a file parsed now: its record, its problems without its path and its opening
    lines; None when a problem cannot be stored (it points into another file)."""
    stored = [store_problem(problem, (path,)) for problem in problems]
    kept = [item for item in stored if item is not None]
    if len(kept) != len(stored):
        return None
    if located is None:
        return None, kept, None
    return located.record, kept, opening_lines(located.document.lines)


def _restored(
    entry: Any, source: Callable[[], bytes], path: Path, model: type[R]
) -> tuple[Located[R] | None, list[Problem]] | None:
    """A cache entry made whole again for the file at `path`, or None when it is not what this code stores.

    Its document's lines and node tree are made from the file's bytes (`source`) only when asked for.
    """
    try:
        record, stored, opening = entry
        problems = [restore_problem(item, (path,)) for item in stored]
    except (TypeError, ValueError, IndexError):
        return None
    if record is None:
        return None, problems
    if type(record) is not model or not isinstance(opening, tuple):
        return None
    return Located(record, _lazy_document(path, opening, source)), problems


def _lazy_document(path: Path, opening: tuple[str, ...] | None, source: Callable[[], bytes]) -> Document:
    """The document of the file at `path`, its lines and node tree made from its bytes (`source`) when first
    asked for."""
    raw = _Once(source)
    return Document(path, lambda: split_lines(decoded_text(raw())), lambda: _compose(raw(), path), opening)


class _Once:
    """A file's bytes, read when first asked for and kept (a functools.cache costs more to make, per record)."""

    __slots__ = ("_raw", "_read")

    def __init__(self, read: Callable[[], bytes]) -> None:
        self._read = read
        self._raw: bytes | None = None

    def __call__(self) -> bytes:
        if self._raw is None:
            self._raw = self._read()
        return self._raw


def _compose(raw: bytes, path: Path) -> Node:
    document, _ = load_bytes(raw, path)
    if document is None:
        msg = f"{path}: the file changed while it was being checked; check it again"
        raise ChangedWhileCheckedError(msg)
    return document.root
