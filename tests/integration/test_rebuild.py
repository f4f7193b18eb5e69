"""Rebuilding into the same output: unchanged files are left alone, changed ones rewritten, stale ones removed.

Every check compares the modification time (in nanoseconds) of every file under the output before and after.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pelican
import pytest
from pelican import Pelican
from pelican.settings import read_settings

from generator import build as build_module
from generator.pelican_plugin import up_to_date
from generator.pelican_plugin.writer import UnchangedFilesWriter
from generator.site import build_state
from generator.site.build_state import state_file
from generator.site.kept_files import KeptPartnerFiles
from generator.site.unchanged_files import remove_unwritten
from generator.views.page_models import PartnerView

REPO = Path(__file__).resolve().parents[2]
AS_OF = "2026-11-24"
CHANGED_APP = "globex-ledger"
CHANGED_PARTNER = "globex-integrations"


def build(data: Path, output: Path, **settings: object) -> Path:
    """A real Pelican build of `data` into `output`, as of the fixed date."""
    override = {"OUTPUT_PATH": str(output), "TRUST_DATA_PATH": str(data), "TRUST_AS_OF": AS_OF, **settings}
    Pelican(read_settings(str(REPO / "pelicanconf.py"), override=override)).run()
    return output


def modification_times(output: Path) -> dict[str, int]:
    return {
        path.relative_to(output).as_posix(): path.stat().st_mtime_ns for path in output.rglob("*") if path.is_file()
    }


def rewritten(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {path for path, mtime in after.items() if before.get(path) != mtime}


@pytest.fixture(scope="module")
def rebuilds(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """The modification times after a first build, a rebuild of the same data, and one after an app changed."""
    scratch = tmp_path_factory.mktemp("rebuild")
    data = scratch / "data"
    shutil.copytree(REPO / "data", data)
    output = build(data, scratch / "site")
    first = modification_times(output)
    build(data, output)
    same = modification_times(output)
    app = data / "partners" / CHANGED_PARTNER / "apps" / f"{CHANGED_APP}.yaml"
    text = app.read_text(encoding="utf-8")
    app.write_text(text.replace("description: |\n", "description: |\n  Now with overtime rules.\n\n", 1), "utf-8")
    build(data, output)
    return first, same, modification_times(output)


def test_a_rebuild_of_unchanged_data_rewrites_no_file(
    rebuilds: tuple[dict[str, int], dict[str, int], dict[str, int]],
) -> None:
    first, same, _ = rebuilds
    assert len(first) > 500
    assert same.keys() == first.keys()
    assert rewritten(first, same) == set()


def test_a_changed_app_rewrites_only_the_files_that_show_it(
    rebuilds: tuple[dict[str, int], dict[str, int], dict[str, int]],
) -> None:
    _, same, changed = rebuilds
    # Pagefind names its index files by their content: the changed ones replace others.
    assert {p for p in changed if not p.startswith("pagefind/")} == {p for p in same if not p.startswith("pagefind/")}
    files = rewritten(same, changed)
    # The description shows on the app's own page and in its API file (the summary: listings show none of it),
    # and in the search index; Pagefind rewrites only the index files holding its words.
    assert {path for path in files if not path.startswith("pagefind/")} == {
        f"apps/{CHANGED_APP}/index.html",
        f"api/v1/apps/{CHANGED_APP}.json",
    }
    assert any(path.startswith("pagefind/fragment/") for path in files)
    # Nothing about another partner, another app, the theme or the schemas, nor Pagefind's script.
    for path in (
        f"partners/{CHANGED_PARTNER}/index.html",
        "partners/acme-cloudworks/index.html",
        "apps/acme-sync/index.html",
        "apps/globex-connector/index.html",
        "api/v1/partners/acme-cloudworks.json",
        "feeds/partners/acme-cloudworks.atom.xml",
        "theme/css/site.css",
        "pagefind/pagefind.js",
    ):
        assert path in same
        assert path not in files
    assert len([path for path in files if path.startswith("pagefind/")]) < 20


def test_a_record_removed_since_the_last_build_leaves_no_file_behind(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    output = build(data, tmp_path / "site")
    (output / ".git").mkdir()
    (output / ".git" / "HEAD").write_text("kept", encoding="utf-8")
    assert (output / "apps" / "quibble-timesheets" / "index.html").is_file()
    (data / "partners" / "quibble-sons" / "apps" / "quibble-timesheets.yaml").unlink()
    build(data, output, OUTPUT_RETENTION=[".git"])
    assert not (output / "apps" / "quibble-timesheets").exists()
    assert not (output / "api" / "v1" / "apps" / "quibble-timesheets.json").exists()
    assert not (output / "feeds" / "apps" / "quibble-timesheets.atom.xml").exists()
    assert "quibble-timesheets" not in (output / "apps" / "index.html").read_text(encoding="utf-8")
    # What Pelican's OUTPUT_RETENTION names is kept, as Pelican's own clean-up keeps it.
    assert (output / ".git" / "HEAD").read_text(encoding="utf-8") == "kept"


def test_the_output_equals_a_fresh_build_after_changes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    output = build(data, tmp_path / "site")
    (data / "partners" / "quibble-sons" / "apps" / "quibble-timesheets.yaml").unlink()
    (output / "stale.html").write_text("<p>from another build</p>", encoding="utf-8")
    build(data, output)
    fresh = build(data, tmp_path / "fresh")
    assert _contents(output) == _contents(fresh)


def _contents(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def command_setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A copy of the demo data and an output directory, named in the environment as the build command reads them."""
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    monkeypatch.setenv("TRUST_DATA_PATH", str(data))
    monkeypatch.setenv("TRUST_AS_OF", AS_OF)
    return data, tmp_path / "output"


def test_the_build_command_skips_a_build_whose_output_is_up_to_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data, output = command_setup(tmp_path, monkeypatch)
    command = ["--settings", str(REPO / "pelicanconf.py"), "-o", str(output)]
    assert up_to_date.main([*command, "--check"]) == up_to_date.NEEDS_BUILD
    assert up_to_date.main(command) == 0
    built = modification_times(output)
    capsys.readouterr()
    assert up_to_date.main([*command, "--check"]) == 0
    assert up_to_date.main(command) == 0
    assert "is up to date" in capsys.readouterr().out
    assert modification_times(output) == built
    # One byte of data changed: a build again.
    app = data / "partners" / CHANGED_PARTNER / "apps" / f"{CHANGED_APP}.yaml"
    app.write_text(app.read_text(encoding="utf-8").replace("description: |\n", "description: |\n  New.\n\n", 1))
    assert up_to_date.main([*command, "--check"]) == up_to_date.NEEDS_BUILD
    up_to_date.main(command)
    assert rewritten(built, modification_times(output))
    built = modification_times(output)
    assert up_to_date.main([*command, "--check"]) == 0
    # A page of the output written again by anyone but the build, its size and modification time put back.
    page = output / "apps" / "acme-sync" / "index.html"
    tamper_with(page)
    assert up_to_date.main([*command, "--check"]) == up_to_date.NEEDS_BUILD
    up_to_date.main(command)
    assert b"Acne" not in page.read_bytes()
    # A file added to the output, or removed from it.
    assert up_to_date.main([*command, "--check"]) == 0
    (output / "apps" / "stray.html").write_text("<p>stray</p>", encoding="utf-8")
    assert up_to_date.main([*command, "--check"]) == up_to_date.NEEDS_BUILD
    up_to_date.main(command)
    assert not (output / "apps" / "stray.html").exists()
    (output / "apps" / "acme-sync" / "index.html").unlink()
    assert up_to_date.main([*command, "--check"]) == up_to_date.NEEDS_BUILD


def test_the_build_command_answers_up_to_date_without_pelican(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, output = command_setup(tmp_path, monkeypatch)
    command = ["--settings", str(REPO / "pelicanconf.py"), "-o", str(output)]
    up_to_date.main(command)
    # As `invoke build` runs it (`--fatal` only there: in this process it would outlast the test).
    command += ["--fatal", "warnings"]
    check = (
        "import sys; from generator.pelican_plugin.up_to_date import main; status = main(sys.argv[1:]); "
        "print(status, sorted({m.split('.')[0] for m in sys.modules} & {'pelican', 'jinja2', 'pydantic', 'yaml'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", check, *command], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines()[-1] == "0 []"


@pytest.mark.parametrize(
    "arguments",
    [
        ["--settings", "pelicanconf.py"],
        ["-s", "publishconf.py", "-o", "site"],
        ["--settings=pelicanconf.py", "--output=~/site", "--fatal", "errors"],
        ["--settings", "{repo}/pelicanconf.py", "--output", "{repo}/../elsewhere/./site"],
    ],
)
def test_the_settings_read_without_pelican_are_pelicans(
    arguments: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    command_setup(tmp_path, monkeypatch)
    monkeypatch.chdir(REPO)
    arguments = [argument.format(repo=REPO) for argument in arguments]
    quick = up_to_date.quick_settings(arguments)
    assert quick is not None
    parsed = pelican.parse_arguments(arguments)
    assert up_to_date._inputs(quick) == up_to_date._inputs(read_settings(parsed.settings, pelican.get_config(parsed)))


@pytest.mark.parametrize(
    "arguments",
    [
        [],
        ["-o", "site"],
        ["--settings", "pelicanconf.py", "-t", "themes/trust"],
        ["-s=pelicanconf.py"],
        ["content"],
        ["--settings", "pelicanconf.py", "--fatal", "everything"],
        ["--settings", "missing.py"],
        ["--settings"],
    ],
)
def test_any_other_command_line_is_read_by_pelican(arguments: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    assert up_to_date.quick_settings(arguments) is None


RECORD_PAGE = re.compile(r"(apps|partners|badges|tiers)/[a-z0-9][a-z0-9-]*[a-z-][a-z0-9-]*/index\.html")


def record_pages_rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The record pages the builds from now on render (the demo is rendered in the build's own process)."""
    rendered: list[str] = []
    write_file = UnchangedFilesWriter.write_file

    def spy(self: UnchangedFilesWriter, name: str, *arguments: Any, **keywords: Any) -> None:
        if RECORD_PAGE.fullmatch(name):
            rendered.append(name)
        write_file(self, name, *arguments, **keywords)

    monkeypatch.setattr(UnchangedFilesWriter, "write_file", spy)
    return rendered


def tamper_with(path: Path) -> None:
    """Change a file of the output as someone else would, its size and modification time put back."""
    status = path.stat()
    path.write_bytes(path.read_bytes().replace(b"Acme", b"Acne"))
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))


def test_a_rebuild_renders_only_the_record_pages_whose_view_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    output = build(data, tmp_path / "site")
    record_pages = {path for path in modification_times(output) if RECORD_PAGE.fullmatch(path)}
    assert len(record_pages) > 40
    rendered = record_pages_rendered(monkeypatch)
    build(data, output)
    assert rendered == []
    # One app's description: that app's page, and its partner's, whose view holds the app's (the partner page's
    # bytes stay the same: it does not show the description).
    app = data / "partners" / CHANGED_PARTNER / "apps" / f"{CHANGED_APP}.yaml"
    app.write_text(app.read_text(encoding="utf-8").replace("description: |\n", "description: |\n  New.\n\n", 1))
    build(data, output)
    assert set(rendered) == {f"apps/{CHANGED_APP}/index.html", f"partners/{CHANGED_PARTNER}/index.html"}
    assert _contents(output) == _contents(build(data, tmp_path / "fresh"))
    # A page changed in the output by anyone but the build is rendered again, even with the same size and time.
    page = output / "apps" / "acme-sync" / "index.html"
    tamper_with(page)
    rendered.clear()
    build(data, output)
    assert rendered == ["apps/acme-sync/index.html"]
    assert b"Acne" not in page.read_bytes()
    # Another day: every record page says the date it is judged as of.
    rendered.clear()
    build(data, output, TRUST_AS_OF="2026-11-25")
    assert set(rendered) == record_pages


def test_a_rebuild_makes_only_the_other_files_of_the_partners_whose_files_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    output = build(data, tmp_path / "site")
    made: list[str] = []
    remember = KeptPartnerFiles.made

    def spy(self: KeptPartnerFiles, partner: PartnerView, paths: Iterable[str]) -> None:
        made.append(partner.id)
        remember(self, partner, paths)

    monkeypatch.setattr(KeptPartnerFiles, "made", spy)
    build(data, output)
    assert made == []
    # One app's description: its partner's API documents, feeds, status images and cards are made again.
    app = data / "partners" / CHANGED_PARTNER / "apps" / f"{CHANGED_APP}.yaml"
    app.write_text(app.read_text(encoding="utf-8").replace("description: |\n", "description: |\n  New.\n\n", 1))
    build(data, output)
    assert made == [CHANGED_PARTNER]
    assert _contents(output) == _contents(build(data, tmp_path / "fresh"))
    # A file changed in the output by anyone but the build is made again, even with the same size and time.
    document = output / "api" / "v1" / "apps" / "acme-sync.json"
    tamper_with(document)
    made.clear()
    build(data, output)
    assert made == ["acme-cloudworks"]
    assert b"Acne" not in document.read_bytes()


def test_the_build_command_reads_its_inputs_once_and_records_them_as_they_were_before_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, output = command_setup(tmp_path, monkeypatch)
    fingerprints: list[str] = []
    files_digest = build_state.files_digest

    def counted(*arguments: Any) -> str:
        fingerprints.append(files_digest(*arguments))
        return fingerprints[-1]

    app = data / "partners" / CHANGED_PARTNER / "apps" / f"{CHANGED_APP}.yaml"

    def remove_unwritten_after_an_edit(*arguments: Any) -> list[str]:
        # The data changes while the build writes, after it was read: the output is not the build of the new data.
        app.write_text(app.read_text(encoding="utf-8").replace("description: |\n", "description: |\n  New.\n\n", 1))
        return remove_unwritten(*arguments)

    monkeypatch.setattr(build_state, "files_digest", counted)
    monkeypatch.setattr(build_module, "remove_unwritten", remove_unwritten_after_an_edit)
    command = ["--settings", str(REPO / "pelicanconf.py"), "-o", str(output)]
    assert up_to_date.main(command) == 0
    assert len(fingerprints) == 1
    assert json.loads(state_file(output).read_text(encoding="utf-8"))["inputs"]["files"] == fingerprints[0]
    monkeypatch.setattr(build_module, "remove_unwritten", remove_unwritten)
    assert up_to_date.main([*command, "--check"]) == up_to_date.NEEDS_BUILD
