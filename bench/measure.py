"""Measuring a command: wall time and the peak resident memory of it and its children, as one sample."""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Sample:
    """One run: seconds of wall time, the peak resident set in MiB of the process and its children, and the
    CPU seconds (user and system) they used: on a shared machine, wall time also counts the others' work."""

    seconds: float
    peak_mib: float
    cpu_s: float = 0.0


@dataclass(frozen=True)
class Summary:
    """Several runs of one step: median, min and max of each measure."""

    runs: int
    median_s: float
    min_s: float
    max_s: float
    peak_mib: float
    cpu_median_s: float = 0.0

    @staticmethod
    def of(samples: Sequence[Sample]) -> Summary:
        """The summary of samples (their peak memory is the largest seen)."""
        times = [s.seconds for s in samples]
        return Summary(
            len(times),
            statistics.median(times),
            min(times),
            max(times),
            max(s.peak_mib for s in samples),
            statistics.median(s.cpu_s for s in samples),
        )


class StepFailedError(RuntimeError):
    """A measured command exited with an error."""


def run_measured(command: Sequence[str], cwd: Path, env: Mapping[str, str] | None = None) -> Sample:
    """Run a command to its end; its wall time and peak memory (from the kernel's accounting of that child)."""
    environment = {**os.environ, **(env or {})}
    started = time.perf_counter()
    with subprocess.Popen(
        list(command), cwd=cwd, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    ) as process:
        output = process.stdout.read() if process.stdout else b""
        # wait4 gives this child's own resource use (children it waited for included), not every child's so far.
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        tail = output.decode(errors="replace")[-2000:]
        msg = f"{' '.join(command)} exited with {process.returncode}:\n{tail}"
        raise StepFailedError(msg)
    # Linux reports ru_maxrss in KiB.
    return Sample(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


def tree_stats(root: Path) -> tuple[int, int, dict[str, int]]:
    """Files under root, their total bytes, and each file's mtime in nanoseconds by relative path."""
    count = size = 0
    mtimes = {}
    for path in root.rglob("*"):
        if path.is_file():
            stat = path.stat()
            count += 1
            size += stat.st_size
            mtimes[path.relative_to(root).as_posix()] = stat.st_mtime_ns
    return count, size, mtimes
