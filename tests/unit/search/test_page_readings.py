"""What each page gave the search index when it was last read, and each bundle file's hash, remembered by its
file's state."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from generator.search import index_source
from generator.search.index_source import FileHashes, PageReadings, intact

PAGE = (
    '<html lang="en"><head><title>{name}</title></head><body><main data-pagefind-body>'
    '<h1 data-pagefind-sort="name:{name}">{name}</h1></main></body></html>'
)


def cache(tmp_path: Path) -> dict[str, str]:
    return {"TRUST_CACHE_DIR": str(tmp_path / "cache"), "XDG_CACHE_HOME": str(tmp_path / "home")}


def site_with(tmp_path: Path, *names: str) -> Path:
    site = tmp_path / "site"
    for name in names:
        (site / name).mkdir(parents=True, exist_ok=True)
        (site / name / "index.html").write_text(PAGE.format(name=name), encoding="utf-8")
    return site


def read(site: Path, environment: dict[str, str]) -> tuple[list[str], list[tuple[str, bytes, str | None]]]:
    """The pages read from their files this time, and what every page gave."""
    readings = PageReadings(site, environment)
    opened: list[str] = []

    def spy(path: str) -> bytes:
        opened.append(Path(path).relative_to(site).as_posix())
        return original(path)

    original = index_source.read_page
    index_source.read_page = spy
    try:
        pages = index_source.indexed_pages(site, "pagefind", readings)
    finally:
        index_source.read_page = original
    readings.save()
    return opened, [(page.path, page.digest, page.sort_name) for page in pages]


def test_only_pages_written_since_the_last_reading_are_read_again(tmp_path: Path) -> None:
    site = site_with(tmp_path, "acme", "globex", "hooli")
    environment = cache(tmp_path)
    opened, first = read(site, environment)
    assert opened == ["acme/index.html", "globex/index.html", "hooli/index.html"]
    opened, again = read(site, environment)
    assert (opened, again) == ([], first)
    # The same size and modification time put back: the change time still tells.
    page = site / "globex" / "index.html"
    status = page.stat()
    page.write_text(PAGE.format(name="glebex"), encoding="utf-8")
    os.utime(page, ns=(status.st_atime_ns, status.st_mtime_ns))
    opened, changed = read(site, environment)
    assert opened == ["globex/index.html"]
    assert changed[1][2] == "glebex"
    assert changed[1] != first[1]
    # A page linked elsewhere (as a bundle's scratch directory does) after it was read is still the same page.
    readings = PageReadings(site, environment)
    index_source.indexed_pages(site, "pagefind", readings)
    os.link(site / "acme" / "index.html", tmp_path / "link.html")
    (tmp_path / "link.html").unlink()
    readings.save()
    assert read(site, environment)[0] == []


def test_with_the_cache_off_every_page_is_read(tmp_path: Path) -> None:
    site = site_with(tmp_path, "acme", "globex")
    environment = {**cache(tmp_path), "TRUST_CACHE": "0"}
    read(site, environment)
    assert read(site, environment)[0] == ["acme/index.html", "globex/index.html"]


def test_a_bundle_file_is_hashed_again_only_when_it_was_touched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = tmp_path / "pagefind"
    bundle.mkdir()
    (bundle / "a.pf_meta").write_bytes(b"first")
    (bundle / "b.pf_meta").write_bytes(b"second")
    environment = cache(tmp_path)
    recorded = {"a.pf_meta": hashlib.sha256(b"first").hexdigest(), "b.pf_meta": hashlib.sha256(b"second").hexdigest()}
    hashed: list[str] = []
    original = index_source._sha256

    def spy(path: Path | str) -> str:
        hashed.append(Path(path).name)
        return original(path)

    monkeypatch.setattr(index_source, "_sha256", spy)

    def check() -> bool:
        hashes = FileHashes(bundle, environment)
        found = intact(bundle, recorded, hashes)
        hashes.save()
        return found

    assert check()
    assert hashed == ["a.pf_meta", "b.pf_meta"]
    hashed.clear()
    assert check()
    assert hashed == []
    # Other bytes of the same size, the modification time put back: the change time still tells.
    status = (bundle / "b.pf_meta").stat()
    (bundle / "b.pf_meta").write_bytes(b"SECOND")
    os.utime(bundle / "b.pf_meta", ns=(status.st_atime_ns, status.st_mtime_ns))
    assert not check()
    assert hashed == ["b.pf_meta"]
    (bundle / "a.pf_meta").unlink()
    assert not check()
