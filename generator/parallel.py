"""Work shared among worker processes forked from this one, on every core.

Forked workers start with the whole build in memory (the catalogue, the decisions, the site model, Pelican's
context), so nothing but two numbers per batch crosses to a worker, and only each item's result comes back. A
task that depends only on its item and on what was in memory at the fork gives the results of a one-process
run, in the items' order. The stages that use it: the partners' decisions, events and views (a partner's depend
on its own records), and the pages.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

# Items per batch handed to a worker: small enough to share the work evenly, large enough to cost little.
BATCH = 64
# Below this many partners to judge or describe, starting workers costs more than it saves.
FEWEST_PARTNERS_FOR_WORKERS = 64
# Forces the number of processes (1: everything in the build's own process).
PROCESSES_VARIABLE = "TRUST_BUILD_PROCESSES"

Result = TypeVar("Result")

# What the forked workers run: set in the parent just before the fork, inherited by every worker.
_task: Callable[[Any], Any] | None = None
_items: Sequence[Any] = ()
_alone: Callable[[], Any] | None = None


def configured_processes(settings: Mapping[str, Any], environment: Mapping[str, str]) -> int | None:
    """The number of processes TRUST_BUILD_PROCESSES forces (the environment's over the setting), or None."""
    forced = environment.get(PROCESSES_VARIABLE) or settings.get(PROCESSES_VARIABLE)
    return max(1, int(forced)) if forced else None


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def process_count(forced: int | None, items: int, fewest: int) -> int:
    """How many processes share `items` items: `forced` when given, else one per core from `fewest` items up."""
    if forced is not None:
        return forced
    return 1 if items < fewest else cores()


def run_in_processes(task: Callable[[Any], Result], items: Sequence[Any], processes: int) -> Iterator[Result]:
    """`task` run on every item, in `processes` forked worker processes (here when 1): the results, in the items'
    order, each batch's as it comes back, so that a caller that drops each result once used holds one batch of
    them at a time, not all. A worker's error is raised here."""
    # Handed to the forked workers, which inherit the module's state.
    global _task, _items
    if processes <= 1 or len(items) <= 1:
        yield from (task(item) for item in items)
        return
    _task, _items = task, items
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=processes, mp_context=context) as pool:
            batches = [(start, min(start + BATCH, len(items))) for start in range(0, len(items), BATCH)]
            # Consuming the results raises a worker's exception here.
            for batch_results in pool.map(_run_batch, batches):
                yield from batch_results
    finally:
        _task, _items = None, ()


@contextmanager
def started_in_process(task: Callable[[], Result]) -> Iterator[Future[Result]]:
    """`task` run in one worker process forked now, while this one goes on: its future result. The worker is
    gone when the block ends."""
    global _alone
    _alone = task
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
        try:
            # A fork pool forks its workers when the first task is submitted: this one has the task in memory.
            future = pool.submit(_run_alone)
        finally:
            _alone = None
        yield future


def _run_alone() -> Any:
    if _alone is None:
        msg = "a worker process started without its task"
        raise RuntimeError(msg)
    return _alone()


def _run_batch(bounds: tuple[int, int]) -> list[Any]:
    """In a worker: the task's results on the items between the bounds."""
    task, (start, end) = _task, bounds
    if task is None:
        msg = "a worker process started without its task"
        raise RuntimeError(msg)
    return [task(item) for item in _items[start:end]]
