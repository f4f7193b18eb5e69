"""The Nu HTML Checker finds no error in any page the build writes: one run over the whole output directory."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# Where `invoke setup` installs vnu-jar (tasks.py: NPM_PREFIX, VNU_VERSION).
VNU_JAR = REPO / ".cache" / "npm" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# The whole site takes a few seconds; a checker still running after this has hung.
VNU_TIMEOUT_SECONDS = 300
# A page with two errors the checker must report, checked in the same run: a run that reports nothing on it is
# not checking, whatever it says about the site.
CANARY = """<!DOCTYPE html>
<html lang="en"><head><title>Canary</title></head>
<body><p id="twice">one</p><p id="twice">two</p></body></html>
"""


def test_every_page_is_valid_html(site: Path, tmp_path: Path) -> None:
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        pytest.fail(f"needs Java and {VNU_JAR.relative_to(REPO)}: run `.venv/bin/invoke setup`")
    canary = tmp_path / "canary.html"
    canary.write_text(CANARY, encoding="utf-8")
    # --verbose names each checked file on stdout; the JSON report goes to stderr.
    options = ["--errors-only", "--format", "json", "--skip-non-html", "--verbose"]
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), *options, str(site), str(canary)],
        capture_output=True,
        text=True,
        timeout=VNU_TIMEOUT_SECONDS,
        check=False,
    )
    # 1: errors found, as there are in the canary; anything else is the checker failing to run.
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stderr)
    checked = {Path(line) for line in result.stdout.splitlines() if line.strip()}
    pages = {page for page in site.rglob("*.html") if page.is_file()}
    assert pages, "the build wrote no page"
    assert checked == pages | {canary}

    errors: list[str] = []
    canary_errors = []
    for message in report["messages"]:
        path = Path(message["url"].removeprefix("file:"))
        if path == canary:
            canary_errors.append(message["message"])
            continue
        where = f"{path.relative_to(site)}:{message.get('lastLine', '?')}:{message.get('firstColumn', '?')}"
        errors.append(f"{where}: {message['type']}: {message['message']}\n    {message.get('extract', '').strip()}")
    assert canary_errors == ["Duplicate ID “twice”."]
    if errors:
        pytest.fail(f"{len(errors)} HTML error(s):\n" + "\n".join(errors), pytrace=False)
