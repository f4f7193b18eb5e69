"""`python -m generator publish`: bad data publishes nothing; rollback goes back one release; usage errors."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from generator.cli.main import EXIT_INVALID, EXIT_OK, EXIT_USAGE, main
from generator.publish import releases

REPO = Path(__file__).resolve().parents[3]


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), stdout=out)
    return code, out.getvalue()


def test_bad_data_stops_the_night_at_validation_and_publishes_nothing(tmp_path: Path, demo_data: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(demo_data, data)
    path = data / "verifications" / "acme-cloudworks.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("grade: green", "grade: gren", 1), encoding="utf-8")
    root = tmp_path / "public"
    code, out = run("publish", "--root", str(root), "--data", str(data), "--as-of", "2026-11-24", "--commit", "abc")
    assert code == EXIT_INVALID
    assert out.splitlines()[:2] == ["nightly: validate", "nightly: FAILED, nothing published (NightlyError)"]
    assert "error[not-one-of] grade must be one of green, orange, red (got 'gren')" in out
    assert not (root / "current").exists()


def test_rollback_switches_back_and_says_so(tmp_path: Path) -> None:
    root = releases.ReleaseRoot(tmp_path / "public")
    for name in ("2026-11-28-abc", "2026-11-29-abc"):
        staging = releases.start_staging(root, name)
        releases.promote(root, staging)
        releases.switch(root, name)
    code, out = run("publish", "rollback", "--root", str(root.path))
    assert code == EXIT_OK
    assert out == f"rollback: {root.current} now serves 2026-11-28-abc (was 2026-11-29-abc)\n"
    code, out = run("publish", "rollback", "--root", str(root.path))
    assert code == EXIT_INVALID
    assert "oldest release" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["publish", "--as-of", "24-11-2026"],
        ["publish", "--data", "no-such-directory"],
        ["publish", "--max-page-drop", "1.5"],
        ["publish", "--keep", "0"],
        ["publish", "deploy"],
    ],
)
def test_publish_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == EXIT_USAGE
    assert "error:" in capsys.readouterr().err
