"""What each record file turns into, remembered by the digest of its bytes: the validated record and the file's
own problems, so that a rebuild or a pull request's check parses and validates only the files that changed.

An entry's key is the digest of the file's bytes, the record kind it is read as and the code fingerprint
(`load/code_fingerprint.py`: this code and the libraries that parse and validate). Everything a file turns
into is a function of those: the checks that span records (ids against paths, look-alikes, references, dates
as of a day) read the records and run over all of them every time. The file's path is not part of an entry:
problems are stored without it and located again in the file they are read for. A record restored from the
cache comes with a document that composes its located node tree again, from the same bytes, only when a
check has a problem to point at in it.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from generator.load.cache import CachePack, digest, open_pack, restore_problem, store_problem
from generator.load.code_fingerprint import code_fingerprint
from generator.load.located import Located, R, load_record, record_from_bytes
from generator.load.problems import Problem
from generator.load.strict_yaml import MAX_FILE_BYTES, decoded_text, load_bytes, split_lines
from generator.load.yaml_nodes import Document, Node

PACK = "records"


class RecordCache:
    """The record files of one run, each loaded from the cache when its bytes were seen before."""

    def __init__(self, pack: CachePack) -> None:
        self._pack = pack
        self._fingerprint = code_fingerprint()
        # The key of every record file read this run, by path: what the decisions cache keys partners by.
        self.digests: dict[Path, str] = {}

    @staticmethod
    def open(environment: Mapping[str, str] = os.environ) -> RecordCache | None:
        """The record cache of the cache directory, or None when the cache is off."""
        pack = open_pack(PACK, environment)
        return None if pack is None else RecordCache(pack)

    def load_record(self, path: Path, model: type[R]) -> tuple[Located[R] | None, list[Problem]]:
        """Load and validate one record file, as `load_record` does, from the cache when its bytes are known."""
        raw = _read_plain_file(path)
        if raw is None:
            # A link, an oversized file, or one that cannot be read: the loader says which.
            return load_record(path, model)
        key = digest(self._fingerprint, model.__name__, raw)
        self.digests[path] = key
        entry = self._pack.get(key)
        restored = _restored(entry, raw, path, model) if entry is not None else None
        if restored is not None:
            return restored
        located, problems = record_from_bytes(raw, path, model)
        stored = [store_problem(problem, (path,)) for problem in problems]
        if all(item is not None for item in stored):
            self._pack.put(key, (located.record if located is not None else None, stored))
        return located, problems

    def save(self) -> None:
        """Keep what this run made for the next."""
        self._pack.save()


def _read_plain_file(path: Path) -> bytes | None:
    """The bytes of a regular file of at most MAX_FILE_BYTES, not reached through a link; None otherwise."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return None
    try:
        found = os.fstat(handle)
        if not stat.S_ISREG(found.st_mode) or found.st_size > MAX_FILE_BYTES:
            return None
        # One read of the size the file has, and a byte more to see whether it has grown since.
        raw = os.read(handle, found.st_size + 1)
        if len(raw) > found.st_size:
            chunks, total = [raw], len(raw)
            while total <= MAX_FILE_BYTES and (chunk := os.read(handle, MAX_FILE_BYTES + 1 - total)):
                chunks.append(chunk)
                total += len(chunk)
            raw = b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(handle)
    return raw if len(raw) <= MAX_FILE_BYTES else None


def _restored(entry: Any, raw: bytes, path: Path, model: type[R]) -> tuple[Located[R] | None, list[Problem]] | None:
    """A cache entry made whole again for the file at `path`, or None when it is not what this code stores."""
    try:
        record, stored = entry
        problems = [restore_problem(item, (path,)) for item in stored]
    except (TypeError, ValueError, IndexError):
        return None
    if record is None:
        return None, problems
    if type(record) is not model:
        return None
    document = Document(path, split_lines(decoded_text(raw)), lambda: _compose(raw, path))
    return Located(record, document), problems


def _compose(raw: bytes, path: Path) -> Node:
    document, _ = load_bytes(raw, path)
    if document is None:
        msg = f"{path}: the cached record's file no longer loads"
        raise RuntimeError(msg)
    return document.root
