"""The pull-request workflow, run here step by step the way GitHub runs it, rejects a pull request that guts the
ownership check in its own copy of the code.

The repository is this one: a base commit of its files, and a pull request commit that replaces
generator/review/ownership.py with one that lets everything through (tests/fixtures/hostile/pull-request/)
and adds its author to another partner's editors. Each `run:` step of .github/workflows/pull-request.yml runs
in bash as GitHub runs it (`bash --noprofile --norc -eo pipefail`), in a clone checked out at the pull request,
with the step's `env:` and `${{ }}` values filled in from the pull request; the `uses:` steps are played by
this test: the checkout is the clone, setup-python is the Python on PATH, the upload collects the artefact.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
WORKFLOW = REPO / ".github" / "workflows" / "pull-request.yml"
GUTTED_OWNERSHIP = REPO / "tests" / "fixtures" / "hostile" / "pull-request" / "ownership.py"
GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "init.defaultBranch=main"]
ACME_PROFILE = "data/partners/acme-cloudworks/partner.yaml"
EXPRESSION = re.compile(r"\$\{\{\s*([\w.-]+)\s*\}\}")


def git(root: Path, *args: str) -> str:
    return subprocess.run([*GIT, *args], cwd=root, check=True, capture_output=True, text=True).stdout.strip()


@dataclass
class Run:
    """What a run of the workflow's job did: each step's name and output, and the step that failed, if any."""

    outputs: dict[str, str]
    failed: str | None
    artefact: Path


def _base_repository(root: Path) -> str:
    """A repository at `root` holding this repository's files as one base commit on main; its hash."""
    listing = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout
    for name in filter(None, listing.decode().split("\0")):
        source = REPO / name
        if source.is_file():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / name)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    return git(root, "rev-parse", "HEAD")


def _pull_request(origin: Path, change: dict[str, str]) -> str:
    """A pull request commit on a branch of `origin` (files replaced by the given text); its hash."""
    git(origin, "checkout", "-q", "-b", f"pr-{len(git(origin, 'branch').splitlines())}", "main")
    for name, text in change.items():
        (origin / name).write_text(text, encoding="utf-8")
    git(origin, "commit", "-q", "-am", "pull request")
    head = git(origin, "rev-parse", "HEAD")
    git(origin, "checkout", "-q", "main")
    return head


def _run_job(origin: Path, base: str, head: str, author: str, scratch: Path) -> Run:
    """Every step of the workflow's one job, in order, stopping at the first that fails, as GitHub does."""
    workspace, runner_temp, artefact = scratch / "workspace", scratch / "runner-temp", scratch / "artefact"
    runner_temp.mkdir(parents=True)
    context = {
        "github.event.pull_request.base.sha": base,
        "github.event.pull_request.head.sha": head,
        "github.event.pull_request.number": "7",
        "github.event.pull_request.user.login": author,
        "runner.temp": str(runner_temp),
    }

    def expand(value: Any) -> str:
        return EXPRESSION.sub(lambda match: context[match[1]], str(value))

    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    (job,) = workflow["jobs"].values()
    outputs: dict[str, str] = {}
    for step in job["steps"]:
        name = step.get("name", step.get("uses", ""))
        action = str(step.get("uses", "")).split("@")[0]
        if action == "actions/checkout":
            # The clone holds no credentials to keep, but the workflow must not ask to keep any.
            assert step["with"]["persist-credentials"] is False
            subprocess.run(["git", "clone", "-q", str(origin), str(workspace)], check=True)
            git(workspace, "checkout", "-q", "--detach", head)
            continue
        if action == "actions/setup-python":
            continue
        if action == "actions/upload-artifact":
            shutil.copytree(expand(step["with"]["path"]), artefact)
            continue
        assert "uses" not in step, f"this test cannot play {step['uses']}"
        script = runner_temp / "step.sh"
        script.write_text(step["run"], encoding="utf-8")
        env = {
            "PATH": os.environ["PATH"],
            "HOME": os.environ.get("HOME", str(scratch)),
            "GITHUB_WORKSPACE": str(workspace),
            "RUNNER_TEMP": str(runner_temp),
            **{key: expand(value) for key, value in step.get("env", {}).items()},
        }
        result = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=workspace,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
        outputs[name] = result.stdout + result.stderr
        if result.returncode != 0:
            return Run(outputs, name, artefact)
    return Run(outputs, None, artefact)


@pytest.fixture(scope="module")
def origin(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("origin")
    return root, _base_repository(root)


def _with_editor(profile: str, handle: str) -> str:
    return profile.replace("editors:\n", f"editors:\n  - {handle}\n", 1)


def test_a_pull_request_that_guts_the_ownership_check_is_rejected(origin: tuple[Path, str], tmp_path: Path) -> None:
    root, base = origin
    profile = (root / ACME_PROFILE).read_text(encoding="utf-8")
    head = _pull_request(
        root,
        {
            "generator/review/ownership.py": GUTTED_OWNERSHIP.read_text(encoding="utf-8"),
            ACME_PROFILE: _with_editor(profile, "mallory"),
        },
    )

    run = _run_job(root, base, head, "mallory", tmp_path)

    assert run.failed is not None, run.outputs
    assert run.failed.startswith("Ownership"), run.outputs
    report = run.outputs[run.failed]
    assert "::error file=generator/review/ownership.py,title=maintainer-only::'mallory' may not change" in report
    assert f"::error file={ACME_PROFILE},title=not-an-editor::'mallory' is not an editor" in report
    assert not run.artefact.exists()
    # The threat is real: the pull request's own check, run from its checkout as the old workflow ran it, passes.
    own = subprocess.run(
        [sys.executable, "-m", "generator", "check-pr", "--base", base, "--author", "mallory"],
        cwd=tmp_path / "workspace",
        capture_output=True,
        text=True,
        check=False,
    )
    assert (own.returncode, own.stdout) == (0, "ok: 'mallory' may change every file this change touches\n")


def test_an_editors_pull_request_passes_and_leaves_the_trust_impact(origin: tuple[Path, str], tmp_path: Path) -> None:
    root, base = origin
    app = "data/partners/acme-cloudworks/apps/acme-sync.yaml"
    text = (root / app).read_text(encoding="utf-8")
    head = _pull_request(root, {app: text.replace("name: Acme Sync\n", "name: Acme Sync Pro\n", 1)})

    run = _run_job(root, base, head, "wile-coyote-dev", tmp_path)

    assert run.failed is None, run.outputs
    assert (run.artefact / "pr-number").read_text(encoding="utf-8") == "7\n"
    assert (run.artefact / "head-sha").read_text(encoding="utf-8") == f"{head}\n"
    assert (run.artefact / "impact.md").read_text(encoding="utf-8").strip()
