"""A cache pack: what a run put is read back by the next; a few changed entries are appended to the file read,
many dead ones make it written anew, and a pack another run replaced meanwhile is never appended to."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from generator.load.cache import load_entry, open_pack, pickle_entry


def _pack_path(cache_dir: Path) -> Path:
    return cache_dir / "test-entries.pack"


def _write(entries: dict[str, object]) -> None:
    pack = open_pack("test-entries")
    assert pack is not None
    for key, value in entries.items():
        pack.put(key, value)
    pack.save()


def _read(keys: list[str]) -> dict[str, object]:
    pack = open_pack("test-entries")
    assert pack is not None
    return {key: pack.get(key) for key in keys}


def _first_entries() -> dict[str, object]:
    return {f"key {number}": dt.date(2026, 1, 1) + dt.timedelta(days=number) for number in range(50)}


def test_a_few_changed_entries_are_appended_and_every_entry_reads_back(cache_dir: Path) -> None:
    entries = _first_entries()
    _write(entries)
    before = _pack_path(cache_dir).stat()
    pack = open_pack("test-entries")
    assert pack is not None
    for key in entries:  # a run uses every entry and changes two
        pack.get(key)
    pack.put("key 3", dt.date(2030, 3, 3))
    pack.put("a new key", dt.date(2031, 1, 1))
    pack.save()

    after = _pack_path(cache_dir).stat()
    assert after.st_ino == before.st_ino  # the same file, grown
    assert after.st_size > before.st_size
    expected = {**entries, "key 3": dt.date(2030, 3, 3), "a new key": dt.date(2031, 1, 1)}
    assert _read(list(expected)) == expected


def test_a_pack_of_mostly_dead_entries_is_written_anew(cache_dir: Path) -> None:
    entries = _first_entries()
    _write(entries)
    before = _pack_path(cache_dir).stat()
    # Every entry changed: the old ones are dead bytes, more than the live ones.
    changed = {key: dt.date(2040, 1, 1) for key in entries}
    _write(changed)

    after = _pack_path(cache_dir).stat()
    assert after.st_ino != before.st_ino
    assert after.st_size <= before.st_size + 16
    assert _read(list(changed)) == changed


def test_a_pack_replaced_since_it_was_read_is_not_appended_to(cache_dir: Path) -> None:
    _write(_first_entries())
    slow = open_pack("test-entries")
    assert slow is not None
    slow.put("slow run's key", dt.date(2027, 7, 7))
    # Another run saves meanwhile, writing the pack anew.
    _write({key: dt.date(2041, 1, 1) for key in _first_entries()})

    slow.save()

    # The slow run's pack is written whole: its own entries and the old ones it kept, nothing of a torn file.
    assert _read(["slow run's key", "key 0"]) == {"slow run's key": dt.date(2027, 7, 7), "key 0": dt.date(2026, 1, 1)}


def test_a_pack_damaged_after_an_append_is_ignored(cache_dir: Path) -> None:
    _write(_first_entries())
    _write({"another key": dt.date(2028, 8, 8)})
    path = _pack_path(cache_dir)
    path.write_bytes(path.read_bytes()[:-3])

    assert _read(["key 0", "another key"]) == {"key 0": None, "another key": None}


def test_entries_handed_back_by_workers_wait_on_disk_and_are_saved(cache_dir: Path, tmp_path: Path) -> None:
    # A new pack (written anew), then one appended to: both read back every entry put pickled.
    for round_number in range(2):
        pack = open_pack("test-entries")
        assert pack is not None
        handed_back = {f"round {round_number} key {n}": pickle_entry(dt.date(2026, 5, n + 1)) for n in range(20)}
        for key, data in handed_back.items():
            pack.put_pickled(key, data)
        # Not in memory: each waits in the spill file, an unnamed file beside the pack.
        assert not any(isinstance(data, bytes) for data in pack._used.values())
        assert all(key in pack for key in handed_back)
        pack.save()
        assert _read(list(handed_back)) == {key: load_entry(data) for key, data in handed_back.items()}
    assert sorted(path.name for path in cache_dir.iterdir()) == ["test-entries.pack"]


def test_a_forked_worker_spills_into_a_file_of_its_own(cache_dir: Path) -> None:
    pack = open_pack("test-entries")
    assert pack is not None
    pack.put_pickled("first", pickle_entry("the build's first entry"))
    ready_read, ready_write = os.pipe()
    worker = os.fork()
    if worker == 0:  # pragma: no cover (the forked worker)
        try:
            os.read(ready_read, 1)
            # Where the build's next entry went, had the worker written into the build's spill file.
            pack.put_pickled("the worker's", pickle_entry("w" * 4096))
        finally:
            os._exit(0)
    pack.put_pickled("second", pickle_entry("the build's second entry"))
    os.write(ready_write, b"go")
    os.waitpid(worker, 0)
    os.close(ready_read)
    os.close(ready_write)
    pack.save()
    assert _read(["first", "second"]) == {"first": "the build's first entry", "second": "the build's second entry"}
