"""Logos are published re-encoded: the bytes a partner committed never reach the site.

The hostile logos are in tests/fixtures/hostile/logos/: a PNG with a script in a text chunk, a PNG with HTML
after its end, a JPEG with GPS coordinates in its EXIF data.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import shutil
import time
from pathlib import Path

import pytest
from PIL import Image

from generator.build import gather
from generator.checks import logos
from generator.checks.logos import PUBLISHED_SIDE, logo_problem, published_logo
from generator.load import file_index
from generator.load.cache import CACHE_DIRECTORY_VARIABLE
from generator.outputs import logo_files

REPO = Path(__file__).resolve().parents[3]
HOSTILE = REPO / "tests" / "fixtures" / "hostile" / "logos"
LOGOS = sorted(HOSTILE.iterdir())
AS_OF = dt.date(2026, 11, 24)
# What none of the published bytes may hold.
SMUGGLED = (b"<script", b"<html", b"Exif", b"GPS", b"HostileCam", b"tEXt", b"iTXt", b"zTXt")


@pytest.mark.parametrize("path", LOGOS, ids=lambda path: path.name)
def test_a_hostile_logo_passes_the_checks_but_is_published_clean(path: Path) -> None:
    assert logo_problem(path) is None  # each is a valid image: only its extra bytes are hostile

    logo = published_logo(path)

    assert logo.data != path.read_bytes()
    assert not any(marker in logo.data for marker in SMUGGLED)
    with Image.open(io.BytesIO(logo.data)) as image:
        assert image.format == "PNG"
        assert max(image.size) <= PUBLISHED_SIDE
        assert not image.getexif()
        assert set(image.info) <= {"dpi", "gamma"}
    # The PNG ends where its IEND chunk does.
    assert logo.data.endswith(b"IEND\xae\x42\x60\x82")
    assert logo.file_name == f"logo-{hashlib.sha256(logo.data).hexdigest()[:16]}.png"


def test_a_small_logo_keeps_its_size_and_a_wide_one_its_shape(tmp_path: Path) -> None:
    Image.new("RGB", (64, 64), "white").save(tmp_path / "small.png")
    Image.new("RGB", (1000, 500), "white").save(tmp_path / "wide.png")
    with Image.open(io.BytesIO(published_logo(tmp_path / "small.png").data)) as small:
        assert small.size == (64, 64)
    with Image.open(io.BytesIO(published_logo(tmp_path / "wide.png").data)) as wide:
        assert wide.size == (PUBLISHED_SIDE, PUBLISHED_SIDE // 2)


@pytest.mark.parametrize("path", LOGOS, ids=lambda path: path.name)
def test_the_site_publishes_a_hostile_logo_re_encoded_under_its_content_hash(path: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    partner = data / "partners" / "acme-cloudworks"
    (partner / "logo.png").unlink()
    shutil.copyfile(path, partner / path.name)
    profile = partner / "partner.yaml"
    profile.write_text(
        profile.read_text(encoding="utf-8").replace("logo: logo.png\n", f"logo: {path.name}\n"), encoding="utf-8"
    )

    files = logo_files(gather(data, AS_OF))

    committed = {p.read_bytes() for p in data.glob("partners/*/*") if p.suffix in (".png", ".jpg", ".webp")}
    assert not committed & set(files.values())
    (acme,) = (name for name in files if name.startswith("partners/acme-cloudworks/"))
    assert acme.removeprefix("partners/acme-cloudworks/").startswith("logo-")
    assert not any(marker in files[acme] for marker in SMUGGLED)


def test_a_logo_known_by_its_stat_is_not_read_again_and_a_changed_one_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_DIRECTORY_VARIABLE, str(tmp_path / "cache"))
    monkeypatch.setattr(file_index, "RACY_NANOSECONDS", 0)
    reads: list[Path] = []
    read = file_index.read_plain_file

    def counting(path: Path) -> object:
        reads.append(path)
        return read(path)

    monkeypatch.setattr(file_index, "read_plain_file", counting)
    path = tmp_path / "logo.png"
    Image.new("RGB", (64, 64), "white").save(path)

    def run() -> str | None:
        # Each as a command would: its own packs and file index, read from the cache directory.
        monkeypatch.setattr(logos, "_PACKS", {})
        monkeypatch.setattr(file_index, "_INDEXES", {})
        problem = logo_problem(path)
        logos.save_logo_cache()
        return problem

    assert run() is None
    assert run() is None
    assert reads == [path]
    # The same length, other bytes: no longer a PNG, whatever its stat says of its size and modification time.
    time.sleep(0.05)
    before = path.stat()
    path.write_bytes(b"x" * before.st_size)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))

    assert run() == "expected a readable PNG image (got a file that does not decode as one)"
    assert reads == [path, path]
