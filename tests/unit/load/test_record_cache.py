"""The record cache: a file's record and problems come back from the cache only for the very same bytes, kind and
code; a damaged or hostile cache is ignored and made again; the cache can be turned off."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path
from typing import Any

import pytest

from generator.load import cache, record_cache
from generator.load.cache import CACHE_DIRECTORY_VARIABLE, CACHE_SWITCH_VARIABLE, cache_directory, open_pack
from generator.load.catalog import load_records
from generator.load.located import Located, load_record
from generator.load.problems import Problem
from generator.load.record_cache import RecordCache
from generator.records.evidence import Verification
from generator.records.partner import App, Partner

REPO = Path(__file__).resolve().parents[3]
MINIMAL = REPO / "tests" / "fixtures" / "minimal" / "data"
# A verification record with one ambiguous scalar and two values the model refuses: problems to restore.
VERIFICATION = """\
partner: tiny-corp
caiq_lite:
  - grade: gren
    assessed_on: 2026-02-10
apps:
  tiny-app:
    vulnerability_scans:
      - scanned_on: 2026-11-02
        result: pased
        scanner: Example Scanner 4
"""


def _cache() -> RecordCache:
    cache = RecordCache.open()
    assert cache is not None
    return cache


def _load_and_save(path: Path, model: type[Any]) -> tuple[Located[Any] | None, list[Problem]]:
    cache = _cache()
    result = cache.load_record(path, model)
    cache.save()
    return result


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record every file the cache had to parse and validate itself."""
    parsed: list[Path] = []
    parse = record_cache.record_from_bytes

    def counting(raw: bytes, path: Path, model: type[Any]) -> Any:
        parsed.append(path)
        return parse(raw, path, model)

    monkeypatch.setattr(record_cache, "record_from_bytes", counting)
    return parsed


def _app(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "tiny-app.yaml"
    path.parent.mkdir(parents=True)
    shutil.copy(MINIMAL / "partners" / "tiny-corp" / "apps" / "tiny-app.yaml", path)
    return path


def test_the_same_bytes_are_not_parsed_again(cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _app(tmp_path)
    fresh = load_record(path, App)
    parsed = _count_parses(monkeypatch)

    cold = _load_and_save(path, App)
    warm = _load_and_save(path, App)

    assert parsed == [path]
    assert cold[0] is not None
    assert warm[0] is not None
    assert fresh[0] is not None
    assert warm[0].record == fresh[0].record
    assert warm[0].document.lines == fresh[0].document.lines
    assert warm[1] == fresh[1] == []
    # The restored document points where the parsed one does: its tree is composed again when asked for.
    assert warm[0].at(("name",), "code", "message") == fresh[0].at(("name",), "code", "message")


def test_a_file_with_problems_gets_the_same_problems_back(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "tiny-corp.yaml"
    path.write_text(VERIFICATION, encoding="utf-8")
    fresh = load_record(path, Verification)
    parsed = _count_parses(monkeypatch)

    _load_and_save(path, Verification)
    warm = _load_and_save(path, Verification)

    assert len(parsed) == 1
    assert fresh[1]
    assert warm == fresh


def test_the_same_bytes_elsewhere_are_placed_where_they_are(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = tmp_path / "one" / "tiny-corp.yaml"
    second = tmp_path / "two" / "tiny-corp.yaml"
    for path in (first, second):
        path.parent.mkdir()
        path.write_text(VERIFICATION, encoding="utf-8")
    parsed = _count_parses(monkeypatch)

    _load_and_save(first, Verification)
    _, problems = _load_and_save(second, Verification)

    assert parsed == [first]
    assert problems == load_record(second, Verification)[1]
    assert {problem.location.path for problem in problems if problem.location} == {second}


@pytest.mark.parametrize("change", [b"# a comment\n", b" "])
def test_any_byte_changed_is_a_miss(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: bytes
) -> None:
    path = _app(tmp_path)
    parsed = _count_parses(monkeypatch)
    _load_and_save(path, App)

    path.write_bytes(path.read_bytes() + change)
    located, problems = _load_and_save(path, App)

    assert parsed == [path, path]
    fresh, fresh_problems = load_record(path, App)
    assert located is not None
    assert fresh is not None
    assert (located.record, problems) == (fresh.record, fresh_problems)


def test_another_record_kind_is_a_miss(cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _app(tmp_path)
    parsed = _count_parses(monkeypatch)

    _load_and_save(path, App)
    located, problems = _load_and_save(path, Partner)

    assert parsed == [path, path]
    assert located is None
    assert problems == load_record(path, Partner)[1]


def test_a_code_change_is_a_miss(cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _app(tmp_path)
    parsed = _count_parses(monkeypatch)
    _load_and_save(path, App)

    monkeypatch.setattr(record_cache, "code_fingerprint", lambda: "another version of the code")
    _load_and_save(path, App)

    assert parsed == [path, path]


def _pack_file(cache_dir: Path) -> Path:
    return cache_dir / f"{record_cache.PACK}.pack"


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[:-7], id="truncated"),
        # The entries follow the format line; the index, its length and its seal (28 bytes) end the file.
        pytest.param(lambda data: data[:30] + b"\xff" + data[31:], id="entry-bytes-changed"),
        pytest.param(lambda data: data[:-30] + b"\xff" + data[-29:], id="index-changed"),
        pytest.param(lambda data: b"not a pack at all", id="another-file"),
        pytest.param(lambda data: b"", id="empty"),
    ],
)
def test_a_damaged_pack_is_ignored_and_made_again(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: Any
) -> None:
    path = _app(tmp_path)
    _load_and_save(path, App)
    pack = _pack_file(cache_dir)
    pack.write_bytes(damage(pack.read_bytes()))
    parsed = _count_parses(monkeypatch)

    located, _ = _load_and_save(path, App)
    again = _load_and_save(path, App)

    assert parsed == [path]
    fresh = load_record(path, App)[0]
    assert located is not None
    assert fresh is not None
    assert located.record == fresh.record
    assert again[0] is not None
    assert again[0].record == located.record


class _Hostile:
    """Unpickles into a call of os.system: what a planted cache entry would try."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (os.system, (f"touch {self.marker}",))


def test_an_entry_that_names_other_code_is_refused(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _app(tmp_path)
    _load_and_save(path, App)
    marker = tmp_path / "ran"
    # Every entry of the pack replaced by one that would run a command, checksums and all.
    pack = open_pack(record_cache.PACK)
    assert pack is not None
    for key in list(pack._index):
        pack._used[key] = pickle.dumps(_Hostile(marker))
    pack._changed = True
    pack.save()
    parsed = _count_parses(monkeypatch)

    located, _ = _load_and_save(path, App)

    assert not marker.exists()
    assert parsed == [path]
    assert located is not None


def test_a_pack_sealed_elsewhere_is_not_read(cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _app(tmp_path)
    _load_and_save(path, App)
    # Another machine's key (or a pack that came with a checkout or a restored CI cache).
    monkeypatch.setattr(cache, "machine_secret", lambda _: bytes(range(32)))
    parsed = _count_parses(monkeypatch)

    _load_and_save(path, App)

    assert parsed == [path]


def test_the_secret_is_made_once_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "trust-pages" / "cache-key"

    made = cache.machine_secret.__wrapped__(path)
    again = cache.machine_secret.__wrapped__(path)

    assert made is not None
    assert len(made) == 32
    assert again == made
    assert path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["cache-key"]


def test_the_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_DIRECTORY_VARIABLE, str(tmp_path / "cache"))
    monkeypatch.setenv(CACHE_SWITCH_VARIABLE, "0")

    loaded = load_records(MINIMAL)

    assert cache_directory() is None
    assert RecordCache.open() is None
    assert open_pack("records") is None
    assert loaded.digests == {}
    assert not (tmp_path / "cache").exists()


def test_a_data_root_loads_the_same_with_and_without_the_cache(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_SWITCH_VARIABLE, "0")
    without = load_records(MINIMAL)
    monkeypatch.delenv(CACHE_SWITCH_VARIABLE)
    cold = load_records(MINIMAL)
    warm = load_records(MINIMAL)

    for loaded in (cold, warm):
        assert [(o, p.record) for o, p in loaded.partners] == [(o, p.record) for o, p in without.partners]
        assert [(o, a.record) for o, a in loaded.apps] == [(o, a.record) for o, a in without.apps]
        assert [v.record for _, v in loaded.verifications] == [v.record for _, v in without.verifications]
        assert loaded.problems == without.problems
        assert loaded.policy is not None
        assert without.policy is not None
        assert loaded.policy.record == without.policy.record
    assert set(warm.digests) == set(cold.digests)
    assert len(warm.digests) == 6


@pytest.mark.parametrize("keep_documents", [True, False])
def test_files_parsed_in_worker_processes_load_as_in_one_and_are_remembered(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keep_documents: bool
) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    # A file with problems: its problems come back from the worker, placed in the file.
    (data / "verifications" / "tiny-corp.yaml").write_text(VERIFICATION, encoding="utf-8")
    monkeypatch.setenv(CACHE_SWITCH_VARIABLE, "0")
    one = load_records(data)
    monkeypatch.delenv(CACHE_SWITCH_VARIABLE)
    parsed = _count_parses(monkeypatch)
    two = load_records(data, keep_documents=keep_documents, processes=2)

    # Parsed in the workers: this process parsed none of them.
    assert parsed == []
    assert [(o, p.record) for o, p in two.partners] == [(o, p.record) for o, p in one.partners]
    assert [(o, a.record) for o, a in two.apps] == [(o, a.record) for o, a in one.apps]
    assert two.problems == one.problems != []
    owner, app = two.apps[0]
    assert app.at(("name",), "code", "message") == dict(one.apps)[owner].at(("name",), "code", "message")
    # Handed back as the cache keeps them: a second load parses nothing.
    again = load_records(data, keep_documents=keep_documents, processes=2)
    assert parsed == []
    assert again.problems == one.problems
    assert again.digests == two.digests


@pytest.mark.parametrize("last", ["a" * 40, b"\x00bytes", ""])
def test_a_key_digested_after_its_first_parts_is_the_same_key(last: str | bytes) -> None:
    keyed = cache.digest_after("fingerprint", "App")

    assert keyed(last) == cache.digest("fingerprint", "App", last)
    assert keyed(last) != cache.digest("fingerprint", "Partner", last)
