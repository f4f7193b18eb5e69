"""`readiness` and `diff`: the expected text of two readiness reports, CLI exit codes, and the trust impact of a
change against a git commit in a scratch repository.

The readiness reports are golden files: see tests/unit/reports/test_golden.py for UPDATE_GOLDEN=1.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from generator.cli.main import EXIT_INVALID, EXIT_OK, EXIT_USAGE, main
from generator.load.cache import CACHE_DIRECTORY_VARIABLE
from generator.policy.partner_judge import PartnerJudge
from generator.reports.trust_diff import BaseTreeError, _write_files, export_base_data

REPO = Path(__file__).resolve().parents[3]
GOLDEN = REPO / "tests" / "golden"
AS_OF = "2026-11-24"


def assert_golden(path: Path, actual: str) -> None:
    """Compare with the golden file, or rewrite it when UPDATE_GOLDEN=1 (as in test_golden.py)."""
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert path.exists(), f"{path} is missing: run with UPDATE_GOLDEN=1 to create it"
    assert actual == path.read_text(encoding="utf-8"), f"{path.name} differs: review, then run with UPDATE_GOLDEN=1"


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), stdout=out)
    return code, out.getvalue()


# Readiness -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("partner", ["acme-cloudworks", "quibble-sons"])
def test_readiness_report(partner: str) -> None:
    code, out = run("readiness", partner, "--as-of", AS_OF, "--data", str(REPO / "data"))
    assert code == EXIT_OK
    assert_golden(GOLDEN / f"readiness-{partner}.txt", out)


def test_readiness_reports_are_the_golden_decisions() -> None:
    # The per-partner files and the all-partner file are one record: they must not drift apart.
    decisions = (GOLDEN / "decisions.txt").read_text(encoding="utf-8").split("\n\n")
    for partner in ("acme-cloudworks", "quibble-sons"):
        report = (GOLDEN / f"readiness-{partner}.txt").read_text(encoding="utf-8")
        assert report.rstrip("\n") in [block.rstrip("\n") for block in decisions]


def test_quibble_sons_has_nothing_verified() -> None:
    text = (GOLDEN / "readiness-quibble-sons.txt").read_text(encoding="utf-8")
    assert "CAIQ-Lite grade: not assessed yet" in text
    assert "Tier: none assigned" in text
    assert "[met]" not in text
    assert "(verified)" not in text


def _next_steps(partner: str, as_of: str = AS_OF) -> list[str]:
    code, out = run("readiness", partner, "--as-of", as_of, "--data", str(REPO / "data"))
    assert code == EXIT_OK
    return out.split("  Next steps:")[1].strip().splitlines()


def test_readiness_ends_with_renewals_in_date_order_each_naming_what_it_keeps() -> None:
    steps = [step.strip() for step in _next_steps("acme-cloudworks")]
    days = [step.removeprefix("before ").split(":")[0] for step in steps]
    assert days == sorted(days)
    # Acme Gantt Charts' scan of 2026-09-29 holds 90 days: through 2026-12-28.
    assert steps[0] == (
        "before 2026-12-29: pass a new vulnerability scan for Acme Gantt Charts, to keep Vulnerability scan passed"
    )
    # The partner's one CAIQ-Lite assessment keeps the partner's badge and every app's.
    assert (
        "before 2027-06-03: submit a new CAIQ-Lite self-assessment, to keep CAIQ-Lite assessed, "
        "CAIQ-Lite passed (Acme Backup Vault, Acme Gantt Charts, Acme Sync)"
    ) in steps


def test_a_tier_at_risk_comes_first_with_the_day_it_is_suspended() -> None:
    # Nimbus's Platinum is at risk since 2026-11-01: 60 days of grace, suspended from 2026-12-31.
    first = _next_steps("nimbus-noodle")[0].strip()
    assert first.startswith("before 2026-12-31: make the Platinum prerequisites hold again (Holds 'ISO/IEC 27001';")
    assert first.endswith("or the tier is suspended")


def test_a_pending_tier_lists_what_it_takes_to_be_granted() -> None:
    steps = [step.strip() for step in _next_steps("umbrella-labs")]
    assert steps[-2:] == [
        "to be granted Gold: CAIQ-Lite grade orange (Somewhat Developed) or better, assessed within 730 days",
        "to be granted Gold: At least 1 app holding 'Vulnerability scan passed'",
    ]


def test_readiness_reads_data_from_the_working_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    code, out = run("readiness", "quibble-sons", "--as-of", AS_OF)
    assert code == EXIT_OK
    assert out == (GOLDEN / "readiness-quibble-sons.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("partner", "message"),
    [
        ("acme-cloudwork", "no partner 'acme-cloudwork' in data; did you mean 'acme-cloudworks'?"),
        ("quible-sons", "did you mean 'quibble-sons'?"),
        ("zzz-unknown", "no partner 'zzz-unknown' in data\n"),
    ],
)
def test_readiness_of_an_unknown_partner_exits_2(
    partner: str, message: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(REPO)
    with pytest.raises(SystemExit) as exit_info:
        run("readiness", partner, "--as-of", AS_OF)
    assert exit_info.value.code == EXIT_USAGE
    captured = capsys.readouterr()
    assert message in captured.err
    assert "Traceback" not in captured.err


def test_readiness_of_invalid_data_exits_1_with_the_located_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(REPO / "data", tmp_path / "data")
    path = tmp_path / "data" / "verifications" / "acme-cloudworks.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("grade: green", "grade: gren", 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out = run("readiness", "acme-cloudworks", "--as-of", AS_OF)
    assert code == EXIT_INVALID
    first, *_, summary = out.splitlines()
    line = text.splitlines().index("  - grade: green") + 1
    assert first == (
        f"data/verifications/acme-cloudworks.yaml:{line}:12: error[not-one-of] "
        "grade must be one of green, orange, red (got 'gren')"
    )
    assert summary == "1 error in 1 file"
    assert "Acme Cloudworks (acme-cloudworks)" not in out


def test_readiness_with_a_missing_data_directory_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run("readiness", "acme-cloudworks", "--as-of", AS_OF, "--data", str(tmp_path / "nowhere"))
    assert exit_info.value.code == EXIT_USAGE
    assert "no such data directory" in capsys.readouterr().err


# Diff ----------------------------------------------------------------------------------------------------------


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    identity = ["-c", "user.name=Trust Pages Tests", "-c", "user.email=tests@example.com"]
    result = subprocess.run(
        ["git", *identity, "-c", "commit.gpgsign=false", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository holding a copy of the demo data, committed as the base; its data directory."""
    root = tmp_path / "repo"
    shutil.copytree(REPO / "data", root / "data")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "data")
    git(root, "commit", "-q", "-m", "base")
    return root / "data"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not found once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def diff(data: Path, *options: str) -> tuple[int, str]:
    return run("diff", "--base", "HEAD", "--data", str(data), "--as-of", AS_OF, *options)


def change_the_data(data: Path) -> None:
    # Promote Paperclip Parade to Gold (its prerequisites hold).
    edit(
        data / "verifications" / "paperclip-parade.yaml",
        "  - tier: silver\n    since: 2024-10-01\n",
        "  - tier: silver\n    since: 2024-10-01\n  - tier: gold\n    since: 2026-11-20\n",
    )
    # New bug bounty metrics for Velvet Audit Trail, meeting every threshold: it earns Bug bounty participant.
    edit(
        data / "verifications" / "velvet-anvil.yaml",
        "          low: 30\n",
        "          low: 30\n"
        "      - measured_on: 2026-11-20\n"
        "        researchers_engaged: 51\n"
        "        sla_compliance:\n"
        "          critical: 100\n"
        "          high: 96\n"
        "          medium: 90\n"
        "          low: 75\n",
    )
    # Velvet Anvil's ISO/IEC 27001 certificate extended.
    edit(data / "partners" / "velvet-anvil" / "partner.yaml", "expires_on: 2026-12-10", "expires_on: 2029-12-10")


EXPECTED_TEXT = (
    "paperclip-parade: tier silver → gold\n"
    "velvet-anvil: ISO/IEC 27001 lapses on 2029-12-10; "
    "app velvet-anvil-audit gains Bug bounty participant (lapses on 2027-05-20); "
    "app velvet-anvil-audit gains CAIQ-Lite and bug bounty (lapses on 2027-05-20)\n"
)

EXPECTED_MARKDOWN = """\
### Trust impact against `HEAD`

- **paperclip-parade**
  - tier silver → gold
- **velvet-anvil**
  - ISO/IEC 27001 lapses on 2029-12-10
  - app velvet-anvil-audit gains Bug bounty participant (lapses on 2027-05-20)
  - app velvet-anvil-audit gains CAIQ-Lite and bug bounty (lapses on 2027-05-20)
"""


def test_diff_reports_the_trust_impact_as_text(repo: Path) -> None:
    change_the_data(repo)
    assert diff(repo) == (EXIT_OK, EXPECTED_TEXT)


def test_diff_reports_the_trust_impact_as_markdown(repo: Path) -> None:
    change_the_data(repo)
    assert diff(repo, "--format", "markdown") == (EXIT_OK, EXPECTED_MARKDOWN)


def test_diff_with_nothing_changed(repo: Path) -> None:
    assert diff(repo) == (EXIT_OK, "No trust changes against HEAD.\n")
    assert diff(repo, "--format", "markdown") == (
        EXIT_OK,
        "### Trust impact against `HEAD`\n\nNo badge, grade or tier changes.\n",
    )


def test_diff_against_the_committed_change_is_empty(repo: Path) -> None:
    # Once the change is committed, HEAD has it: nothing left to report; HEAD~1 still sees it.
    change_the_data(repo)
    git(repo.parent, "commit", "-q", "-am", "change")
    assert diff(repo) == (EXIT_OK, "No trust changes against HEAD.\n")
    assert run("diff", "--base", "HEAD~1", "--data", str(repo), "--as-of", AS_OF) == (EXIT_OK, EXPECTED_TEXT)


def test_diff_against_a_bad_ref_exits_2(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run("diff", "--base", "no-such-ref", "--data", str(repo), "--as-of", AS_OF)
    assert exit_info.value.code == EXIT_USAGE
    err = capsys.readouterr().err
    assert "cannot read data/ at 'no-such-ref' from git" in err
    assert "Traceback" not in err


def test_diff_of_invalid_data_exits_1(repo: Path) -> None:
    edit(repo / "verifications" / "hooli-tools.yaml", "grade: orange", "grade: ornage")
    code, out = diff(repo)
    assert code == EXIT_INVALID
    assert "error[not-one-of] grade must be one of green, orange, red (got 'ornage')" in out


def test_diff_judges_only_the_partners_the_change_touches(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The base's partners whose files are the head's come from the decision cache, as the head's own do.
    monkeypatch.setenv(CACHE_DIRECTORY_VARIABLE, str(tmp_path / "cache"))
    diff(repo)
    judged: list[str] = []
    decide = PartnerJudge.decisions

    def counted(judge: PartnerJudge, as_of: dt.date) -> Any:
        judged.append(judge.partner.id)
        return decide(judge, as_of)

    monkeypatch.setattr(PartnerJudge, "decisions", counted)
    change_the_data(repo)
    assert diff(repo) == (EXIT_OK, EXPECTED_TEXT)
    assert sorted(judged) == ["paperclip-parade", "velvet-anvil"]


def test_the_base_is_exported_without_links_or_names_that_climb(tmp_path: Path, repo: Path) -> None:
    (repo / "partners" / "acme-cloudworks" / "link.yaml").symlink_to("../../../../outside.yaml")
    git(repo.parent, "add", "data")
    git(repo.parent, "commit", "-q", "-m", "a link")
    exported = export_base_data(repo, "HEAD", tmp_path / "base")
    assert (exported / "partners" / "acme-cloudworks" / "partner.yaml").read_bytes() == (
        repo / "partners" / "acme-cloudworks" / "partner.yaml"
    ).read_bytes()
    assert not (exported / "partners" / "acme-cloudworks" / "link.yaml").is_symlink()
    assert not (exported / "partners" / "acme-cloudworks" / "link.yaml").exists()
    # git never names a path that climbs out of the data; one that did is refused, nothing written.
    for name in (b"../escaped.yaml", b"/absolute.yaml", b"data/../../escaped.yaml"):
        with pytest.raises(BaseTreeError, match="git names the file"):
            _write_files([(name, b"id:")], tmp_path / "hostile")
    assert not (tmp_path / "escaped.yaml").exists()
    assert not (tmp_path / "hostile").exists() or not any((tmp_path / "hostile").rglob("*"))


def test_the_base_of_a_data_directory_git_does_not_have_exits_2(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A commit from before the data directory existed.
    (repo.parent / "README").write_text("before the data\n", encoding="utf-8")
    git(repo.parent, "checkout", "-q", "--orphan", "bare")
    git(repo.parent, "rm", "-q", "-r", "--cached", "data")
    git(repo.parent, "add", "README")
    git(repo.parent, "commit", "-q", "-m", "no data")
    bare = git(repo.parent, "rev-parse", "HEAD").strip()
    with pytest.raises(SystemExit) as exit_info:
        run("diff", "--base", bare, "--data", str(repo), "--as-of", AS_OF)
    assert exit_info.value.code == EXIT_USAGE
    assert "cannot read data/ at" in capsys.readouterr().err


EVIL_NAME = "Evil [x](https://evil.example.com) @someone"


def add_evil_partner(data: Path) -> None:
    directory = data / "partners" / "evil-corp"
    directory.mkdir()
    (directory / "partner.yaml").write_text(
        f'id: evil-corp\nname: "{EVIL_NAME}"\nwebsite: https://evil-corp.example.com\n'
        "security_contact:\n  email: security@evil-corp.example.com\neditors:\n  - evil-dev\n",
        encoding="utf-8",
    )


def test_markdown_escapes_partner_written_names(repo: Path) -> None:
    add_evil_partner(repo)
    code, out = diff(repo, "--format", "markdown")
    assert code == EXIT_OK
    assert out == (
        "### Trust impact against `HEAD`\n\n"
        "- **evil-corp**\n"
        "  - new partner Evil \\[x\\]\\(https://evil\\.example\\.com\\) \\@someone\n"
    )
    html = MarkdownIt("commonmark").render(out)
    assert "<a " not in html
    assert "[x](https://evil.example.com) @someone" in html


def test_text_format_shows_the_name_as_written(repo: Path) -> None:
    add_evil_partner(repo)
    assert diff(repo) == (EXIT_OK, f"evil-corp: new partner {EVIL_NAME}\n")


def test_a_new_partner_lists_its_apps_even_those_that_hold_no_badge(repo: Path) -> None:
    add_evil_partner(repo)
    apps = repo / "partners" / "evil-corp" / "apps"
    apps.mkdir()
    (apps / "evil-notes.yaml").write_text(
        "id: evil-notes\nname: Evil Notes\nhosting: [cloud]\nlisting_url: https://marketplace.example.com/evil-notes\n",
        encoding="utf-8",
    )
    assert diff(repo) == (EXIT_OK, f"evil-corp: new partner {EVIL_NAME}; new app evil-notes\n")
