"""The file index: a file is not read again only while its stat is what it was when a run read it; a change that
keeps its size and modification time, a file changed within the file system's clock tick, a link put in its
place, are all read again."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from generator.load import file_index, record_cache
from generator.load.cache import CACHE_SWITCH_VARIABLE
from generator.load.located import load_record
from generator.load.record_cache import ChangedWhileCheckedError, RecordCache
from generator.records.partner import App

REPO = Path(__file__).resolve().parents[3]
APP = REPO / "tests" / "fixtures" / "minimal" / "data" / "partners" / "tiny-corp" / "apps" / "tiny-app.yaml"


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every record file the record cache reads."""
    found: list[Path] = []
    read = record_cache._read_plain_file

    def counting(path: Path) -> Any:
        found.append(path)
        return read(path)

    monkeypatch.setattr(record_cache, "_read_plain_file", counting)
    return found


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files count as old enough to be known by their stat as soon as they are written (the tests' files are
    seconds old at most)."""
    monkeypatch.setattr(file_index, "RACY_NANOSECONDS", 0)


def _app(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "tiny-app.yaml"
    path.parent.mkdir(parents=True)
    shutil.copy(APP, path)
    return path


def _load(path: Path) -> Any:
    cache = RecordCache.open()
    assert cache is not None
    result = cache.load_record(path, App)
    cache.save()
    return result


def _same_length_change(path: Path) -> None:
    """Rewrite the file with other bytes of the same length, its modification time put back as it was."""
    before = path.stat()
    data = path.read_bytes()
    changed = data.replace(b"Tiny", b"Tidy", 1)
    assert changed != data
    assert len(changed) == len(data)
    path.write_bytes(changed)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert path.stat().st_mtime_ns == before.st_mtime_ns


@pytest.mark.usefixtures("cache_dir", "settled")
def test_a_file_known_by_its_stat_is_not_read(tmp_path: Path, reads: list[Path]) -> None:
    path = _app(tmp_path)

    cold = _load(path)
    warm = _load(path)

    assert reads == [path]
    assert warm[0].record == cold[0].record
    assert warm[1] == cold[1] == []
    # Its lines and tree are read again, from the same bytes, when a problem must point into it.
    assert warm[0].at(("name",), "code", "message") == load_record(path, App)[0].at(("name",), "code", "message")
    assert warm[0].document.lines == load_record(path, App)[0].document.lines


@pytest.mark.usefixtures("cache_dir", "settled")
def test_a_change_that_keeps_size_and_modification_time_is_read(tmp_path: Path, reads: list[Path]) -> None:
    path = _app(tmp_path)
    _load(path)
    # Past the file system clock's tick: the change time of the rewrite is another one.
    time.sleep(0.05)

    _same_length_change(path)
    located, _ = _load(path)

    assert reads == [path, path]
    assert located.record.name == load_record(path, App)[0].record.name
    assert "Tidy" in located.record.name


@pytest.mark.usefixtures("cache_dir")
def test_a_file_changed_within_the_racy_margin_is_not_remembered(
    tmp_path: Path, reads: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _app(tmp_path)
    first = os.lstat(path)
    _load(path)
    # A change in the same tick of a coarse clock: size, times and inode all as they were.
    _same_length_change(path)
    monkeypatch.setattr(file_index.os, "lstat", lambda _: first)

    located, _ = _load(path)

    assert reads == [path, path]
    assert "Tidy" in located.record.name


@pytest.mark.usefixtures("cache_dir", "settled")
def test_a_file_replaced_by_a_link_to_the_same_bytes_is_not_known(tmp_path: Path, reads: list[Path]) -> None:
    path = _app(tmp_path)
    _load(path)
    target = tmp_path / "elsewhere.yaml"
    shutil.copy(path, target)
    path.unlink()
    path.symlink_to(target)

    located, problems = _load(path)

    assert located is None
    assert [problem.code for problem in problems] == ["symlink"]


@pytest.mark.usefixtures("cache_dir", "settled")
def test_a_file_changed_after_its_stat_was_seen_is_not_quoted_from_other_bytes(tmp_path: Path) -> None:
    path = _app(tmp_path)
    _load(path)
    located, _ = _load(path)
    time.sleep(0.05)

    path.write_bytes(path.read_bytes() + b"# changed\n")

    with pytest.raises(ChangedWhileCheckedError, match="changed while it was being checked"):
        located.at(("name",), "code", "message")


@pytest.mark.usefixtures("cache_dir", "settled")
def test_the_index_is_kept_in_the_cache_directory_only_when_the_cache_is_on(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _app(tmp_path)
    _load(path)
    assert (cache_dir / f"{file_index.PACK}.pack").is_file()

    monkeypatch.setenv(CACHE_SWITCH_VARIABLE, "0")

    assert file_index.file_index() is None
    assert RecordCache.open() is None


@pytest.mark.usefixtures("cache_dir", "settled")
def test_a_damaged_index_is_ignored(tmp_path: Path, cache_dir: Path, reads: list[Path]) -> None:
    path = _app(tmp_path)
    _load(path)
    pack = cache_dir / f"{file_index.PACK}.pack"
    pack.write_bytes(pack.read_bytes()[:-5])
    file_index._INDEXES.clear()

    _load(path)
    _load(path)

    assert reads == [path, path]
