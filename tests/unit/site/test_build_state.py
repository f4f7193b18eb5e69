"""The state that lets a build be skipped: any input changed, or any output touched, means a build."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import time
from pathlib import Path

import pytest

from generator.site import build_state, tree_state
from generator.site.build_state import (
    InputState,
    input_roots,
    input_state,
    input_values,
    is_up_to_date,
    read_build_state,
    record_build,
    state_file,
)

REPO = Path(__file__).resolve().parents[3]
DAY = dt.date(2026, 11, 24)


def _roots(data: Path) -> tuple[str, ...]:
    return input_roots(data, REPO / "content", REPO / "themes" / "trust", None)


def _inputs(
    data: Path, as_of: dt.date = DAY, environment: dict[str, str] | None = None, previous: InputState | None = None
) -> InputState:
    return input_state(_roots(data), input_values(as_of, DAY, environment or {}), previous)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    return data


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file as if written long enough ago that a later change shows in its stat."""
    later = time.time_ns() + tree_state.RACY_NANOSECONDS + 1_000_000_000
    monkeypatch.setattr(tree_state.time, "time_ns", lambda: later)


def test_the_inputs_change_with_any_byte_date_or_setting(data: Path) -> None:
    first = _inputs(data)
    assert _inputs(data) == first
    assert _inputs(data, as_of=DAY + dt.timedelta(days=1)).values != first.values
    assert _inputs(data, environment={"TRUST_SITEURL": "https://example.org"}).values != first.values
    partner = data / "partners" / "acme-cloudworks" / "partner.yaml"
    partner.write_bytes(partner.read_bytes() + b"\n")
    assert _inputs(data).files != first.files


def test_the_inputs_are_not_read_while_their_trees_are_as_recorded(
    data: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _inputs(data)
    assert first.trees is not None
    reads: list[object] = []
    digest = build_state.files_digest

    def counted(roots: object) -> str:
        reads.append(roots)
        return digest(roots)  # type: ignore[arg-type]

    monkeypatch.setattr(build_state, "files_digest", counted)
    assert _inputs(data, previous=first) == first
    assert reads == []
    # A byte changed, with the file's size and modification time put back: read again, and seen.
    partner = data / "partners" / "acme-cloudworks" / "partner.yaml"
    status = partner.stat()
    raw = partner.read_bytes()
    partner.write_bytes(raw.replace(b"a", b"b", 1))
    os.utime(partner, ns=(status.st_atime_ns, status.st_mtime_ns))
    changed = _inputs(data, previous=first)
    assert len(reads) == 1
    assert changed.files != first.files
    # Another data directory is other trees.
    other = data.parent / "other"
    shutil.copytree(data, other)
    _inputs(other, previous=first)
    assert len(reads) == 2


def test_no_state_of_the_inputs_trees_while_a_file_is_new(data: Path) -> None:
    # Written within the last seconds: a change in the same tick of the clock could leave its stat the same.
    assert _inputs(data).trees is None


def test_an_output_is_up_to_date_only_untouched_and_for_the_same_inputs(tmp_path: Path, data: Path) -> None:
    output = tmp_path / "output"
    (output / "apps").mkdir(parents=True)
    (output / "apps" / "index.html").write_text("<p>apps</p>", encoding="utf-8")
    inputs = _inputs(data)
    record_build(output, inputs)
    assert is_up_to_date(output, inputs, read_build_state(output))
    assert not is_up_to_date(output, _inputs(data, as_of=DAY + dt.timedelta(days=1)), read_build_state(output))
    # The state lies beside the output, never in it (it is not published), and is rewritten only on a change.
    assert state_file(output) == tmp_path / ".output.trust-build-state.json"
    assert not list(output.glob(".*"))
    written = state_file(output).stat().st_mtime_ns
    record_build(output, inputs)
    assert state_file(output).stat().st_mtime_ns == written
    page = output / "apps" / "index.html"
    status = page.stat()
    page.write_text("<p>app!</p>", encoding="utf-8")
    os.utime(page, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert not is_up_to_date(output, inputs, read_build_state(output))


def test_a_check_that_read_the_same_inputs_again_keeps_their_state(
    tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / "output"
    output.mkdir()
    new = _inputs(data)
    assert new.trees is None
    record_build(output, new)
    later = time.time_ns() + tree_state.RACY_NANOSECONDS + 1_000_000_000
    monkeypatch.setattr(tree_state.time, "time_ns", lambda: later)
    state = read_build_state(output)
    assert state is not None
    now = _inputs(data, previous=state.inputs)
    assert now.trees is not None
    assert is_up_to_date(output, now, state)
    kept = read_build_state(output)
    assert kept is not None
    assert kept.inputs.trees == now.trees


def test_no_state_or_a_broken_one_means_a_build(tmp_path: Path, data: Path) -> None:
    output = tmp_path / "site"
    output.mkdir()
    inputs = _inputs(data)
    assert read_build_state(output) is None
    assert not is_up_to_date(output, inputs, None)
    for broken in ("{not json", "[]", json.dumps({"format": 1, "inputs": "x", "output": "y"})):
        state_file(output).write_text(broken, encoding="utf-8")
        assert read_build_state(output) is None


def test_an_output_removed_after_its_build_means_a_build(tmp_path: Path, data: Path) -> None:
    output = tmp_path / "site"
    output.mkdir()
    inputs = _inputs(data)
    record_build(output, inputs)
    state = read_build_state(output)
    assert is_up_to_date(output, inputs, state)
    shutil.rmtree(output)
    # Its state file is left beside it: the build runs again rather than failing on the missing directory.
    assert state_file(output).is_file()
    assert not is_up_to_date(output, inputs, state)
    output.mkdir()
    assert not is_up_to_date(output, inputs, state)
