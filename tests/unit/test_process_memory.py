"""Objects kept to the end: made with the cycle collector paused, then frozen out of its sight."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from generator.process_memory import long_lived


@pytest.fixture
def collector() -> Iterator[None]:
    """The collector as the test found it, and nothing left frozen by the test."""
    enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if enabled:
        gc.enable()
    else:
        gc.disable()


@pytest.mark.usefixtures("collector")
def test_objects_made_inside_are_frozen_with_the_collector_paused_meanwhile() -> None:
    gc.enable()
    gc.unfreeze()
    with long_lived():
        assert not gc.isenabled()
        kept = [[index] for index in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(kept)


@pytest.mark.usefixtures("collector")
def test_a_paused_collector_stays_paused() -> None:
    gc.disable()
    with long_lived():
        pass
    assert not gc.isenabled()


@pytest.mark.usefixtures("collector")
def test_an_error_inside_freezes_nothing_and_puts_the_collector_back() -> None:
    gc.enable()
    gc.unfreeze()
    with pytest.raises(ValueError, match="stop"), long_lived():
        raise ValueError("stop")
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
