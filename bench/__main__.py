"""`python -m bench` (or `invoke bench`): build a synthetic marketplace and measure every stage.

For each size: generate the marketplace (bench.marketplace) into a temporary directory, then measure, each
the median of several runs with min and max, the peak memory and the CPU time: `validate` with an empty
record cache, with the cache a first run left (generator/load/record_cache.py: untouched data directories
have their last report told again) and after one record changed; the build's gather (load to describe)
likewise; the build's stages in one process with the cache off (load and check, evaluate, trust events, pages,
other outputs, search index); the whole cold build as `invoke build` runs it, each with an empty cache; a
rebuild after one record changes; a rebuild with nothing changed (with how many files each rewrites); the files
written and their size; what a first search on the built site weighs over the wire (bench/search_weight.py:
the bytes a first visit to the search page receives, gzip-encoded as a host serves them, until the first
results of a common word show); the pull-request workflow's checks of a change to one record (validate,
check-pr and diff against the base commit: bench/pull_request.py), each with an empty cache as on a fresh
runner. Every run's cache is in the scratch directory, never the checkout's. When Debian's `hugo` is
installed, the same records are built as a comparable Hugo site, indexed by the same Pagefind, and the ratios
are printed.

Results go to bench/results/ (JSON and a Markdown table). `--quick` runs one small size once, as a smoke test.
No number here is a pass or a fail: the targets are read off the table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

import yaml

from bench.hugo_site import HUGO, build_hugo_site, hugo_version
from bench.marketplace import Size, write_marketplace
from bench.measure import Sample, Summary, run_measured, tree_stats
from bench.page_sizes import APP_PAGE_LIMIT, app_ids, app_page_sizes
from bench.search_weight import CHROMIUM, measure_site

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results"
AS_OF = dt.date(2026, 11, 24)
DEFAULT_SIZES = (Size(2_000, 10_000),)
QUICK_SIZE = Size(20, 60)
GROWTH_SIZES = (Size(200, 1_000), Size(2_000, 10_000), Size(10_000, 50_000))
FIRST_SEARCH = "first search, bytes over the wire (gzip)"
FIRST_SEARCH_ALL_TEXT = "first search of all text, bytes over the wire (gzip)"
PULL_REQUEST = "pull request checks, one record changed"


def _pelican(output: Path) -> list[str]:
    # As `invoke build` runs it: through the wrapper that skips a build whose output is up to date.
    command = [sys.executable, "-m", "generator.pelican_plugin", "--settings", "pelicanconf.py", "--fatal", "warnings"]
    return [*command, "-o", str(output)]


def _environment(data: Path, cache: Path) -> dict[str, str]:
    return {"TRUST_DATA_PATH": str(data), "TRUST_AS_OF": AS_OF.isoformat(), "TRUST_CACHE_DIR": str(cache)}


def _repeat(runs: int, command: list[str], env: dict[str, str]) -> list[Sample]:
    return [run_measured(command, REPO, env) for _ in range(runs)]


def _cold_and_warm(runs: int, command: list[str], env: dict[str, str], cache: Path) -> tuple[Summary, Summary]:
    """A command run with an empty cache each time, then with the cache the last of those runs left."""
    cold = []
    for _ in range(runs):
        shutil.rmtree(cache, ignore_errors=True)
        cold.append(run_measured(command, REPO, env))
    return Summary.of(cold), Summary.of(_repeat(runs, command, env))


class _FreshDirectories:
    """New directories for the runs of one size, all deleted together once its measurements are done.

    Each build writes into a directory no run has used (the files a run left would be kept by the next: its
    search index skipped, its unchanged files not written again), and none is deleted between runs: on ext4
    without a journal, as the reference machine's disk is, a new file skips every inode freed in the last 60 s
    (360 s while their table block is dirty), so a build right after a site's deletion measured the deletion:
    a third of its CPU time in the kernel's inode search, 128 s against 90 s for the same build into a fresh
    directory later.
    """

    def __init__(self, scratch: Path) -> None:
        self.scratch = scratch
        self.made: list[Path] = []

    def new(self, name: str) -> Path:
        path = self.scratch / f"{name}-{len(self.made) + 1}"
        self.made.append(path)
        return path

    def delete_all(self) -> None:
        for path in self.made:
            shutil.rmtree(path, ignore_errors=True)


def _phases(data: Path, directories: _FreshDirectories, runs: int, env: dict[str, str]) -> dict[str, dict[str, float]]:
    """Each in-process stage's median, min and max seconds over `runs` cold processes, the cache off, each into
    an empty output directory: what each stage costs when it does its whole work (the gather rows show what the
    cache saves)."""
    samples: dict[str, list[float]] = {}
    env = {**env, "TRUST_CACHE": "0"}
    for _ in range(runs):
        output = directories.new("phases")
        command = [sys.executable, "-m", "bench.phases", str(data), str(output), AS_OF.isoformat()]
        result = subprocess.run(
            command, cwd=REPO, env={**os.environ, **env}, capture_output=True, text=True, check=True
        )
        for name, seconds in json.loads(result.stdout.strip().splitlines()[-1]).items():
            samples.setdefault(name, []).append(seconds)
    return {
        name: {"median_s": statistics.median(values), "min_s": min(values), "max_s": max(values)}
        for name, values in samples.items()
    }


def _touch_one_record(data: Path) -> Path:
    """Change one app's description, as a partner's pull request would."""
    app = min((data / "partners").glob("*/apps/*.yaml"))
    text = app.read_text(encoding="utf-8")
    app.write_text(text.replace("description: |\n", "description: |\n  Updated today.\n\n", 1), encoding="utf-8")
    return app


def _pull_request_checks(data: Path, runs: int, env: dict[str, str], cache: Path) -> dict[str, Any]:
    """The pull-request workflow's checks of a change to one record by one of its partner's editors, each run
    with an empty cache as on a fresh runner: the data as it stands is committed as the base first."""
    repository = data.parent
    for git in (["init", "-q"], ["add", "-A", "data"], ["commit", "-q", "-m", "base"]):
        subprocess.run(["git", *_GIT_IDENTITY, *git], cwd=repository, env=_GIT_ENVIRONMENT, check=True)
    base = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=repository, env=_GIT_ENVIRONMENT, check=True, capture_output=True, text=True
    ).stdout.strip()
    samples = []
    for _ in range(runs):
        app = _touch_one_record(data)
        author = yaml.safe_load((app.parent.parent / "partner.yaml").read_text(encoding="utf-8"))["editors"][0]
        shutil.rmtree(cache, ignore_errors=True)
        command = [sys.executable, "-m", "bench.pull_request", str(repository), base, author]
        samples.append(run_measured(command, REPO, env))
    return asdict(Summary.of(samples))


_GIT_IDENTITY = ["-c", "user.name=Trust Pages bench", "-c", "user.email=bench@example.com"]
_GIT_ENVIRONMENT = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def _rewritten(before: dict[str, int], after: dict[str, int]) -> int:
    return sum(1 for path, mtime in after.items() if before.get(path) != mtime)


def _first_search(site: Path, all_text: bool = False) -> dict[str, Any] | None:
    """What a first search on the built site weighs (None without Chromium), with each kind of file's share: of
    names, as the page searches first, or of `all_text`."""
    if not CHROMIUM.is_file():
        print(f"no first-search weight: {CHROMIUM} is missing (`invoke setup` installs it)", file=sys.stderr)
        return None
    weight = measure_site(site, all_text=all_text)
    kinds = {kind: {"requests": count, "bytes": size} for kind, (count, size) in weight.by_kind().items()}
    return {"query": weight.query, "bytes": weight.total, "requests": len(weight.transfers), "by_kind": kinds}


def _rebuilds(
    runs: int, output: Path, env: dict[str, str], mtimes: dict[str, int], change: Callable[[], object] = lambda: None
) -> tuple[dict[str, Any], dict[str, int]]:
    """`runs` rebuilds of `output`, `change` made before each: their summary with the most files any run rewrote
    (against `mtimes`, the files' modification times before the first), and the modification times after."""
    samples, rewritten = [], []
    for _ in range(runs):
        change()
        samples.append(run_measured(_pelican(output), REPO, env))
        _, _, after = tree_stats(output)
        rewritten.append(_rewritten(mtimes, after))
        mtimes = after
    return {**asdict(Summary.of(samples)), "files_rewritten": max(rewritten)}, mtimes


def measure_size(size: Size, runs: int, scratch: Path, with_hugo: bool) -> dict[str, Any]:
    """Every measurement of one marketplace size."""
    data = write_marketplace(scratch / f"market-{size.apps}", size, AS_OF)
    cache = scratch / f"cache-{size.apps}"
    directories = _FreshDirectories(scratch / f"runs-{size.apps}")
    env = _environment(data, cache)
    validate = [sys.executable, "-m", "generator", "validate", str(data), "--as-of", AS_OF.isoformat()]
    result: dict[str, Any] = {"partners": size.partners, "apps": size.apps}
    cold_validate, warm_validate = _cold_and_warm(runs, validate, env, cache)
    result["validate"], result["validate, warm cache"] = asdict(cold_validate), asdict(warm_validate)
    gather = [sys.executable, "-m", "bench.gather", str(data), AS_OF.isoformat()]
    cold_gather, warm_gather = _cold_and_warm(runs, gather, env, cache)
    result["gather"], result["gather, warm cache"] = asdict(cold_gather), asdict(warm_gather)
    result["stages"] = _phases(data, directories, runs, env)
    cold = []
    for _ in range(runs):
        output = directories.new("site")
        shutil.rmtree(cache, ignore_errors=True)
        cold.append(run_measured(_pelican(output), REPO, env))
    result["cold build"] = asdict(Summary.of(cold))
    files, size_bytes, mtimes = tree_stats(output)
    result["files"] = {"count": files, "bytes": size_bytes}
    result["app page"] = {**asdict(app_page_sizes(output, app_ids(data))), "limit_bytes": APP_PAGE_LIMIT}
    result[FIRST_SEARCH] = _first_search(output)
    result[FIRST_SEARCH_ALL_TEXT] = _first_search(output, all_text=True)
    result["rebuild, nothing changed"], mtimes = _rebuilds(runs, output, env, mtimes)
    result["rebuild, one record changed"], _ = _rebuilds(runs, output, env, mtimes, lambda: _touch_one_record(data))
    # A partner's pull request: one record changed since the last run, every other one known to the cache (a
    # first run leaves what validate keeps of its own, which the builds do not).
    run_measured(validate, REPO, env)
    edited = []
    for _ in range(runs):
        _touch_one_record(data)
        edited.append(run_measured(validate, REPO, env))
    result["validate, one record changed"] = asdict(Summary.of(edited))
    result[PULL_REQUEST] = _pull_request_checks(data, runs, env, cache)
    if with_hugo:
        hugo = [build_hugo_site(data, directories.new("hugo")) for _ in range(runs)]
        result["hugo + pagefind"] = asdict(Summary.of(hugo))
        result["ratio, cold build / hugo"] = result["cold build"]["median_s"] / result["hugo + pagefind"]["median_s"]
    directories.delete_all()
    return result


def markdown_table(report: dict[str, Any]) -> str:
    """The results as the README's performance table."""
    lines = [
        f"Machine: {report['machine']}; as of {report['as_of']}; {report['runs']} runs per step; {report['hugo']}.",
        "",
        "| step | " + " | ".join(f"{r['partners']:,} partners, {r['apps']:,} apps" for r in report["sizes"]) + " |",
        "|---|" + "---|" * len(report["sizes"]),
    ]

    def cell(entry: dict[str, Any] | None) -> str:
        if entry is None:
            return "—"
        if "bytes" in entry:
            return f"{entry['bytes']:,} bytes ({entry['bytes'] / 1024:,.0f} KiB) in {entry['requests']} requests"
        if "median_s" in entry:
            text = f"{entry['median_s']:.2f} s [{entry['min_s']:.2f} to {entry['max_s']:.2f}]"
        else:
            text = f"{entry['seconds']:.2f} s"
        if entry.get("cpu_median_s") or entry.get("cpu_s"):
            text += f", CPU {entry.get('cpu_median_s') or entry.get('cpu_s'):.2f} s"
        if "peak_mib" in entry:
            text += f", {entry['peak_mib']:,.0f} MiB"
        if "files_rewritten" in entry:
            text += f", {entry['files_rewritten']:,} files rewritten"
        return text

    rows = [
        "validate",
        "validate, warm cache",
        "validate, one record changed",
        PULL_REQUEST,
        "gather",
        "gather, warm cache",
        "cold build",
        "rebuild, nothing changed",
        "rebuild, one record changed",
        "hugo + pagefind",
        FIRST_SEARCH,
        FIRST_SEARCH_ALL_TEXT,
    ]
    for row in rows:
        lines.append(f"| {row} | " + " | ".join(cell(r.get(row)) for r in report["sizes"]) + " |")
    stages = sorted({name for r in report["sizes"] for name in r["stages"]})
    for stage in stages:
        lines.append(f"| stage: {stage} | " + " | ".join(cell(r["stages"].get(stage)) for r in report["sizes"]) + " |")
    written = [f"{r['files']['count']:,} ({r['files']['bytes'] / 2**20:,.1f} MiB)" for r in report["sizes"]]
    lines.append("| files written | " + " | ".join(written) + " |")
    for label, key in (("app page, median", "median_bytes"), ("app page, largest", "largest_bytes")):
        pages = [f"{r['app page'][key]:,} bytes" if "app page" in r else "—" for r in report["sizes"]]
        lines.append(f"| {label} | " + " | ".join(pages) + " |")
    ratios = [r.get("ratio, cold build / hugo") for r in report["sizes"]]
    lines.append(
        "| cold build ÷ Hugo + Pagefind | " + " | ".join(f"{x:.1f} times" if x else "—" for x in ratios) + " |"
    )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"one run of {QUICK_SIZE.apps} apps, a smoke test")
    parser.add_argument("--growth", action="store_true", help="1,000, 10,000 and 50,000 apps, to show growth")
    parser.add_argument("--apps", type=int, help="one size: this many apps (with --partners)")
    parser.add_argument("--partners", type=int, help="one size: this many partners (with --apps)")
    parser.add_argument("--runs", type=int, default=3, help="runs per step (default 3)")
    parser.add_argument("--output", type=Path, default=RESULTS, help="where to write results.json and results.md")
    args = parser.parse_args(argv)
    if (args.apps is None) != (args.partners is None):
        parser.error("--apps and --partners go together")
    if args.apps is not None:
        sizes: tuple[Size, ...] = (Size(args.partners, args.apps),)
    else:
        sizes = (QUICK_SIZE,) if args.quick else GROWTH_SIZES if args.growth else DEFAULT_SIZES
    runs = 1 if args.quick else args.runs
    version = hugo_version()
    report: dict[str, Any] = {
        "machine": f"{platform.machine()}, {platform.system()} {platform.release()}, "
        f"{len(os.sched_getaffinity(0))} cores, Python {platform.python_version()}",
        "as_of": AS_OF.isoformat(),
        "runs": runs,
        "hugo": f"Hugo {version}" if version else f"Hugo not installed ({HUGO} missing): no comparison",
        "sizes": [],
    }
    with tempfile.TemporaryDirectory(prefix="trust-pages-bench-") as scratch:
        for size in sizes:
            print(f"measuring {size.partners:,} partners, {size.apps:,} apps …", file=sys.stderr, flush=True)
            report["sizes"].append(measure_size(size, runs, Path(scratch), with_hugo=version is not None))
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / "results.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    table = markdown_table(report)
    (args.output / "results.md").write_text(table, encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
