"""Of two colliding records, the one a pull request adds or changes is blamed, so its annotation lands in the diff.

Each case in tests/fixtures/hostile/newcomers/ is an impostor whose path sorts before its victim's.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.cli.main import EXIT_INVALID, main

REPO = Path(__file__).resolve().parents[3]
CASES = REPO / "tests" / "fixtures" / "hostile" / "newcomers"
GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com"]
AS_OF = "2026-11-24"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo data committed as the base; the working directory at the repository's root."""
    shutil.copytree(REPO / "data", tmp_path / "data")
    subprocess.run([*GIT, "init", "-q", "-b", "main"], cwd=tmp_path, check=True)
    subprocess.run([*GIT, "add", "data"], cwd=tmp_path, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "base"], cwd=tmp_path, check=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def validate(*extra: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["validate", "data", "--as-of", AS_OF, "--format", "github", *extra], stdout=out)
    return code, out.getvalue()


def _annotated_files(report: str, code: str = "") -> set[str]:
    """The files of the report's error annotations (of one code, if given)."""
    return {
        line.split("file=", 1)[1].split(",", 1)[0]
        for line in report.splitlines()
        if line.startswith("::error file=") and f"title={code}" in line
    }


@pytest.mark.parametrize(
    ("case", "impostor", "victim"),
    [
        ("duplicate-app-id", "data/partners/aaa-impostor/apps/acme-backup.yaml", "data/partners/acme-cloudworks"),
        ("lookalike-vv", "data/partners/acme-cloudvvorks/partner.yaml", "data/partners/acme-cloudworks"),
        ("lookalike-one", "data/partners/acme-c1oudworks/partner.yaml", "data/partners/acme-cloudworks"),
        ("lookalike-zero", "data/partners/acme-cl0udworks/partner.yaml", "data/partners/acme-cloudworks"),
    ],
)
def test_the_newcomer_is_blamed_not_its_victim(repo: Path, case: str, impostor: str, victim: str) -> None:
    shutil.copytree(CASES / case, repo, dirs_exist_ok=True)

    code, out = validate("--base", "main")

    assert code == EXIT_INVALID
    assert _annotated_files(out, "duplicate-id") == {impostor}
    assert not any(path.startswith(victim) for path in _annotated_files(out))


def test_a_same_name_is_blamed_on_the_newcomer(repo: Path) -> None:
    shutil.copytree(CASES / "lookalike-zero", repo, dirs_exist_ok=True)

    _, out = validate("--base", "main")

    assert _annotated_files(out, "duplicate-name") == {"data/partners/acme-cl0udworks/partner.yaml"}


def test_of_two_newcomers_the_later_is_blamed(repo: Path) -> None:
    for case in ("lookalike-one", "lookalike-zero"):
        shutil.copytree(CASES / case, repo, dirs_exist_ok=True)
    shutil.rmtree(repo / "data" / "partners" / "acme-cloudworks")
    subprocess.run([*GIT, "commit", "-q", "-am", "the victim leaves"], cwd=repo, check=True)

    _, out = validate("--base", "main")

    # acme-c1oudworks sorts before acme-cl0udworks: the later one is the one blamed.
    assert _annotated_files(out, "duplicate-id") == {"data/partners/acme-cl0udworks/partner.yaml"}


def test_without_a_base_path_order_decides(repo: Path) -> None:
    shutil.copytree(CASES / "lookalike-vv", repo, dirs_exist_ok=True)

    _, out = validate()

    assert _annotated_files(out, "duplicate-id") == {"data/partners/acme-cloudworks/partner.yaml"}
