"""Giving the system back the memory a stage of the build freed.

The C allocator keeps the memory freed in the middle of its heap: after the partners' cache entries (pickled
bytes, a hundred and fifty megabytes at 10,000 apps) are unpickled and dropped, the build's process would keep
them resident until it ends, and every process forked from it would start as large. glibc's `malloc_trim`
hands those pages back. Elsewhere (another C library, another system) there is nothing to do.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable


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
