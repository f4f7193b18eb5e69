"""The fingerprints that let a build be skipped: any input changed, or any output touched, means a build."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

from generator.site.build_state import input_fingerprint, is_up_to_date, output_fingerprint, record_build, state_file

REPO = Path(__file__).resolve().parents[3]
DAY = dt.date(2026, 11, 24)


def _inputs(data: Path, as_of: dt.date = DAY, environment: dict[str, str] | None = None) -> str:
    return input_fingerprint(data, REPO / "content", REPO / "themes" / "trust", as_of, DAY, None, environment or {})


def test_the_inputs_fingerprint_changes_with_any_byte_date_or_setting(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    first = _inputs(data)
    assert _inputs(data) == first
    assert _inputs(data, as_of=DAY + dt.timedelta(days=1)) != first
    assert _inputs(data, environment={"TRUST_SITEURL": "https://example.org"}) != first
    partner = data / "partners" / "acme-cloudworks" / "partner.yaml"
    partner.write_bytes(partner.read_bytes() + b"\n")
    assert _inputs(data) != first


def test_an_output_is_up_to_date_only_untouched_and_for_the_same_inputs(tmp_path: Path) -> None:
    output = tmp_path / "output"
    (output / "apps").mkdir(parents=True)
    (output / "apps" / "index.html").write_text("<p>apps</p>", encoding="utf-8")
    record_build(output, "inputs-1")
    assert is_up_to_date(output, "inputs-1")
    assert not is_up_to_date(output, "inputs-2")
    # The state lies beside the output, never in it (it is not published), and is rewritten only on a change.
    assert state_file(output) == tmp_path / ".output.trust-build-state.json"
    assert not list(output.glob(".*"))
    written = state_file(output).stat().st_mtime_ns
    record_build(output, "inputs-1")
    assert state_file(output).stat().st_mtime_ns == written
    page = output / "apps" / "index.html"
    before = output_fingerprint(output)
    os.utime(page, ns=(page.stat().st_atime_ns, page.stat().st_mtime_ns + 1))
    assert output_fingerprint(output) != before
    assert not is_up_to_date(output, "inputs-1")


def test_no_state_or_a_broken_one_means_a_build(tmp_path: Path) -> None:
    output = tmp_path / "site"
    output.mkdir()
    assert not is_up_to_date(output, "inputs")
    state_file(output).write_text("{not json", encoding="utf-8")
    assert not is_up_to_date(output, "inputs")


def test_a_removed_output_means_a_build_though_its_state_is_left(tmp_path: Path) -> None:
    output = tmp_path / "site"
    output.mkdir()
    record_build(output, "inputs")
    shutil.rmtree(output)

    assert state_file(output).is_file()
    assert not is_up_to_date(output, "inputs")
