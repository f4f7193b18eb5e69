"""`python -m generator validate`: exit codes, formats, and no traceback whatever the input."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from generator.as_of import AsOfError, resolve_as_of
from generator.cli.main import EXIT_INVALID, EXIT_OK, EXIT_USAGE, main
from generator.load.cache import CACHE_SWITCH_VARIABLE
from generator.site import tree_state

REPO = Path(__file__).resolve().parents[3]


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), stdout=out)
    return code, out.getvalue()


@pytest.fixture
def broken_data(tmp_path: Path, demo_data: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the demo data with one bad grade, and the working directory beside it."""
    data = tmp_path / "data"
    shutil.copytree(demo_data, data)
    path = data / "verifications" / "acme-cloudworks.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("grade: green", "grade: gren", 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return data


def test_demo_data_is_valid(demo_data: Path) -> None:
    code, out = run("validate", str(demo_data), "--as-of", "2026-11-24")
    assert code == EXIT_OK
    *warnings, summary, ok = out.splitlines()
    # The at-risk and suspended tiers, the pending tier, and the claim changed since it was verified.
    assert summary == "0 errors, 4 warnings in 4 files"
    assert ok.startswith("ok: 13 partners, 32 apps, 12 verification records checked in ")
    assert ok.endswith(", as of 2026-11-24")
    assert any("warning[tier-at-risk] nimbus-noodle: platinum tier at risk" in line for line in warnings)
    assert any("warning[tier-pending] umbrella-labs: gold tier pending" in line for line in warnings)
    assert any("warning[changed-since-verified] iso27001 changed since" in line for line in warnings)


def test_bad_data_exits_1_with_a_compiler_style_report(broken_data: Path) -> None:
    code, out = run("validate", "data", "--as-of", "2026-11-24")
    assert code == EXIT_INVALID
    first, source, caret, field, hint, summary = out.splitlines()
    assert first.startswith("data/verifications/acme-cloudworks.yaml:")
    assert first.endswith(": error[not-one-of] grade must be one of green, orange, red (got 'gren')")
    assert source.endswith("grade: gren")
    assert caret.endswith("^^^^")
    assert field.startswith("   at caiq_lite[")
    assert hint == "   hint: did you mean 'green'?"
    assert summary == "1 error in 1 file"


def test_github_format_emits_workflow_annotations(broken_data: Path) -> None:
    code, out = run("validate", "data", "--format", "github", "--as-of", "2026-11-24")
    assert code == EXIT_INVALID
    annotation, summary = out.splitlines()
    assert annotation.startswith("::error file=data/verifications/acme-cloudworks.yaml,line=")
    assert ",title=not-one-of::grade must be one of green, orange, red (got 'gren')" in annotation
    assert annotation.endswith("; did you mean 'green'?")
    assert summary == "1 error in 1 file"


def test_a_single_file_is_checked_with_its_whole_data_root(broken_data: Path) -> None:
    good = "data/partners/acme-cloudworks/partner.yaml"
    assert run("validate", good, "--as-of", "2026-11-24")[0] == EXIT_OK
    code, out = run("validate", "data/verifications/acme-cloudworks.yaml", "--as-of", "2026-11-24")
    assert code == EXIT_INVALID
    assert "error[not-one-of]" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "no/such/dir"],
        ["validate", "--as-of", "2026-02-30"],
        ["validate", "--as-of", "tomorrow"],
        ["validate", "--format", "xml"],
        ["frobnicate"],
        [],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(argv)
    assert raised.value.code == EXIT_USAGE
    assert "usage:" in capsys.readouterr().err


def test_as_of_comes_from_the_flag_then_source_date_epoch_then_today() -> None:
    assert resolve_as_of("2024-02-29", {"SOURCE_DATE_EPOCH": "0"}) == dt.date(2024, 2, 29)
    assert resolve_as_of(None, {"SOURCE_DATE_EPOCH": "1700000000"}) == dt.date(2023, 11, 14)
    today = resolve_as_of(None, {})
    assert abs((today - dt.datetime.now(tz=dt.UTC).date()).days) <= 1
    with pytest.raises(AsOfError):
        resolve_as_of(None, {"SOURCE_DATE_EPOCH": "soon"})
    with pytest.raises(AsOfError):
        resolve_as_of("2024-2-1")


@pytest.mark.parametrize(
    "payload",
    [
        b"\xff\xfe\x00",
        b"- - - - -",
        b"a: [",
        b"!!binary AAAA",
        b"{" * 5000,
        b"\x00" * 10,
        b"partner: 1\n" * 3,
    ],
)
def test_no_input_ever_produces_a_traceback(tmp_path: Path, payload: bytes) -> None:
    data = tmp_path / "data"
    (data / "partners" / "some-partner" / "apps").mkdir(parents=True)
    (data / "program").mkdir()
    (data / "verifications").mkdir()
    for path in (
        data / "partners" / "some-partner" / "partner.yaml",
        data / "partners" / "some-partner" / "apps" / "some-app.yaml",
        data / "verifications" / "some-partner.yaml",
        data / "program" / "timeline.yaml",
        data / "program" / "policy.yaml",
        data / "program" / "repository.yaml",
    ):
        path.write_bytes(payload)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "validate", str(data), "--as-of", "2026-11-24"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == EXIT_INVALID
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.rstrip().endswith("in 6 files")


def test_a_partner_folder_shows_that_partners_problems_and_warnings_only(broken_data: Path, demo_data: Path) -> None:
    # acme-cloudworks has the broken grade (in its verification record).
    code, out = run("validate", "data/partners/acme-cloudworks", "--as-of", "2026-11-24")
    assert code == EXIT_INVALID
    assert out.startswith("data/verifications/acme-cloudworks.yaml:")
    assert "wobblebrook" not in out
    assert "nimbus-noodle" not in out
    assert out.splitlines()[-1] == "1 error in 1 file"

    # In the (valid) demo data, wobblebrook-widgets has a tier warning, and so has nimbus-noodle.
    folder = demo_data / "partners" / "wobblebrook-widgets"
    code, out = run("validate", str(folder), "--as-of", "2026-11-24")
    assert code == EXIT_OK
    assert "warning[tier-suspended] wobblebrook-widgets:" in out
    assert "nimbus-noodle" not in out
    assert out.splitlines()[-2:] == [
        "0 errors, 1 warning in 1 file",
        f"ok: {folder.as_posix()} checked, as of 2026-11-24",
    ]


def test_a_folder_inside_a_partner_shows_its_own_files_problems(broken_data: Path) -> None:
    app = broken_data / "partners" / "hooli-tools" / "apps" / "hooli-chat.yaml"
    app.write_text(app.read_text(encoding="utf-8").replace("hosting:", "hostng:", 1), encoding="utf-8")
    code, out = run("validate", "data/partners/hooli-tools/apps", "--as-of", "2026-11-24")
    assert code == EXIT_INVALID
    assert "unknown field 'hostng'" in out
    assert "acme-cloudworks" not in out


def test_a_file_changed_while_validate_checks_it_is_reported_without_a_traceback(
    demo_data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import generator.cli.main as cli
    from generator.load.record_cache import ChangedWhileCheckedError

    def changed(path: Path, *arguments: object) -> object:
        msg = f"{path}: the file changed while it was being checked; check it again"
        raise ChangedWhileCheckedError(msg)

    monkeypatch.setattr(cli, "validate_path", changed)
    # The report a run over the same untouched data left would be told without checking anything.
    monkeypatch.setenv(CACHE_SWITCH_VARIABLE, "0")
    code, out = run("validate", str(demo_data))
    assert code == EXIT_INVALID
    assert "the file changed while it was being checked; check it again" in capsys.readouterr().err
    assert "Traceback" not in out


@pytest.fixture
def counted_validations(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The paths validate checks from now on (rather than telling a remembered report)."""
    import generator.cli.main as cli

    checked: list[Path] = []
    validate_path = cli.validate_path

    def counted(path: Path, *arguments: Any) -> Any:
        checked.append(path)
        return validate_path(path, *arguments)

    monkeypatch.setattr(cli, "validate_path", counted)
    return checked


def _settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file as if written long enough ago that a later change shows in its stat."""
    later = time.time_ns() + tree_state.RACY_NANOSECONDS + 1_000_000_000
    monkeypatch.setattr(tree_state.time, "time_ns", lambda: later)


def test_the_report_of_untouched_data_is_told_again_and_any_change_checks_it_again(
    broken_data: Path, cache_dir: Path, counted_validations: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    _settled(monkeypatch)
    first = run("validate", "data", "--as-of", "2026-11-24")
    assert first[0] == EXIT_INVALID
    assert "error[not-one-of]" in first[1]
    assert len(counted_validations) == 1
    assert run("validate", "data", "--as-of", "2026-11-24") == first
    assert len(counted_validations) == 1
    # Another date, format or spelling of the path is another report.
    run("validate", "data", "--as-of", "2026-11-25")
    run("validate", "data", "--as-of", "2026-11-24", "--format", "github")
    run("validate", str(broken_data), "--as-of", "2026-11-24")
    assert len(counted_validations) == 4
    # The bad grade fixed, the file's size and modification time put back: checked again, and valid.
    path = broken_data / "verifications" / "acme-cloudworks.yaml"
    status = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("grade: gren", "grade: red ", 1), encoding="utf-8")
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert path.stat().st_size == status.st_size
    code, out = run("validate", "data", "--as-of", "2026-11-24")
    assert len(counted_validations) == 5
    assert code == EXIT_OK
    assert "error[" not in out
    # A file added anywhere in the tree.
    (broken_data / "partners" / "acme-cloudworks" / "notes.txt").write_text("hello", encoding="utf-8")
    code, out = run("validate", "data", "--as-of", "2026-11-24")
    assert len(counted_validations) == 6
    assert "unexpected-file" in out


def test_no_report_is_remembered_of_data_changed_seconds_ago(
    broken_data: Path, cache_dir: Path, counted_validations: list[Path]
) -> None:
    first = run("validate", "data", "--as-of", "2026-11-24")
    assert run("validate", "data", "--as-of", "2026-11-24") == first
    assert len(counted_validations) == 2


def test_a_partner_folder_or_a_file_is_checked_every_time(
    broken_data: Path, cache_dir: Path, counted_validations: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    _settled(monkeypatch)
    for path in ("data/partners/acme-cloudworks", "data/verifications/acme-cloudworks.yaml"):
        run("validate", path, "--as-of", "2026-11-24")
        run("validate", path, "--as-of", "2026-11-24")
    assert len(counted_validations) == 4


def test_what_the_modeline_check_looks_at_beside_the_data_is_watched_too(
    broken_data: Path, cache_dir: Path, counted_validations: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    _settled(monkeypatch)
    # Away from its repository, the data has no schema directory beside it: no modeline is judged.
    first = run("validate", "data", "--as-of", "2026-11-24")
    assert "bad-modeline" not in first[1]
    assert run("validate", "data", "--as-of", "2026-11-24") == first
    assert len(counted_validations) == 1
    # A schema directory appears beside the data, without the app schema: the apps' modelines point at nothing.
    schemas = broken_data.parent / "schema"
    schemas.mkdir()
    for path in (REPO / "schema").glob("*.schema.json"):
        if path.name != "app.schema.json":
            shutil.copyfile(path, schemas / path.name)
    code, out = run("validate", "data", "--as-of", "2026-11-24")
    assert len(counted_validations) == 2
    assert "warning[bad-modeline]" in out
    assert run("validate", "data", "--as-of", "2026-11-24") == (code, out)
    assert len(counted_validations) == 2
    # The app schema added: the warnings go.
    shutil.copyfile(REPO / "schema" / "app.schema.json", schemas / "app.schema.json")
    code, out = run("validate", "data", "--as-of", "2026-11-24")
    assert len(counted_validations) == 3
    assert "bad-modeline" not in out
    # The schema a modeline names, replaced by one of another kind's: seen, though the directory's names are the same.
    shutil.copyfile(REPO / "schema" / "partner.schema.json", schemas / "app.schema.json")
    run("validate", "data", "--as-of", "2026-11-24")
    assert len(counted_validations) == 4


def test_a_modeline_through_a_link_is_never_remembered(
    broken_data: Path, cache_dir: Path, counted_validations: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    _settled(monkeypatch)
    (broken_data.parent / "schema").symlink_to(REPO / "schema")
    run("validate", "data", "--as-of", "2026-11-24")
    run("validate", "data", "--as-of", "2026-11-24")
    assert len(counted_validations) == 2
