"""One build of a data root in this process, timed stage by stage; prints the timings as JSON.

Run by `python -m bench` in a child process of its own (so each measurement starts cold):
    python -m bench.phases DATA_ROOT OUTPUT_DIR YYYY-MM-DD
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pelican import Pelican
from pelican.settings import read_settings

import generator.build as build
from generator.checks.catalog import check_records
from generator.load.catalog import load_records
from generator.policy.engine import evaluate
from generator.policy.events import trust_events

REPO = Path(__file__).resolve().parents[1]


def _timed(seconds: dict[str, float], name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - started

    return wrapper


def _timed_generator(
    seconds: dict[str, float], name: str, function: Callable[..., Iterator[Any]]
) -> Callable[..., Iterator[Any]]:
    """The time spent making each item of a generator (the files are written between items)."""

    def wrapper(*args: Any, **kwargs: Any) -> Iterator[Any]:
        items = function(*args, **kwargs)
        while True:
            started = time.perf_counter()
            try:
                item = next(items)
            except StopIteration:
                return
            finally:
                seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - started
            yield item

    return wrapper


def main() -> None:
    data, output, as_of = Path(sys.argv[1]), Path(sys.argv[2]), dt.date.fromisoformat(sys.argv[3])
    seconds: dict[str, float] = {}
    # The decision stages alone, as `gather` runs them.
    started = time.perf_counter()
    catalog, _ = check_records(load_records(data), as_of)
    seconds["load and check"] = time.perf_counter() - started
    assert catalog.policy is not None
    started = time.perf_counter()
    evaluate(catalog, catalog.policy.record, as_of)
    seconds["evaluate"] = time.perf_counter() - started
    started = time.perf_counter()
    trust_events(catalog, catalog.policy.record, as_of)
    seconds["trust events"] = time.perf_counter() - started
    # The whole build through Pelican, with the write stages timed from inside: patched before Pelican loads
    # the plugin, which imports these names from generator.build when it is loaded.
    build.gather = _timed(seconds, "gather (load to describe)", build.gather)
    write_site = _timed(seconds, "write, index, verify", build.write_site)

    def write_site_with_pages_timed(model: Any, write_pages: Callable[..., None], *args: Any, **kwargs: Any) -> Any:
        index = write_site(model, _timed(seconds, "pages", write_pages), *args, **kwargs)
        # Timed in the process that made it, while this one made the other files: the two overlap.
        seconds["search index"] = index.seconds
        return index

    build.write_site = write_site_with_pages_timed
    build.generate_extra_files = _timed_generator(seconds, "other outputs", build.generate_extra_files)  # type: ignore[attr-defined]
    settings = read_settings(
        str(REPO / "pelicanconf.py"),
        override={"TRUST_DATA_PATH": str(data), "TRUST_AS_OF": as_of.isoformat(), "OUTPUT_PATH": str(output)},
    )
    started = time.perf_counter()
    Pelican(settings).run()
    seconds["whole build"] = time.perf_counter() - started
    json.dump(seconds, sys.stdout)


if __name__ == "__main__":
    main()
