"""The nightly run as one script: validate → changes → build into a fresh directory → index → verify → switch →
report.

Nothing the public sees changes before the switch, and the switch is one rename (generator.publish.releases):
a run that fails, or is killed at any point, leaves the published release as it was. A failed build is kept
under failed/ for inspection.
"""

from __future__ import annotations

import datetime as dt
import os
import runpy
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.build import gather
from generator.load.problems import DataError, format_text
from generator.outputs import extra_files
from generator.publish import releases
from generator.publish.changes import ApiTree, api_tree, changes_json, changes_markdown, compare, read_api_tree
from generator.publish.reminders import write_reminders
from generator.publish.verify import VerifyLimits, verify_release
from generator.records.nightly_changes import NightChanges, read_change_history
from generator.site import output_paths as paths
from generator.site.model import SiteModel

# A whole build of the demo data takes a second or two; a hung one must not hang the night.
BUILD_TIMEOUT_SECONDS = 900

# The steps, in order, as they are announced to `on_step`.
STEPS = ("validate", "changes", "build", "verify", "switch", "prune")
# The reports every run writes into the release root's reports/.
REPORT, CHANGES_MD, CHANGES_JSON, HISTORY = "nightly.md", "changes.md", "changes.json", "history.json"


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
    # The day the data is checked against ("no evidence from the future"), as the build checks it: a night
    # built as of a past day from today's data does not know later evidence yet. None: the as-of day.
    today: dt.date | None = None


@dataclass(frozen=True)
class NightlyResult:
    """What a run did: the release published (or the build kept after a failure) and its report."""

    ok: bool
    release: str
    previous: str | None
    report: str
    failed_build: Path | None = None
    changes: NightChanges | None = None


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
        # Each night builds a new release directory from scratch: no state to keep for a later rebuild.
        "TRUST_BUILD_STATE": "0",
        **extra,
    }


def site_settings(run: NightlyRun) -> dict[str, Any]:
    """The production settings the build reads, with this run's public address."""
    # Settings files are plain Python that import nothing of Pelican's: read them the way Pelican does.
    settings = runpy.run_path(str(run.settings_file))
    return {**settings, "TRUST_CANONICAL_URL": run.site_url}


def previous_night(root: releases.ReleaseRoot, as_of: dt.date, site_url: str) -> tuple[str, ApiTree] | None:
    """The newest published release of an earlier night, and its API: what tonight is compared with.

    A second run on one night compares with the same release as the first, so it finds the same changes.
    """
    for name in reversed(releases.published(root)):
        tree = read_api_tree(root.release(name), site_url)
        if tree.as_of < as_of:
            return name, tree
    return None


def tonights_api(model: SiteModel, run: NightlyRun) -> dict[str, bytes]:
    """The API files tonight's build will write, computed from the same decisions (nothing is written)."""
    files = extra_files(model, site_settings(run))
    return {path: data for path, data in files.items() if path.startswith(f"{paths.API_ROOT}/")}


def _api_differences(staging: Path, expected: dict[str, bytes]) -> list[str]:
    """The API files of the build that are not the ones the change summary was made from."""
    files = (path for path in (staging / paths.API_ROOT).rglob("*") if path.is_file())
    written = {path.relative_to(staging).as_posix(): path.read_bytes() for path in files}
    differing = sorted(path for path in written.keys() | expected.keys() if written.get(path) != expected.get(path))
    return [f"{path}: differs from the decisions tonight's changes were worked out from" for path in differing[:20]]


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
    root.reports.mkdir(parents=True, exist_ok=True)
    try:
        # 1. Validate: bad data stops the night with the report `validate` prints.
        on_step("validate")
        try:
            model = gather(run.data, run.as_of, run.today)
        except DataError as error:
            raise NightlyError("validate", format_text(error.problems)) from None
        # 2. Changes: tonight's API against the previous night's release, and the history the build shows.
        on_step("changes")
        api = tonights_api(model, run)
        base = previous_night(root, run.as_of, run.site_url)
        tonight = api_tree(api, run.site_url)
        night = compare(base[1] if base else None, tonight)
        history = read_change_history(root.release(base[0]) / paths.CHANGE_HISTORY if base else None)
        history_file = root.reports / HISTORY
        history_file.write_bytes(history.with_night(night).model_dump_json(indent=2).encode() + b"\n")
        # 3. Build into a fresh directory beside the releases: pages, files, then the search index.
        on_step("build")
        staging = releases.start_staging(root, name)
        _build(run, staging, {"TRUST_CHANGE_HISTORY": str(history_file.resolve())})
        # 4. Verify the new build before anyone sees it, and that it says what tonight's changes were made from.
        on_step("verify")
        previous = root.release(live) if live else None
        problems = verify_release(staging, VerifyLimits(run.site_url, run.max_page_drop), previous)
        problems += _api_differences(staging, api)
        if problems:
            raise NightlyError("verify", "\n".join(problems))
        # 5. Switch: one rename, then the build is the published release.
        on_step("switch")
        releases.promote(root, staging)
        staging = None
        releases.switch(root, name)
        # 6. Keep the last releases only.
        on_step("prune")
        releases.prune(root, run.keep)
    except (NightlyError, releases.ReleaseError, OSError) as error:
        kept = releases.keep_failed(root, staging) if staging is not None and staging.exists() else None
        report = failure_report(error, name, live, kept)
        (root.reports / REPORT).write_text(report, encoding="utf-8")
        return NightlyResult(False, name, live, report, kept)
    # 7. Report: what changed tonight, for the run's output, the workflow summary and maintainers.
    summary = changes_markdown(night)
    (root.reports / CHANGES_MD).write_text(summary, encoding="utf-8")
    (root.reports / CHANGES_JSON).write_bytes(changes_json(night))
    # … and a renewal reminder for each partner whose evidence lapses soon or lapsed tonight.
    reminders = write_reminders(tonight, night, root.reports)
    summary += f"\n{len(reminders)} renewal reminder(s) in {root.reports / 'reminders'}\n"
    report = success_report(name, live) + "\n" + summary
    (root.reports / REPORT).write_text(report, encoding="utf-8")
    return NightlyResult(True, name, live, report, changes=night)


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
