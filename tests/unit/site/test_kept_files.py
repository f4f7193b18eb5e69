"""Each partner's other files kept from the last build: their keys, and when they are kept."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest

from generator.build import gather
from generator.site.kept_files import KeptPartnerFiles, partner_file_keys
from generator.views.page_models import AppView, PartnerView
from generator.views.view_digests import ViewDigests

ACME = cast(PartnerView, SimpleNamespace(id="acme"))
GLOBEX = cast(PartnerView, SimpleNamespace(id="globex"))
FILES = {"acme": ("api/v1/partners/acme.json", "feeds/apps/acme-sync.atom.xml"), "globex": ("api/v1/g.json",)}


def cache(tmp_path: Path, home: str = "home") -> dict[str, str]:
    return {"TRUST_CACHE_DIR": str(tmp_path / "cache"), "XDG_CACHE_HOME": str(tmp_path / home)}


def first_build(output: Path, environment: dict[str, str], keys: dict[str, str | None]) -> None:
    """What a build does: the partners' files made and written, then remembered."""
    kept = KeptPartnerFiles.open(output, keys, environment)
    for partner in (ACME, GLOBEX):
        assert kept.unchanged(partner) is None
        for path in FILES[partner.id]:
            (output / path).parent.mkdir(parents=True, exist_ok=True)
            (output / path).write_text(path, encoding="utf-8")
        kept.made(partner, FILES[partner.id])
    kept.save()


def test_a_partners_files_are_kept_for_its_own_key_and_untouched_files(tmp_path: Path) -> None:
    output = tmp_path / "site"
    environment = cache(tmp_path)
    first_build(output, environment, {"acme": "a1", "globex": "g1"})

    kept = KeptPartnerFiles.open(output, {"acme": "a1", "globex": "g2"}, environment)
    assert kept.unchanged(ACME) == FILES["acme"]
    # Another key: something its files are made from changed.
    assert kept.unchanged(GLOBEX) is None
    assert kept.tally == (1, 1)
    # The same bytes written again, the modification time put back: the change time still tells.
    feed = output / FILES["acme"][1]
    before = feed.stat()
    feed.write_text(FILES["acme"][1], encoding="utf-8")
    os.utime(feed, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert KeptPartnerFiles.open(output, {"acme": "a1"}, environment).unchanged(ACME) is None
    # A partner without a key (its files did not come through the record cache) is always made.
    assert KeptPartnerFiles.open(output, {"acme": None}, environment).unchanged(ACME) is None
    # Another output directory remembers nothing of this one's.
    assert KeptPartnerFiles.open(tmp_path / "other", {"acme": "a1"}, environment).unchanged(ACME) is None


def test_a_missing_file_makes_its_partners_files_again(tmp_path: Path) -> None:
    output = tmp_path / "site"
    environment = cache(tmp_path)
    first_build(output, environment, {"acme": "a1", "globex": "g1"})
    (output / FILES["acme"][0]).unlink()
    kept = KeptPartnerFiles.open(output, {"acme": "a1", "globex": "g1"}, environment)
    assert kept.unchanged(ACME) is None
    assert kept.unchanged(GLOBEX) == FILES["globex"]


def test_nothing_is_kept_with_the_cache_off_or_a_record_planted_by_someone_else(tmp_path: Path) -> None:
    output = tmp_path / "site"
    first_build(output, cache(tmp_path, "elsewhere"), {"acme": "a1", "globex": "g1"})
    assert KeptPartnerFiles.open(output, {"acme": "a1"}, cache(tmp_path)).unchanged(ACME) is None
    first_build(output, cache(tmp_path), {"acme": "a1", "globex": "g1"})
    off = {**cache(tmp_path), "TRUST_CACHE": "0"}
    assert KeptPartnerFiles.open(output, {"acme": "a1"}, off).unchanged(ACME) is None
    assert KeptPartnerFiles.open(output, {"acme": "a1"}, cache(tmp_path)).unchanged(ACME) == FILES["acme"]


def test_a_partners_key_changes_with_its_own_files_and_with_what_every_partner_shares(
    tmp_path: Path, demo_data: Path, as_of: dt.date, cache_dir: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(demo_data, data)

    def keys(day: dt.date = as_of, settings: str = "site") -> dict[str, str | None]:
        return partner_file_keys(gather(data, day), settings, ViewDigests((AppView, PartnerView)))

    before = keys()
    assert len(before) > 5
    assert all(before.values())
    assert keys() == before
    app = data / "partners" / "globex-integrations" / "apps" / "globex-ledger.yaml"
    app.write_text(app.read_text(encoding="utf-8").replace("description: |\n", "description: |\n  New.\n\n", 1))
    after = keys()
    assert {partner for partner in before if before[partner] != after[partner]} == {"globex-integrations"}
    # Another date, other settings: every partner's files are made again.
    assert not set(keys(as_of + dt.timedelta(days=1)).values()) & set(after.values())
    assert not set(keys(settings="another address").values()) & set(after.values())


def test_with_the_cache_off_no_partner_has_a_key(
    demo_data: Path, as_of: dt.date, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRUST_CACHE", "0")
    keys = partner_file_keys(gather(demo_data, as_of), "site", ViewDigests((AppView, PartnerView)))
    assert set(keys.values()) == {None}
