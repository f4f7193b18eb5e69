"""Benchmark: the policy engine and the site model on the demo data, in process.

Run: .venv/bin/python bench/engine.py [--runs N] [--data DIR]
Prints medians (min/max) in milliseconds for evaluate, trust_events and the whole site model. `--data` points
at another data tree, e.g. a synthetic marketplace written by `bench.marketplace.write_marketplace`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from generator.build import gather
from generator.checks.catalog import load_catalog
from generator.policy.engine import evaluate
from generator.policy.events import trust_events

ROOT = Path(__file__).resolve().parents[1]
AS_OF = dt.date(2026, 11, 24)


def _median_ms(action: Callable[[], object], runs: int) -> tuple[float, float, float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), min(samples), max(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    arguments = parser.parse_args()
    runs, data = arguments.runs, arguments.data
    catalog, problems = load_catalog(data, AS_OF)
    assert catalog.policy is not None, problems
    policy = catalog.policy.record
    for label, action in (
        ("evaluate(catalog, policy, as_of)", lambda: evaluate(catalog, policy, AS_OF)),
        ("trust_events(catalog, policy, as_of)", lambda: trust_events(catalog, policy, AS_OF)),
        ("gather(data/, as_of) incl. loading", lambda: gather(data, AS_OF)),
    ):
        median, low, high = _median_ms(action, runs)
        print(f"{label:<46} median {median:8.1f} ms  (min {low:.1f}, max {high:.1f}, {runs} runs)")


if __name__ == "__main__":
    main()
