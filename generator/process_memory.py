"""Memory of the build's process: objects that live to the end kept out of the cycle collector's way, and
the memory a stage freed given back to the system.

A build or a command keeps what it loads, judges and describes until it ends: millions of objects, restored
from the cache or made, few of them ever freed. Each full pass of the cycle collector would walk them all again
and find nothing (seconds each at 10,000 apps), so they are made with the collector paused and then frozen out
of its sight (forked workers then share them untouched).

The C allocator keeps the memory freed in the middle of its heap: after the partners' cache entries (pickled
bytes, a hundred and fifty megabytes at 10,000 apps) are unpickled and dropped, the build's process would keep
them resident until it ends, and every process forked from it would start as large. glibc's `malloc_trim`
hands those pages back. Elsewhere (another C library, another system) there is nothing to do.
"""

from __future__ import annotations

import ctypes
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def long_lived() -> Iterator[None]:
    """Make objects that live until the process ends: with the cycle collector paused, then frozen out of its sight
    (before it is back on: its first pass would otherwise walk everything made, all still in its youngest
    generation)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
        gc.freeze()
    finally:
        if paused:
            gc.enable()


def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError):
        return None


_trim = _malloc_trim()


def release_free_memory() -> None:
    """Hand the pages the C heap holds free back to the system, where the C library can."""
    if _trim is not None:
        _trim(0)
