"""Fixtures for every test."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from generator.load.cache import CACHE_DIRECTORY_VARIABLE


@pytest.fixture(scope="session", autouse=True)
def _cache_directory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A record and decision cache of the test run's own, so that the tests neither read nor fill the
    checkout's (.cache/records/); the commands the tests start inherit it."""
    if CACHE_DIRECTORY_VARIABLE in os.environ:
        yield
        return
    os.environ[CACHE_DIRECTORY_VARIABLE] = str(tmp_path_factory.mktemp("trust-cache"))
    try:
        yield
    finally:
        del os.environ[CACHE_DIRECTORY_VARIABLE]
