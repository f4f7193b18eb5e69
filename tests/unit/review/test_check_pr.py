"""check-pr: a partner's directory is changed only by its editors (as at the base), the rest by maintainers."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.cli.main import EXIT_INVALID, EXIT_OK, EXIT_USAGE, main

REPO = Path(__file__).resolve().parents[3]
GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com"]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository holding the demo data, committed as the base; the working directory at its root."""
    shutil.copytree(REPO / "data", tmp_path / "data")
    subprocess.run([*GIT, "init", "-q", "-b", "main"], cwd=tmp_path, check=True)
    subprocess.run([*GIT, "add", "data"], cwd=tmp_path, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "base"], cwd=tmp_path, check=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(author: str, *extra: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["check-pr", "--base", "main", "--author", author, *extra], stdout=out)
    return code, out.getvalue()


def edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


ACME = Path("data/partners/acme-cloudworks")


def test_an_editor_may_change_the_partners_directory(repo: Path) -> None:
    editors = (repo / ACME / "partner.yaml").read_text(encoding="utf-8").split("editors:\n")[1].split("\n")[0]
    editor = editors.strip().removeprefix("- ")
    edit(repo / ACME / "apps" / "acme-sync.yaml", "name: Acme Sync", "name: Acme Sync Pro")
    code, out = check(editor.upper())  # GitHub handles are case-insensitive
    assert (code, out) == (EXIT_OK, f"ok: '{editor.upper()}' may change every file this change touches under data\n")


def test_anyone_else_may_not(repo: Path) -> None:
    edit(repo / ACME / "apps" / "acme-sync.yaml", "name: Acme Sync", "name: Acme Sync Pro")
    code, out = check("mallory")
    assert code == EXIT_INVALID
    assert "data/partners/acme-cloudworks/apps/acme-sync.yaml: error[not-an-editor] 'mallory' is not an editor" in out


def test_adding_yourself_to_the_editors_does_not_let_you_in(repo: Path) -> None:
    edit(repo / ACME / "partner.yaml", "editors:\n", "editors:\n  - mallory\n")
    code, out = check("mallory")
    assert code == EXIT_INVALID
    assert "error[not-an-editor]" in out


def test_a_new_partner_names_its_own_editors(repo: Path) -> None:
    new = repo / "data" / "partners" / "newco"
    (new / "apps").mkdir(parents=True)
    (new / "partner.yaml").write_text("id: newco\neditors:\n  - newco-dev\n", encoding="utf-8")
    assert check("newco-dev")[0] == EXIT_OK
    assert check("mallory")[0] == EXIT_INVALID


def test_evidence_and_program_files_are_for_maintainers(repo: Path) -> None:
    edit(
        repo / "data" / "verifications" / "acme-cloudworks.yaml",
        "partner: acme-cloudworks",
        "partner: acme-cloudworks\n# x",
    )
    edit(repo / "data" / "program" / "policy.yaml", "expiring_soon_days: 30", "expiring_soon_days: 10")
    code, out = check("acme-dev")
    assert code == EXIT_INVALID
    assert out.count("error[maintainer-only]") == 2
    assert check("acme-dev", "--maintainer", "someone-else")[0] == EXIT_INVALID
    assert check("Maint-1", "--maintainer", "maint-1")[0] == EXIT_OK


def test_github_annotations(repo: Path) -> None:
    (repo / "data" / "program" / "notes.md").write_text("x\n", encoding="utf-8")
    code, out = check("mallory", "--format", "github")
    assert code == EXIT_INVALID
    assert out.startswith("::error file=data/program/notes.md,title=maintainer-only::'mallory' may not change")


def test_an_unknown_base_is_a_usage_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["check-pr", "--base", "no-such-ref", "--author", "x"])
    assert raised.value.code == EXIT_USAGE
    assert "no-such-ref" in capsys.readouterr().err
