"""generator.search.stable_bundle: Pagefind's filter indexes rewritten in a stable order, and nothing else changed.

The files here are made the way Pagefind writes them (gzip of "pagefind_dcd" + CBOR); the real ones are checked by
tests/integration/test_search_index.py.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from generator.search.stable_bundle import (
    PREFIX,
    BundleFormatError,
    decode_item,
    encode_item,
    index_bytes,
    read_index,
    stabilize_bundle,
)

ENTRY = {"version": "1.5.2", "languages": {"en": {"hash": "en_0000000000", "wasm": "en", "page_count": 3}}}
PAGES = [["en_aaaaaaa", 10], ["en_bbbbbbb", 20], ["en_ccccccc", 30]]


def write_bundle(bundle: Path, filters: list[tuple[str, list[list[Any]]]]) -> None:
    """A bundle whose metadata lists `filters` (name, values) in the given order, each value as [value, pages]."""
    (bundle / "filter").mkdir(parents=True)
    listed = []
    for number, (name, values) in enumerate(filters):
        filter_hash = f"en_{number:07d}"
        (bundle / "filter" / f"{filter_hash}.pf_filter").write_bytes(index_bytes([name, values]))
        listed.append([name, filter_hash])
    meta = ["1.5.2", PAGES, [["a", "z", "en_ddddddd"]], listed, [["name", [2, 0, 1]]], ["kind", "title"]]
    (bundle / "pagefind.en_0000000000.pf_meta").write_bytes(index_bytes(meta))
    (bundle / "pagefind-entry.json").write_text(json.dumps(ENTRY, separators=(",", ":")), encoding="utf-8")


def files(bundle: Path) -> dict[str, bytes]:
    return {
        path.relative_to(bundle).as_posix(): path.read_bytes() for path in sorted(bundle.rglob("*")) if path.is_file()
    }


def meta_of(bundle: Path) -> Any:
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return read_index(bundle / f"pagefind.{entry['languages']['en']['hash']}.pf_meta")


TIER_VALUES = [["Silver", [2]], ["Gold", [0, 1]]]
KIND_VALUES = [["Partner", [0]], ["App", [1, 2]]]


@pytest.mark.parametrize(
    "item",
    [0, 23, 24, 255, 256, 65535, 65536, 2**32, "", "Gold", "é" * 30, b"\x00\x01", [], [1, [2, "x"]], list(range(300))],
)
def test_cbor_items_round_trip_in_their_shortest_form(item: Any) -> None:
    encoded = encode_item(item)
    assert decode_item(encoded, 0) == (item, len(encoded))


def test_the_cbor_heads_are_those_minicbor_writes() -> None:
    assert encode_item(23) == b"\x17"
    assert encode_item(24) == b"\x18\x18"
    assert encode_item(256) == b"\x19\x01\x00"
    assert encode_item("kind") == b"dkind"
    assert encode_item([1, "a"]) == b"\x82\x01aa"


def test_filters_and_their_values_are_sorted_and_renamed_by_content(tmp_path: Path) -> None:
    write_bundle(tmp_path, [("tier", TIER_VALUES), ("kind", KIND_VALUES)])
    stabilize_bundle(tmp_path)
    meta = meta_of(tmp_path)
    assert [name for name, _hash in meta[3]] == ["kind", "tier"]
    for name, filter_hash in meta[3]:
        path = tmp_path / "filter" / f"{filter_hash}.pf_filter"
        content = path.read_bytes()
        assert filter_hash == "en_" + hashlib.sha256(content).hexdigest()[:7]
        filter_name, values = read_index(path)
        assert filter_name == name
        assert [value for value, _pages in values] == sorted(value for value, _pages in values)
    assert read_index(tmp_path / "filter" / f"{meta[3][1][1]}.pf_filter") == ["tier", sorted(TIER_VALUES)]
    # Exactly one filter file per filter, and one metadata file: the old ones are gone.
    assert len(list((tmp_path / "filter").iterdir())) == 2
    assert len(list(tmp_path.glob("*.pf_meta"))) == 1


def test_everything_but_the_filters_is_kept(tmp_path: Path) -> None:
    write_bundle(tmp_path, [("tier", TIER_VALUES)])
    before = read_index(tmp_path / "pagefind.en_0000000000.pf_meta")
    stabilize_bundle(tmp_path)
    after = meta_of(tmp_path)
    assert [after[i] for i in (0, 1, 2, 4, 5)] == [before[i] for i in (0, 1, 2, 4, 5)]
    entry = json.loads((tmp_path / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] == 3
    assert entry["languages"]["en"]["hash"] != "en_0000000000"


def test_any_order_pagefind_writes_gives_the_same_bytes(tmp_path: Path) -> None:
    write_bundle(tmp_path / "one", [("tier", TIER_VALUES), ("kind", KIND_VALUES)])
    write_bundle(tmp_path / "two", [("kind", KIND_VALUES[::-1]), ("tier", TIER_VALUES[::-1])])
    assert files(tmp_path / "one") != files(tmp_path / "two")
    stabilize_bundle(tmp_path / "one")
    stabilize_bundle(tmp_path / "two")
    assert files(tmp_path / "one") == files(tmp_path / "two")


def test_stabilizing_twice_changes_nothing(tmp_path: Path) -> None:
    write_bundle(tmp_path, [("tier", TIER_VALUES), ("kind", KIND_VALUES)])
    stabilize_bundle(tmp_path)
    once = files(tmp_path)
    stabilize_bundle(tmp_path)
    assert files(tmp_path) == once


def test_written_files_are_gzip_without_a_timestamp(tmp_path: Path) -> None:
    content = index_bytes(["tier", TIER_VALUES])
    assert content[4:8] == b"\x00\x00\x00\x00"
    assert gzip.decompress(content).startswith(PREFIX)


# Named: a gzip header holds the time it was made, and every worker process must collect the same test ids.
@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(b"not gzip", "not a gzip file", id="not-gzip"),
        pytest.param(gzip.compress(b"other_prefix\x80"), "not a Pagefind index file", id="other-prefix"),
        # A CBOR map: Pagefind writes none, so this module could not write it back.
        pytest.param(gzip.compress(PREFIX + b"\xa1\x01\x02"), "unsupported CBOR major type 5", id="cbor-map"),
        # An integer in a longer form than needed: it would not be written back byte for byte.
        pytest.param(gzip.compress(PREFIX + b"\x18\x01"), "unexpected Pagefind index encoding", id="long-integer"),
        pytest.param(gzip.compress(PREFIX + b"\x82\x01"), "truncated CBOR item", id="truncated"),
    ],
)
def test_a_file_that_cannot_be_written_back_byte_for_byte_is_refused(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "en_1234567.pf_filter"
    path.write_bytes(content)
    with pytest.raises(BundleFormatError, match=message):
        read_index(path)


def test_an_unknown_metadata_layout_is_refused_and_nothing_is_rewritten(tmp_path: Path) -> None:
    write_bundle(tmp_path, [("tier", TIER_VALUES)])
    (tmp_path / "pagefind.en_0000000000.pf_meta").write_bytes(index_bytes(["1.5.2", PAGES]))
    before = files(tmp_path)
    with pytest.raises(BundleFormatError, match="unexpected Pagefind metadata layout"):
        stabilize_bundle(tmp_path)
    assert files(tmp_path) == before
