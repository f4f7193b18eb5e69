"""The build's other files are written in batches bounded in files and in bytes."""

from __future__ import annotations

from generator.build import WRITE_BATCH, WRITE_BATCH_BYTES, file_batches


def test_small_files_go_in_batches_of_a_bounded_count() -> None:
    files = [(f"f/{n}.json", b"{}") for n in range(2 * WRITE_BATCH + 1)]
    batches = list(file_batches(iter(files)))
    assert [len(batch) for batch in batches] == [WRITE_BATCH, WRITE_BATCH, 1]
    assert [file for batch in batches for file in batch] == files


def test_large_files_end_a_batch_once_their_bytes_reach_the_bound() -> None:
    third = b"x" * (WRITE_BATCH_BYTES // 3 + 1)
    files = [(f"names/{n}.json", third) for n in range(7)]
    assert [len(batch) for batch in file_batches(iter(files))] == [3, 3, 1]


def test_kept_files_come_without_bytes_and_count_only_as_files() -> None:
    files = [("big.json", b"x" * WRITE_BATCH_BYTES), *((f"kept/{n}", None) for n in range(WRITE_BATCH + 1))]
    assert [len(batch) for batch in file_batches(iter(files))] == [1, WRITE_BATCH, 1]
    assert list(file_batches(iter([]))) == []
