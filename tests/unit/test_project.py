"""Promises the project makes to a newcomer: the README's two commands, and CI running the same one."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _quick_start_commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_the_quick_start_has_exactly_two_commands_build_and_test() -> None:
    build, test = _quick_start_commands()
    assert build.endswith("invoke build")
    assert test.endswith("invoke test")


def test_ci_runs_the_readme_test_command() -> None:
    _, test = _quick_start_commands()
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line for line in ci.splitlines() if line and not line.startswith(("#", "set ", "cd "))]
    assert commands == [test]
