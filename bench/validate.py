"""Benchmark: how long `validate` takes on the demo data, in process and as a fresh command.

Run: .venv/bin/python bench/validate.py [--runs N]
Prints medians (and min/max) in milliseconds. The target is well under a second for the command.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import time
from pathlib import Path

from generator.checks.catalog import load_catalog

ROOT = Path(__file__).resolve().parents[1]
AS_OF = dt.date(2026, 11, 24)


def _time(action: object, runs: int) -> list[float]:
    assert callable(action)
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def _report(label: str, samples: list[float]) -> None:
    print(
        f"{label:<44} median {statistics.median(samples):8.1f} ms  (min {min(samples):.1f}, max {max(samples):.1f},"
        f" {len(samples)} runs)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    data = ROOT / "data"
    command = [sys.executable, "-m", "generator", "validate", str(data), "--as-of", AS_OF.isoformat()]
    _report("load_catalog(data/) in process", _time(lambda: load_catalog(data, AS_OF), runs))
    _report(
        "python -m generator validate data/",
        _time(lambda: subprocess.run(command, check=True, capture_output=True), runs),
    )
    _report(
        "python -c pass (interpreter start-up)",
        _time(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), runs),
    )


if __name__ == "__main__":
    main()
