"""Pages rendered in worker processes are the bytes of a one-process build."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pelican import Pelican
from pelican.settings import read_settings

from generator.parallel import process_count as shared_process_count
from generator.parallel import run_in_processes, started_in_process
from generator.pelican_plugin.page_processes import MIN_PAGES_FOR_WORKERS, process_count

REPO = Path(__file__).resolve().parents[2]
AS_OF = "2026-11-24"


def build(output: Path, processes: int) -> Path:
    override = {
        "OUTPUT_PATH": str(output),
        "TRUST_DATA_PATH": str(REPO / "data"),
        "TRUST_AS_OF": AS_OF,
        "TRUST_BUILD_PROCESSES": processes,
    }
    Pelican(read_settings(str(REPO / "pelicanconf.py"), override=override)).run()
    return output


def contents(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def test_a_build_on_three_processes_writes_the_bytes_of_a_build_on_one(tmp_path: Path) -> None:
    one = contents(build(tmp_path / "one", 1))
    three = contents(build(tmp_path / "three", 3))
    assert len(one) > 500
    assert one.keys() == three.keys()
    assert [path for path in one if one[path] != three[path]] == []


def test_the_process_count_is_forced_by_the_setting_or_the_environment_else_the_cores() -> None:
    many = MIN_PAGES_FOR_WORKERS * 2
    assert process_count({}, {}, MIN_PAGES_FOR_WORKERS - 1) == 1
    assert process_count({}, {}, many) >= 1
    assert process_count({"TRUST_BUILD_PROCESSES": 3}, {}, 10) == 3
    assert process_count({"TRUST_BUILD_PROCESSES": 3}, {"TRUST_BUILD_PROCESSES": "1"}, many) == 1


def test_an_error_in_a_worker_stops_the_run(tmp_path: Path) -> None:
    def fail_on_seven(item: int) -> None:
        if item == 7:
            msg = "page seven"
            raise ValueError(msg)
        (tmp_path / str(item)).write_text("done", encoding="utf-8")

    with pytest.raises(ValueError, match="page seven"):
        list(run_in_processes(fail_on_seven, range(200), 2))


def test_the_results_come_back_in_the_items_order_batch_by_batch() -> None:
    results = run_in_processes(abs, range(0, -300, -1), 2)
    assert next(results) == 0  # the first batch back, the others still under way
    assert list(results) == list(range(1, 300))


def test_a_task_started_in_a_process_runs_beside_this_one_and_hands_back_its_result_or_error() -> None:
    with started_in_process(os.getpid) as elsewhere:
        here = os.getpid()
    assert elsewhere.result() != here

    def fail() -> None:
        msg = "the index is on fire"
        raise RuntimeError(msg)

    with started_in_process(fail) as failing, pytest.raises(RuntimeError, match="on fire"):
        failing.result()


def test_a_stage_shares_its_items_among_the_cores_only_when_there_are_enough_unless_told() -> None:
    assert shared_process_count(None, 63, 64) == 1
    assert shared_process_count(None, 64, 64) >= 1
    assert shared_process_count(3, 1, 64) == 3
