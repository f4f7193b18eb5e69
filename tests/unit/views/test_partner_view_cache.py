"""Partners' views kept in the cache: described again exactly when something they are described from changed."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from generator.build import gather
from generator.site.model import SiteModel
from generator.views import partners as partner_views
from generator.views.view_digests import partner_digests, partner_view_digests


@pytest.fixture
def data(tmp_path: Path, demo_data: Path, cache_dir: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(demo_data, copy)
    return copy


@pytest.fixture
def described(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The partners whose views the gathers from now on describe (rather than take from the cache)."""
    names: list[str] = []
    describe = partner_views._partner_view

    def spy(partner: Any, *arguments: Any) -> Any:
        names.append(partner.id)
        return describe(partner, *arguments)

    monkeypatch.setattr(partner_views, "_partner_view", spy)
    return names


def gathered_twice(data: Path, as_of: dt.date, monkeypatch: pytest.MonkeyPatch) -> tuple[SiteModel, SiteModel]:
    """The model from the cache, and the same described with the cache off."""
    kept = gather(data, as_of)
    with monkeypatch.context() as off:
        off.setenv("TRUST_CACHE", "0")
        fresh = gather(data, as_of)
    return kept, fresh


def edit(path: Path, change: Callable[[str], str]) -> None:
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def test_views_described_in_worker_processes_are_one_process_views_and_remembered_with_their_digests(
    data: Path, as_of: dt.date, described: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    in_workers = gather(data, as_of, processes=2)
    # Described in the workers: this process's spy saw none of them.
    assert described == []
    described.clear()
    kept, fresh = gathered_twice(data, as_of, monkeypatch)
    assert in_workers.partners == kept.partners == fresh.partners
    # Remembered from the workers' hands: described again only with the cache off.
    assert described == list(fresh.partners_by_id)
    digests = partner_view_digests()
    assert kept.partner_view_digests == {p.id: partner_digests(digests, p) for p in fresh.partners}


def test_a_view_is_described_again_only_when_its_own_inputs_change(
    data: Path, as_of: dt.date, described: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    gather(data, as_of)
    assert len(described) == 13
    described.clear()
    kept, fresh = gathered_twice(data, as_of, monkeypatch)
    assert described == list(kept.partners_by_id)
    assert kept.partners == fresh.partners
    # Kept with the digests they would be told by if they were read again.
    digests = partner_view_digests()
    assert kept.partner_view_digests == {p.id: partner_digests(digests, p) for p in fresh.partners}
    # One app's description: its partner's view only.
    described.clear()
    edit(
        data / "partners" / "globex-integrations" / "apps" / "globex-ledger.yaml",
        lambda text: text.replace("description: |\n", "description: |\n  New.\n\n", 1),
    )
    kept, fresh = gathered_twice(data, as_of, monkeypatch)
    assert described[0] == "globex-integrations"
    assert len(described) == 1 + 13
    assert kept.partners == fresh.partners
    # Its logo: its own view.
    described.clear()
    logo = data / "partners" / "acme-cloudworks" / "logo.png"
    Image.new("RGB", (64, 64), (200, 30, 30)).save(logo)
    kept, fresh = gathered_twice(data, as_of, monkeypatch)
    assert described[0] == "acme-cloudworks"
    assert len(described) == 1 + 13
    assert kept.partners == fresh.partners


@pytest.mark.parametrize(
    ("path", "change"),
    [
        # Another partner's app renamed: receipts and events name apps.
        ("partners/globex-integrations/apps/globex-ledger.yaml", lambda t: t.replace("Globex Time Ledger", "Ledger")),
        # The program's first day: every history picture starts there.
        ("program/timeline.yaml", lambda t: t.replace("date: 2019-06-01", "date: 2019-05-01", 1)),
    ],
)
def test_what_every_view_is_described_from_describes_every_view_again(
    data: Path,
    as_of: dt.date,
    described: list[str],
    monkeypatch: pytest.MonkeyPatch,
    path: str,
    change: Callable[[str], str],
) -> None:
    gather(data, as_of)
    edit(data / path, change)
    described.clear()
    kept, fresh = gathered_twice(data, as_of, monkeypatch)
    assert sorted(described[:13]) == sorted(kept.partners_by_id)
    assert kept.partners == fresh.partners
    # Another day: every view again.
    described.clear()
    gather(data, as_of + dt.timedelta(days=1))
    assert len(described) == 13
