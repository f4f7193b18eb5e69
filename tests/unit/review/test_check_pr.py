"""check-pr: every changed path of the repository judged by the base's rules.

A partner's directory is changed only by its editors (as at the base), everything else by the maintainers
that the base's data/program/repository.yaml names. The hostile files a pull request might bring are in
tests/fixtures/hostile/pull-request/.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.cli.main import EXIT_INVALID, EXIT_OK, EXIT_USAGE, main

REPO = Path(__file__).resolve().parents[3]
HOSTILE = REPO / "tests" / "fixtures" / "hostile" / "pull-request"
GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com"]
# Files outside data/ that the base holds, and the hostile version a pull request brings of each.
NOT_DATA = {
    "themes/trust/templates/base.html": "base.html",
    "content/pages/about.md": "about.md",
    "generator/review/ownership.py": "ownership.py",
    "pelicanconf.py": "pelicanconf.py",
    ".github/workflows/pull-request.yml": "pull-request.yml",
}
ACME = Path("data/partners/acme-cloudworks")
ACME_EDITOR = "wile-coyote-dev"
MAINTAINER = "trust-maint-1"  # named in data/program/repository.yaml


def git(root: Path, *args: str) -> None:
    subprocess.run([*GIT, *args], cwd=root, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository holding the demo data and a few other files, committed as the base; the working
    directory at its root."""
    shutil.copytree(REPO / "data", tmp_path / "data")
    for name in NOT_DATA:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REPO / name, tmp_path / name)
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "base")
    # The pull request's commits go on a branch of their own; main stays the base.
    git(tmp_path, "checkout", "-q", "-b", "pull-request")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(author: str, *extra: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["check-pr", "--base", "main", "--author", author, *extra], stdout=out)
    return code, out.getvalue()


def edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def test_an_editor_may_change_the_partners_directory(repo: Path) -> None:
    edit(repo / ACME / "apps" / "acme-sync.yaml", "name: Acme Sync", "name: Acme Sync Pro")
    code, out = check(ACME_EDITOR.upper())  # GitHub handles are case-insensitive
    assert (code, out) == (EXIT_OK, f"ok: '{ACME_EDITOR.upper()}' may change every file this change touches\n")


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
    profile = (repo / ACME / "partner.yaml").read_text(encoding="utf-8")
    (new / "partner.yaml").write_text(profile.replace(f"  - {ACME_EDITOR}\n", "  - newco-dev\n"), encoding="utf-8")
    assert check("newco-dev")[0] == EXIT_OK
    assert check("mallory")[0] == EXIT_INVALID


@pytest.mark.parametrize("path", sorted(NOT_DATA))
def test_code_theme_content_settings_and_workflows_are_for_maintainers(repo: Path, path: str) -> None:
    shutil.copyfile(HOSTILE / NOT_DATA[path], repo / path)
    git(repo, "commit", "-q", "-am", "hostile")
    code, out = check(ACME_EDITOR)
    assert code == EXIT_INVALID
    assert out.startswith(f"{path}: error[maintainer-only] '{ACME_EDITOR}' may not change {path}: only maintainers")
    assert check(MAINTAINER)[0] == EXIT_OK


def test_a_new_file_anywhere_is_for_maintainers(repo: Path) -> None:
    (repo / "sitecustomize.py").write_text("import os\n", encoding="utf-8")
    (repo / "data" / "partners" / ".hidden").mkdir()
    (repo / "data" / "partners" / ".hidden" / "x.yaml").write_text("x: 1\n", encoding="utf-8")
    code, out = check(ACME_EDITOR)
    assert code == EXIT_INVALID
    assert out.count("error[maintainer-only]") == 2


def test_evidence_and_program_files_are_for_maintainers(repo: Path) -> None:
    edit(
        repo / "data" / "verifications" / "acme-cloudworks.yaml",
        "partner: acme-cloudworks",
        "partner: acme-cloudworks\n# x",
    )
    edit(repo / "data" / "program" / "policy.yaml", "expiring_soon_days: 30", "expiring_soon_days: 10")
    code, out = check(ACME_EDITOR)
    assert code == EXIT_INVALID
    assert out.count("error[maintainer-only]") == 2
    assert check(ACME_EDITOR, "--maintainer", "someone-else")[0] == EXIT_INVALID
    assert check("Maint-X", "--maintainer", "maint-x")[0] == EXIT_OK
    assert check(MAINTAINER.upper())[0] == EXIT_OK


def test_making_yourself_a_maintainer_does_not_let_you_in(repo: Path) -> None:
    edit(repo / "data" / "program" / "repository.yaml", "maintainers:\n", "maintainers:\n  - mallory\n")
    code, out = check("mallory")
    assert code == EXIT_INVALID
    assert "data/program/repository.yaml: error[maintainer-only]" in out


def test_a_rename_is_a_change_at_both_ends(repo: Path) -> None:
    new = repo / "data" / "partners" / "newco"
    (new / "apps").mkdir(parents=True)
    profile = (repo / ACME / "partner.yaml").read_text(encoding="utf-8")
    (new / "partner.yaml").write_text(profile.replace(f"  - {ACME_EDITOR}\n", "  - newco-dev\n"), encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "mv", str(ACME / "apps" / "acme-sync.yaml"), "data/partners/newco/apps/acme-sync.yaml")
    git(repo, "commit", "-q", "-m", "take the app")
    code, out = check("newco-dev")
    assert code == EXIT_INVALID
    assert "data/partners/acme-cloudworks/apps/acme-sync.yaml: error[not-an-editor] 'newco-dev'" in out
    assert "data/partners/newco/" not in out


def test_a_deletion_and_a_mode_change_are_changes(repo: Path) -> None:
    (repo / ACME / "apps" / "acme-sync.yaml").unlink()
    (repo / ACME / "partner.yaml").chmod(0o755)
    code, out = check("mallory")
    assert code == EXIT_INVALID
    assert "data/partners/acme-cloudworks/apps/acme-sync.yaml: error[not-an-editor]" in out
    assert "data/partners/acme-cloudworks/partner.yaml: error[not-an-editor]" in out


def test_a_symbolic_link_is_a_change_to_what_it_points_at(repo: Path) -> None:
    new = repo / "data" / "partners" / "newco"
    new.mkdir()
    profile = (repo / ACME / "partner.yaml").read_text(encoding="utf-8")
    (new / "partner.yaml").write_text(profile.replace(f"  - {ACME_EDITOR}\n", "  - newco-dev\n"), encoding="utf-8")
    (new / "logo.png").symlink_to("../acme-cloudworks/partner.yaml")
    (new / "notes.txt").symlink_to("../../../../../etc/passwd")
    code, out = check("newco-dev")
    assert code == EXIT_INVALID
    assert "data/partners/acme-cloudworks/partner.yaml: error[not-an-editor] 'newco-dev'" in out
    assert "error[maintainer-only] 'newco-dev' may not change .: only maintainers" in out


def test_a_deeply_nested_new_profile_is_a_located_problem(repo: Path) -> None:
    new = repo / "data" / "partners" / "newco"
    new.mkdir()
    shutil.copyfile(HOSTILE / "deep-partner.yaml", new / "partner.yaml")
    code, out = check("newco-dev")
    assert code == EXIT_INVALID
    assert "Traceback" not in out
    assert "data/partners/newco/partner.yaml:3:1: error[too-deep]" in out
    assert "error[not-an-editor] 'newco-dev' is not an editor of partner 'newco' (editors: nobody)" in out


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
