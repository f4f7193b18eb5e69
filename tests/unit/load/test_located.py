"""One record file loaded and validated: every problem of the file in one run, none reported twice."""

from __future__ import annotations

from pathlib import Path

from generator.load.located import load_record
from generator.records.evidence import Verification

VERIFICATION = """\
partner: tiny-corp
caiq_lite:
  - grade: gren
    assessed_on: 2026-02-10
certificate_checks:
  - certification: iso27001
    checked_on: 2026-02-12
    outcome: yes
apps:
  tiny-app:
    vulnerability_scans:
      - scanned_on: 2026-11-02
        result: pased
        scanner: Example Scanner 4
"""


def test_an_ambiguous_scalar_does_not_hide_the_rest_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "tiny-corp.yaml"
    path.write_text(VERIFICATION, encoding="utf-8")
    located, problems = load_record(path, Verification)
    assert located is None
    found = sorted((p.location.line, p.code) for p in problems if p.location is not None)
    # The typos before and after the 'yes' are reported in the same run, and the 'yes' once, by the loader:
    # the model's "outcome must be one of confirmed, rejected (got 'yes')" would say the same again.
    assert found == [(3, "not-one-of"), (8, "yaml11-boolean"), (13, "not-one-of")]
