"""Rendering pages on every core: the pages are split among worker processes forked from the build.

Forked workers start with the whole build in memory (the site model, Pelican's context, the loaded templates),
so nothing but two numbers per batch crosses to a worker, and only each page's small result (what the build
remembers of it) comes back; each worker renders its pages and writes them itself. Rendering a page depends
only on the page and the context, so the bytes are those of a one-process build.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

# Below this many pages, starting workers costs more than it saves.
MIN_PAGES_FOR_WORKERS = 400
# Pages per batch handed to a worker: small enough to share the work evenly, large enough to cost little.
BATCH = 64
# Forces the number of processes (1: render every page in the build's own process).
PROCESSES_VARIABLE = "TRUST_BUILD_PROCESSES"

Result = TypeVar("Result")

# What the forked workers run: set in the parent just before the fork, inherited by every worker.
_task: Callable[[Any], Any] | None = None
_items: Sequence[Any] = ()


def process_count(settings: Mapping[str, Any], environment: Mapping[str, str], pages: int) -> int:
    """How many processes render `pages` pages: TRUST_BUILD_PROCESSES (setting or environment), else the cores."""
    forced = environment.get(PROCESSES_VARIABLE) or settings.get(PROCESSES_VARIABLE)
    if forced:
        return max(1, int(forced))
    if pages < MIN_PAGES_FOR_WORKERS:
        return 1
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run_in_processes(task: Callable[[Any], Result], items: Sequence[Any], processes: int) -> list[Result]:
    """`task` run on every item, in `processes` forked worker processes (here when 1): the results, in the items'
    order. A worker's error is raised here."""
    # Handed to the forked workers, which inherit the module's state.
    global _task, _items
    if processes <= 1 or len(items) <= 1:
        return [task(item) for item in items]
    _task, _items = task, items
    results: list[Result] = []
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=processes, mp_context=context) as pool:
            batches = [(start, min(start + BATCH, len(items))) for start in range(0, len(items), BATCH)]
            # Consuming the results raises a worker's exception here.
            for batch_results in pool.map(_run_batch, batches):
                results += batch_results
    finally:
        _task, _items = None, ()
    return results


def _run_batch(bounds: tuple[int, int]) -> list[Any]:
    """In a worker: the task's results on the items between the bounds."""
    task, (start, end) = _task, bounds
    if task is None:
        msg = "a page worker started without its task"
        raise RuntimeError(msg)
    return [task(item) for item in _items[start:end]]
