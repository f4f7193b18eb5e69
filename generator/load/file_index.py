"""What each file's bytes digested to when a run last read them, by the file's identity and stat, as git's index
does: a file whose stat is what it was when it was read is not read and digested again.

An entry is a file's identity (device and inode) and what its stat said when it was opened, before its bytes
were read (size, modification and change times to the nanosecond, type and permissions), with the digest of
the bytes read. A later run trusts the digest only when the file's stat is the same in every one of these. The
change time is the kernel's: nothing a user runs can set it back, so a file written again with its size and
modification time restored (`touch -d`, `cp -p`, `git checkout` within a second) is still read again.

A file written in the same tick of the file system's clock as the run that read it could change again with its
stat unchanged ("racy git"): an entry is made only for a file whose modification and change times are older
than the run by more than `RACY_NANOSECONDS`, which covers file systems that keep times to the second or two
(FAT) and clocks that trail the system's; a newer file is read again next time. The index lives in the cache
directory (`load/cache.py`) as one sealed pack entry; when the cache is off there is none, and every file is
read.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from collections.abc import Mapping
from pathlib import Path

from generator.load.cache import CACHE_DIRECTORY_VARIABLE, CACHE_SWITCH_VARIABLE, CachePack, open_pack
from generator.load.strict_yaml import MAX_FILE_BYTES

PACK = "files"
# The one entry of the pack: the index of every file read, by identity. Named by its format.
_ENTRY = "file index 1"
RACY_NANOSECONDS = 5_000_000_000
# (device, inode) -> (size, modification time, change time, mode, digest of the bytes)
Identity = tuple[int, int]
Entry = tuple[int, int, int, int, str]


def content_digest(raw: bytes) -> str:
    """The digest of a file's bytes."""
    return hashlib.blake2b(raw, digest_size=20).hexdigest()


def read_plain_file(path: Path) -> tuple[bytes, os.stat_result] | None:
    """The bytes of a regular file of at most MAX_FILE_BYTES, not reached through a link, and its stat taken before
    they were read; None otherwise."""
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
    return (raw, found) if len(raw) <= MAX_FILE_BYTES else None


class FileIndex:
    """The digests of the files earlier runs read, by identity and stat; and those this run reads."""

    def __init__(self, pack: CachePack) -> None:
        self._pack = pack
        known = pack.get(_ENTRY)
        self._known: dict[Identity, Entry] = known if isinstance(known, dict) else {}
        self._used: dict[Identity, Entry] = {}
        self._changed = False

    def known_digest(self, path: Path, found: os.stat_result | None = None) -> str | None:
        """The digest of the file's bytes when an earlier run read it and its stat has not changed since; None
        otherwise (a link is never known: links are not read). `found`: the file's stat, not following links,
        when this run has just taken it."""
        if found is None:
            try:
                found = os.lstat(path)
            except OSError:
                return None
        identity = (found.st_dev, found.st_ino)
        entry = self._known.get(identity)
        if (
            type(entry) is not tuple
            or len(entry) != 5
            or entry[:4] != (found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_mode)
            or type(entry[4]) is not str
        ):
            return None
        self._used[identity] = entry
        return entry[4]

    def remember(self, raw: bytes, found: os.stat_result) -> str:
        """The digest of bytes read from a file whose stat, taken before reading, was `found`; remembered for the
        next run unless the file changed too recently to tell a later change by its stat."""
        digest = content_digest(raw)
        # The clock is read after the bytes were, by far less than the margin.
        if max(found.st_mtime_ns, found.st_ctime_ns) < time.time_ns() - RACY_NANOSECONDS:
            identity = (found.st_dev, found.st_ino)
            entry = (found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_mode, digest)
            if self._known.get(identity) != entry:
                self._changed = True
            self._used[identity] = entry
        return digest

    def read(self, path: Path) -> tuple[bytes, str] | None:
        """A plain file's bytes (see `read_plain_file`) and their digest, remembered for the next run."""
        read = read_plain_file(path)
        if read is None:
            return None
        raw, found = read
        return raw, self.remember(raw, found)

    def save(self) -> None:
        """Keep the entries of the files this run saw, and older ones up to a bound, when this run changed any."""
        if not self._changed:
            return
        kept = dict(self._used)
        room = 2 * len(self._used) + 4096
        for identity, entry in self._known.items():
            if len(kept) >= room:
                break
            kept.setdefault(identity, entry)
        self._pack.put(_ENTRY, kept)
        self._pack.save()
        self._known = kept
        self._changed = False


# One index per process and cache setting: the record cache and the logo checks read the same files' entries.
_INDEXES: dict[tuple[str | None, str | None], FileIndex | None] = {}


def file_index(environment: Mapping[str, str] = os.environ) -> FileIndex | None:
    """The file index of the cache directory, opened once per process; None when the cache is off."""
    settings = (environment.get(CACHE_SWITCH_VARIABLE), environment.get(CACHE_DIRECTORY_VARIABLE))
    if settings not in _INDEXES:
        pack = open_pack(PACK, environment)
        _INDEXES[settings] = None if pack is None else FileIndex(pack)
    return _INDEXES[settings]
