"""Benchmark: how long the strict loader takes over each hazard payload of tests/fixtures/payloads/.

Run: .venv/bin/python bench/hazard_payloads.py [--runs N]
Prints the median (and min/max) milliseconds per payload. The target: each is refused or read in well under
a second, so a hostile file cannot stall a partner's pull-request check. The tests check what each payload
yields and that its memory stays bounded; timings live here, away from a shared, noisy test machine.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from generator.load.strict_yaml import load_bytes

PAYLOADS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "payloads"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    for path in sorted(PAYLOADS.glob("*.yaml")):
        payload = path.read_bytes()
        samples = []
        for _ in range(runs):
            started = time.perf_counter()
            load_bytes(payload, path)
            samples.append((time.perf_counter() - started) * 1000)
        print(
            f"{path.name:<24} {len(payload) / 1024:7.1f} KiB  median {statistics.median(samples):7.1f} ms"
            f"  (min {min(samples):.1f}, max {max(samples):.1f}, {runs} runs)"
        )


if __name__ == "__main__":
    main()
