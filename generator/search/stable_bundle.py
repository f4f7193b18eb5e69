"""Make Pagefind's bundle byte-stable: its filter indexes, written in hash-map order, are put in sorted order.

Pagefind 1.5 writes the same words, pages and fragments on every run, but lists each filter's values, and
the filters in its metadata, in the iteration order of a randomly seeded hash map (pagefind#638: "other files
will still change, such as the filter/metadata indexes"); no flag changes that. Two builds of the same site
would then publish different `filter/*.pf_filter`, `pagefind.<lang>_<hash>.pf_meta` and `pagefind-entry.json`.

Each of those files is gzip("pagefind_dcd" + CBOR). This module decodes them, sorts what came in hash order,
and writes them back under names made from their new content, as Pagefind names them. The order carries no
meaning for the search (values are looked up by name), so only the bytes change. Every file is first checked
to re-encode to exactly its own bytes: a Pagefind release that writes something else stops the build here
instead of publishing a damaged index.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import zlib
from pathlib import Path
from typing import Any

PREFIX = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"
# The fields of Pagefind's metadata index (pagefind/src/index/index_metadata.rs: MetaIndex).
META_FIELD_COUNT = 6
META_FILTERS = 3
# Lengths of the hexadecimal hashes in Pagefind's file names:
# filter/en_1234567.pf_filter, pagefind.en_1234567890.pf_meta.
FILTER_HASH_LENGTH = 7
META_HASH_LENGTH = 10
SMALL, ONE_BYTE, TWO_BYTES, FOUR_BYTES, EIGHT_BYTES = 24, 24, 25, 26, 27
UNSIGNED, BYTES, TEXT, ARRAY = 0, 2, 3, 4


class BundleFormatError(ValueError):
    """A Pagefind file this module does not know how to read back byte for byte."""


def decode_item(data: bytes, at: int) -> tuple[Any, int]:
    """One CBOR item of the kinds Pagefind writes (unsigned integers, strings, arrays) at `at`; and where it ends."""
    if at >= len(data):
        msg = "truncated CBOR item"
        raise BundleFormatError(msg)
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < SMALL:
        length = info
    elif info <= EIGHT_BYTES:
        size = 1 << (info - ONE_BYTE)
        length = int.from_bytes(data[at : at + size], "big")
        at += size
    else:
        msg = f"unsupported CBOR length encoding {info}"
        raise BundleFormatError(msg)
    if major == UNSIGNED:
        return length, at
    if major == BYTES:
        return data[at : at + length], at + length
    if major == TEXT:
        return data[at : at + length].decode("utf-8"), at + length
    if major == ARRAY:
        items = []
        for _ in range(length):
            item, at = decode_item(data, at)
            items.append(item)
        return items, at
    msg = f"unsupported CBOR major type {major}"
    raise BundleFormatError(msg)


def _head(major: int, length: int) -> bytes:
    """A CBOR head in its shortest form, as minicbor (Pagefind's encoder) writes it."""
    if length < SMALL:
        return bytes([major << 5 | length])
    for info in (ONE_BYTE, TWO_BYTES, FOUR_BYTES, EIGHT_BYTES):
        size = 1 << (info - ONE_BYTE)
        if length < 1 << (8 * size):
            return bytes([major << 5 | info]) + length.to_bytes(size, "big")
    msg = f"CBOR length too large: {length}"
    raise BundleFormatError(msg)


def encode_item(item: Any) -> bytes:
    """One CBOR item in the shortest form of each head: unsigned integers, byte and text strings, arrays."""
    if isinstance(item, bool) or item is None:
        msg = f"unsupported CBOR value {item!r}"
        raise BundleFormatError(msg)
    if isinstance(item, int):
        return _head(UNSIGNED, item)
    if isinstance(item, bytes):
        return _head(BYTES, len(item)) + item
    if isinstance(item, str):
        encoded = item.encode("utf-8")
        return _head(TEXT, len(encoded)) + encoded
    if isinstance(item, list):
        return _head(ARRAY, len(item)) + b"".join(encode_item(element) for element in item)
    msg = f"unsupported CBOR value {item!r}"
    raise BundleFormatError(msg)


def read_index(path: Path) -> Any:
    """Decode one gzipped Pagefind index file, checking that it would be written back byte for byte."""
    try:
        data = gzip.decompress(path.read_bytes())
    except (EOFError, gzip.BadGzipFile, zlib.error) as error:
        msg = f"{path}: not a gzip file ({error})"
        raise BundleFormatError(msg) from error
    if not data.startswith(PREFIX):
        msg = f"{path}: not a Pagefind index file"
        raise BundleFormatError(msg)
    item, end = decode_item(data, len(PREFIX))
    if end != len(data) or encode_item(item) != data[len(PREFIX) :]:
        msg = f"{path}: unexpected Pagefind index encoding"
        raise BundleFormatError(msg)
    return item


def index_bytes(item: Any) -> bytes:
    """A Pagefind index file's bytes: gzip without a timestamp, so the same content gives the same bytes."""
    return gzip.compress(PREFIX + encode_item(item), compresslevel=9, mtime=0)


def _short_hash(content: bytes, length: int) -> str:
    return hashlib.sha256(content).hexdigest()[:length]


def stabilize_bundle(bundle: Path) -> None:
    """Rewrite the filter indexes, the metadata index and the entry file of `bundle` in a stable order."""
    entry_path = bundle / ENTRY
    entry_text = entry_path.read_text(encoding="utf-8")
    entry = json.loads(entry_text)
    if _entry_text(entry) != entry_text:
        msg = f"{entry_path}: unexpected Pagefind entry format"
        raise BundleFormatError(msg)
    for language in entry["languages"].values():
        language["hash"] = _stabilize_language(bundle, language["hash"])
    entry_path.write_text(_entry_text(entry), encoding="utf-8")


def _entry_text(entry: Any) -> str:
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":"))


def _stabilize_language(bundle: Path, meta_hash: str) -> str:
    """Sort one language's filters and their values; return the new hash of its metadata index."""
    language = meta_hash.split("_", 1)[0]
    meta_path = bundle / f"pagefind.{meta_hash}.pf_meta"
    meta = read_index(meta_path)
    if not isinstance(meta, list) or len(meta) != META_FIELD_COUNT:
        msg = f"{meta_path}: unexpected Pagefind metadata layout"
        raise BundleFormatError(msg)
    # Read every filter index before writing any: a new name may be an old name still to be read.
    rewritten: dict[str, bytes] = {}
    old_paths = []
    filters = []
    for name, filter_hash in sorted(meta[META_FILTERS]):
        old_path = bundle / "filter" / f"{filter_hash}.pf_filter"
        filter_name, values = read_index(old_path)
        content = index_bytes([filter_name, sorted(values)])
        new_hash = f"{language}_{_short_hash(content, FILTER_HASH_LENGTH)}"
        if new_hash in rewritten:
            msg = f"{old_path}: two filter indexes of {language} would share the name {new_hash}"
            raise BundleFormatError(msg)
        rewritten[new_hash] = content
        old_paths.append(old_path)
        filters.append([name, new_hash])
    for old_path in old_paths:
        old_path.unlink()
    for new_hash, content in rewritten.items():
        (bundle / "filter" / f"{new_hash}.pf_filter").write_bytes(content)
    meta[META_FILTERS] = filters
    content = index_bytes(meta)
    new_meta_hash = f"{language}_{_short_hash(content, META_HASH_LENGTH)}"
    meta_path.unlink()
    (bundle / f"pagefind.{new_meta_hash}.pf_meta").write_bytes(content)
    return new_meta_hash
