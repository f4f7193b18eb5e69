"""One case per error code, each with the exact report a partner would see, and the error-code docs.

Every case starts from the smallest valid data tree, tests/fixtures/minimal/data/, copied into a scratch
directory. A case directory, tests/fixtures/invalid/<code>/, named exactly by its code, then holds:

- `expected.txt`: the exact stdout of `python -m generator validate data --as-of 2026-11-24`, run with the
  working directory at the copy's root (so paths print as `data/partners/…`);
- `overlay/` (optional): files copied over the copy, at the same paths (`overlay/data/…`);
- `remove.txt` (optional): paths to delete from the copy, one a line (`data/program/timeline.yaml`);
- `symlinks.txt` (optional): `link -> target` lines; the links are made at run time, so every fixture in
  the repository is a plain file whatever the platform or checkout settings;
- `pad.txt` (optional): `path size` lines; the file is padded with YAML comment lines to exactly `size`
  bytes, so that the `file-too-large` case is not a 300 KiB file in the repository;
- `unreadable.txt` (optional): paths whose reading fails with "Permission denied". Tests may run as root,
  which reads a file whatever its mode, so `Path.read_bytes` is patched to fail for these paths.

To refresh every expected.txt after a deliberate change of wording, run the tests with UPDATE_EXPECTED=1,
then read `git diff tests/fixtures` line by line before committing.

To add a code: add the case directory, write its input by hand, run the validator from a copy, read the
output critically, save it as expected.txt, and document the code in docs/errors.md.
"""

from __future__ import annotations

import io
import os
import re
import shutil
from pathlib import Path

import pytest

from generator.cli.main import main
from generator.load import file_index, record_cache
from generator.load.cache import CACHE_DIRECTORY_VARIABLE, CACHE_SWITCH_VARIABLE

REPO = Path(__file__).resolve().parents[3]
MINIMAL = REPO / "tests" / "fixtures" / "minimal"
CASES = REPO / "tests" / "fixtures" / "invalid"
ERRORS_DOC = REPO / "docs" / "errors.md"
ARGS = ["validate", "data", "--as-of", "2026-11-24"]
# Codes reported as warnings: the data is still valid, so validate exits 0.
WARNING_CODES = frozenset(
    {"bad-modeline", "unused-file", "tier-at-risk", "tier-suspended", "tier-pending", "changed-since-verified"}
)
# A documented code: a list item starting with the code in backticks and an em dash.
DOC_ENTRY = re.compile(r"^- `([a-z0-9]+(?:-[a-z0-9]+)*)` —", re.MULTILINE)
# The docs' worked example: the first code block under "How to read an error", copied from this case.
DOC_EXAMPLE = re.compile(r"^## How to read an error\n.*?^```\n(.*?)^```$", re.MULTILINE | re.DOTALL)
DOC_EXAMPLE_CODE = "duplicate-name"
PAD_LINE = b"# padding\n"

CODES = sorted(path.name for path in CASES.iterdir() if path.is_dir())


def _lines(path: Path) -> list[str]:
    """The non-blank lines of an optional instruction file."""
    if not path.is_file():
        return []
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _pad(path: Path, size: int) -> None:
    """Append YAML comment lines (and a last partial comment) until the file is exactly `size` bytes."""
    data = path.read_bytes()
    missing = size - len(data)
    assert missing > 0, f"{path} is already {len(data)} bytes"
    lines, rest = divmod(missing, len(PAD_LINE))
    path.write_bytes(data + PAD_LINE * lines + b"#" * rest)


def _make_unreadable(monkeypatch: pytest.MonkeyPatch, paths: set[Path]) -> None:
    read_bytes = Path.read_bytes
    read_plain_file = record_cache._read_plain_file

    def failing_read_bytes(self: Path) -> bytes:
        if self.resolve() in paths:
            raise PermissionError(13, "Permission denied", str(self))
        return read_bytes(self)

    def failing_read_plain_file(path: Path) -> bytes | None:
        # The record cache reads with os.open, and leaves a file it cannot read to the loader, which reports it.
        return None if path.resolve() in paths else read_plain_file(path)

    monkeypatch.setattr(Path, "read_bytes", failing_read_bytes)
    monkeypatch.setattr(record_cache, "_read_plain_file", failing_read_plain_file)


def _build_case(case: Path, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The minimal tree under `root`, broken as the case directory says."""
    shutil.copytree(MINIMAL / "data", root / "data")
    if (case / "overlay").is_dir():
        shutil.copytree(case / "overlay", root, dirs_exist_ok=True)
    for line in _lines(case / "remove.txt"):
        (root / line).unlink()
    for line in _lines(case / "symlinks.txt"):
        link, target = (part.strip() for part in line.split("->"))
        (root / link).symlink_to(target)
    for line in _lines(case / "pad.txt"):
        name, size = line.split()
        _pad(root / name, int(size))
    unreadable = {(root / line).resolve() for line in _lines(case / "unreadable.txt")}
    if unreadable:
        _make_unreadable(monkeypatch, unreadable)


def _validate(monkeypatch: pytest.MonkeyPatch, root: Path) -> tuple[int, str]:
    monkeypatch.chdir(root)
    out = io.StringIO()
    code = main(ARGS, stdout=out)
    return code, out.getvalue()


@pytest.mark.parametrize("code", CODES)
def test_error_code_report(code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = CASES / code
    expected = (case / "expected.txt").read_text(encoding="utf-8")
    _build_case(case, tmp_path, monkeypatch)

    exit_code, output = _validate(monkeypatch, tmp_path)

    if os.environ.get("UPDATE_EXPECTED") == "1":
        # After a deliberate change of wording: rewrite, then read every changed file before committing.
        (case / "expected.txt").write_text(output, encoding="utf-8")
        expected = output
    assert output == expected
    # Guards the fixture itself: the case must show the code it is named after.
    assert f"[{code}]" in expected
    assert exit_code == (0 if code in WARNING_CODES else 1)


@pytest.mark.parametrize("remembered", [False, True], ids=["files-read", "files-known-by-stat"])
@pytest.mark.parametrize("code", CODES)
def test_error_code_report_is_the_same_from_the_cache(
    code: str, remembered: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The report with the cache off, with an empty cache, and with the cache that run left: byte for byte.

    The case's files were just written: the file index reads them again on the warm run, unless told that they
    are old enough to be known by their stat (then the warm run reads none of them unless a problem quotes it).
    """
    if remembered:
        monkeypatch.setattr(file_index, "RACY_NANOSECONDS", 0)
    _build_case(CASES / code, tmp_path / "data-root", monkeypatch)
    monkeypatch.setenv(CACHE_SWITCH_VARIABLE, "0")
    without = _validate(monkeypatch, tmp_path / "data-root")
    monkeypatch.setenv(CACHE_SWITCH_VARIABLE, "1")
    monkeypatch.setenv(CACHE_DIRECTORY_VARIABLE, str(tmp_path / "cache"))
    cold = _validate(monkeypatch, tmp_path / "data-root")
    warm = _validate(monkeypatch, tmp_path / "data-root")

    assert cold == without
    assert warm == without
    assert (tmp_path / "cache" / "records.pack").is_file()


def test_minimal_tree_is_valid(monkeypatch: pytest.MonkeyPatch) -> None:
    exit_code, output = _validate(monkeypatch, MINIMAL)

    assert output == "ok: 1 partner, 1 app, 1 verification record checked in data, as of 2026-11-24\n"
    assert exit_code == 0


def test_every_documented_code_has_a_case_and_every_case_is_documented() -> None:
    documented = DOC_ENTRY.findall(ERRORS_DOC.read_text(encoding="utf-8"))

    assert len(documented) == len(set(documented)), "a code is documented twice"
    assert set(documented) == set(CODES)


def test_docs_example_is_a_real_report() -> None:
    example = DOC_EXAMPLE.search(ERRORS_DOC.read_text(encoding="utf-8"))

    assert example is not None, "docs/errors.md has no example under 'How to read an error'"
    assert example.group(1) == (CASES / DOC_EXAMPLE_CODE / "expected.txt").read_text(encoding="utf-8")
