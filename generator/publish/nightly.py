"""The nightly run as one script: validate → build into a fresh directory → index → verify → switch → report.

Nothing the public sees changes before the switch, and the switch is one rename (generator.publish.releases):
a run that fails, or is killed at any point, leaves the published release as it was. A failed build is kept
under failed/ for inspection.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.build import gather
from generator.load.problems import DataError, format_text
from generator.publish import releases
from generator.publish.verify import VerifyLimits, verify_release

# A whole build of the demo data takes a second or two; a hung one must not hang the night.
BUILD_TIMEOUT_SECONDS = 900

# The steps, in order, as they are announced to `on_step`.
STEPS = ("validate", "build", "verify", "switch", "prune")


class NightlyError(RuntimeError):
    """A step failed: nothing was published."""

    def __init__(self, step: str, message: str) -> None:
        super().__init__(f"{step}: {message}")
        self.step = step
        self.message = message


@dataclass(frozen=True)
class NightlyRun:
    """What one nightly run builds and where it publishes."""

    data: Path
    root: releases.ReleaseRoot
    as_of: dt.date
    commit: str
    # The Pelican settings file of a production build (publishconf.py) and the site's public address.
    settings_file: Path
    site_url: str
    keep: int = releases.DEFAULT_KEEP
    max_page_drop: float = 0.1
    # Extra environment for the build, e.g. another content directory.
    environment: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class NightlyResult:
    """What a run did: the release published (or the build kept after a failure) and its report."""

    ok: bool
    release: str
    previous: str | None
    report: str
    failed_build: Path | None = None


def build_command(run: NightlyRun, output: Path) -> list[str]:
    """A production Pelican build of `run` into `output` (run as a process: only the plugin imports Pelican)."""
    return [
        sys.executable,
        "-m",
        "pelican",
        "--settings",
        str(run.settings_file),
        "--output",
        str(output),
        "--fatal",
        "warnings",
    ]


def build_environment(run: NightlyRun, extra: Mapping[str, str]) -> dict[str, str]:
    """The build's environment: ours, with the date, data and address of this run."""
    return {
        **os.environ,
        **run.environment,
        "TRUST_AS_OF": run.as_of.isoformat(),
        "TRUST_DATA_PATH": str(run.data.resolve()),
        "TRUST_SITEURL": run.site_url,
        **extra,
    }


def _build(run: NightlyRun, staging: Path, extra: Mapping[str, str]) -> None:
    try:
        result = subprocess.run(
            build_command(run, staging),
            cwd=run.settings_file.parent,
            env=build_environment(run, extra),
            capture_output=True,
            text=True,
            timeout=BUILD_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise NightlyError("build", f"could not run the build: {error}") from error
    if result.returncode != 0:
        output = (result.stderr + result.stdout).strip()
        raise NightlyError("build", f"the build exited with status {result.returncode}\n{output}")


def run_nightly(run: NightlyRun, on_step: Callable[[str], None] = lambda step: None) -> NightlyResult:
    """Build, verify and publish one release; the live site is untouched unless every step succeeded."""
    root = run.root
    live = releases.live_name(root)
    name = releases.fresh_name(root, releases.release_name(run.as_of, run.commit))
    staging: Path | None = None
    try:
        # 1. Validate: bad data stops the night with the report `validate` prints.
        on_step("validate")
        try:
            gather(run.data, run.as_of)
        except DataError as error:
            raise NightlyError("validate", format_text(error.problems)) from None
        # 2. Build into a fresh directory beside the releases: pages, files, then the search index.
        on_step("build")
        staging = releases.start_staging(root, name)
        _build(run, staging, {})
        # 3. Verify the new build before anyone sees it.
        on_step("verify")
        previous = root.release(live) if live else None
        problems = verify_release(staging, VerifyLimits(run.site_url, run.max_page_drop), previous)
        if problems:
            raise NightlyError("verify", "\n".join(problems))
        # 4. Switch: one rename, then the build is the published release.
        on_step("switch")
        releases.promote(root, staging)
        staging = None
        releases.switch(root, name)
        # 5. Keep the last releases only.
        on_step("prune")
        releases.prune(root, run.keep)
    except (NightlyError, releases.ReleaseError, OSError) as error:
        kept = releases.keep_failed(root, staging) if staging is not None and staging.exists() else None
        report = failure_report(error, name, live, kept)
        return NightlyResult(False, name, live, report, kept)
    return NightlyResult(True, name, live, success_report(name, live))


def failure_report(error: Exception, name: str, live: str | None, kept: Path | None) -> str:
    """The report of a run that published nothing."""
    lines = [f"nightly: FAILED, nothing published ({error.__class__.__name__})"]
    lines.append(f"  the published site is unchanged: {live or 'nothing was published before'}")
    if kept is not None:
        lines.append(f"  the failed build is kept in {kept}")
    message = str(error)
    lines += ["", message if message.endswith("\n") else message + "\n"]
    return "\n".join(lines)


def success_report(name: str, live: str | None) -> str:
    """The report of a run that published a release."""
    return f"nightly: published {name} (before: {live or 'nothing'})\n"


def describe(result: NightlyResult) -> dict[str, Any]:
    """The result as plain data, for the run's JSON report."""
    return {
        "ok": result.ok,
        "release": result.release,
        "previous": result.previous,
        "failed_build": str(result.failed_build) if result.failed_build else None,
    }
