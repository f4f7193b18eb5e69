"""Loading a whole data root pauses the cycle collector, and gives it back as it found it."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from generator.load.cache import CACHE_SWITCH_VARIABLE
from generator.load.catalog import load_records


@pytest.mark.parametrize("enabled", [True, False])
def test_loading_leaves_the_collector_as_it_found_it(demo_data: Path, enabled: bool) -> None:
    was_enabled = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        loaded = load_records(demo_data)
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was_enabled else gc.disable)()
    assert loaded.partners
    assert not loaded.problems


def test_loading_gives_the_collector_back_when_a_file_breaks_it(
    demo_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(path: Path) -> bytes:
        raise RuntimeError(path)

    monkeypatch.setenv(CACHE_SWITCH_VARIABLE, "0")  # every file read, none known from the cache
    monkeypatch.setattr(Path, "read_bytes", broken)
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        load_records(demo_data)
    assert gc.isenabled()
