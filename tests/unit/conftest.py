"""Fixtures for the data-core unit tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.load.cache import CACHE_DIRECTORY_VARIABLE, CACHE_SWITCH_VARIABLE

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def demo_data() -> Path:
    """The shipped demo data root (read-only: copy it before changing anything)."""
    return REPO / "data"


@pytest.fixture(scope="session")
def as_of() -> dt.date:
    """The fixed date the demo data is judged against in tests."""
    return dt.date(2026, 11, 24)


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache of the test's own, switched on (whatever the environment says), for the tests of the caches."""
    directory = tmp_path / "cache"
    monkeypatch.setenv(CACHE_DIRECTORY_VARIABLE, str(directory))
    monkeypatch.delenv(CACHE_SWITCH_VARIABLE, raising=False)
    return directory
