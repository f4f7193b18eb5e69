"""The theme's JavaScript unit tests (tests/js/*.test.mjs), run by Node's own test runner as part of the suite.

The pure modules of themes/trust/static/js (address encoding, did-you-mean, facet counts, …) are tested in Node,
without a browser. This test runs them and fails when Node reports any failure, or when no test ran at all.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
JS_TESTS = REPO / "tests" / "js"
# The whole run takes about a second; one still running after this has hung.
NODE_TIMEOUT_SECONDS = 120
# The TAP reporter ends with one count per line: "# tests 168", "# pass 168", "# fail 0", …
SUMMARY_LINE = re.compile(r"^# (tests|suites|pass|fail|cancelled|skipped|todo) (\d+)$", re.MULTILINE)
# A top-level result: a test, or a whole file when it ran no test of its own.
TOP_LEVEL_RESULT = re.compile(r"^(not ok|ok) \d+ - (.*)$", re.MULTILINE)
COUNTS = ("tests", "pass", "fail", "cancelled", "skipped", "todo")


def node_summary(tap: str) -> dict[str, int]:
    """The counts of the summary that ends Node's TAP output; the last of each, as a test may print lines too."""
    summary: dict[str, int] = {}
    for name, count in SUMMARY_LINE.findall(tap):
        summary[name] = int(count)
    return summary


def node_problems(tap: str, files: list[Path]) -> list[str]:
    """What makes a run of `files` fail, read from its TAP output: failures, and tests that did not run."""
    summary = node_summary(tap)
    missing = [name for name in COUNTS if name not in summary]
    if missing:
        return [f"no summary in Node's output (missing: {', '.join(missing)})"]
    problems = [f"not ok: {name}" for status, name in TOP_LEVEL_RESULT.findall(tap) if status == "not ok"]
    if summary["fail"]:
        problems.append(f"{summary['fail']} failed")
    if summary["cancelled"]:
        problems.append(f"{summary['cancelled']} cancelled")
    # A skipped or unfinished test asserts nothing.
    if summary["skipped"] or summary["todo"]:
        problems.append(f"{summary['skipped']} skipped, {summary['todo']} todo")
    if summary["pass"] == 0:
        problems.append("no test ran")
    # Node reports a file that declares no test as one passing test named after the file.
    paths = {str(path) for path in files}
    problems += [f"no test in {name}" for status, name in TOP_LEVEL_RESULT.findall(tap) if name in paths]
    return problems


def node_executable() -> str:
    """Node.js, or a failure that says how to install it."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: run `.venv/bin/invoke setup`, which installs Debian's npm and with it Node.js")
    return node


def test_the_javascript_unit_tests_pass() -> None:
    node = node_executable()
    files = sorted(JS_TESTS.glob("*.test.mjs"))
    assert files, f"no *.test.mjs under {JS_TESTS.relative_to(REPO)}"
    # `node --test tests/js/` with the files named: Node 20 searches a directory it is given, but Node 22 and
    # later take it for a file to run, so the list is made here.
    result = subprocess.run(
        [node, "--test", "--test-reporter=tap", *map(str, files)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=NODE_TIMEOUT_SECONDS,
        check=False,
    )
    problems = node_problems(result.stdout, files)
    if result.returncode != 0:
        problems.insert(0, f"node exited with status {result.returncode}")
    if problems:
        report = "\n".join(problems)
        pytest.fail(f"{report}\n\n{result.stdout[-6000:]}\n{result.stderr[-2000:]}", pytrace=False)


PASSING = """TAP version 13
# Subtest: words
ok 1 - words
1..1
# tests 3
# suites 1
# pass 3
# fail 0
# cancelled 0
# skipped 0
# todo 0
# duration_ms 12.5
"""


def _with(tap: str, counts: dict[str, int]) -> str:
    """`tap` with some of its summary's counts changed."""
    for name, count in counts.items():
        tap = re.sub(rf"^# {name} \d+$", f"# {name} {count}", tap, flags=re.MULTILINE)
    return tap


@pytest.mark.parametrize(
    ("tap", "expected"),
    [
        (PASSING, []),
        (
            _with(PASSING, {"fail": 1, "pass": 2}).replace("ok 1 - words", "not ok 1 - words"),
            ["not ok: words", "1 failed"],
        ),
        (_with(PASSING, {"cancelled": 1}), ["1 cancelled"]),
        (_with(PASSING, {"skipped": 2}), ["2 skipped, 0 todo"]),
        (_with(PASSING, {"tests": 0, "pass": 0}), ["no test ran"]),
        (
            "TAP version 13\n1..0\n",
            ["no summary in Node's output (missing: tests, pass, fail, cancelled, skipped, todo)"],
        ),
        # A test's own output comes before the summary, as a comment: the summary's counts are the last ones.
        (PASSING.replace("# Subtest: words", "# fail 9\n# Subtest: words"), []),
    ],
    ids=["passing", "failing", "cancelled", "skipped", "none-ran", "no-summary", "printed-counts"],
)
def test_the_run_fails_on_any_failure_and_on_no_test(tap: str, expected: list[str]) -> None:
    assert node_problems(tap, []) == expected


def test_a_test_file_without_tests_fails_the_run(tmp_path: Path) -> None:
    empty = tmp_path / "empty.test.mjs"
    tap = PASSING.replace("ok 1 - words", f"ok 1 - {empty}")
    assert node_problems(tap, [empty]) == [f"no test in {empty}"]


def test_without_node_the_run_fails_saying_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(pytest.fail.Exception, match=r"run `\.venv/bin/invoke setup`"):
        node_executable()
