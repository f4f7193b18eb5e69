"""Fixtures for the data-core unit tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def demo_data() -> Path:
    """The shipped demo data root (read-only: copy it before changing anything)."""
    return REPO / "data"


@pytest.fixture(scope="session")
def as_of() -> dt.date:
    """The fixed date the demo data is judged against in tests."""
    return dt.date(2026, 11, 24)
