"""Editor modelines: a record's `$schema` comment names its own kind's schema, from where the file is."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.checks.modelines import modeline_problems
from generator.load.strict_yaml import load_bytes

PARTNER = "data/partners/acme/partner.yaml"


def _warnings(tmp_path: Path, relative: str, first_lines: str, kind: str = "partner") -> list[str]:
    for name in ("partner", "app"):
        (tmp_path / "schema").mkdir(exist_ok=True)
        (tmp_path / "schema" / f"{name}.schema.json").write_text("{}", encoding="utf-8")
    path = tmp_path / relative
    document, problems = load_bytes(f"{first_lines}id: acme\n".encode(), path)
    assert document is not None, problems
    return [p.message for p in modeline_problems(tmp_path / "data", [(kind, document)])]


@pytest.mark.parametrize(
    "first_lines",
    [
        "# yaml-language-server: $schema=../../../schema/partner.schema.json\n",
        "\n# Acme's profile.\n#   yaml-language-server:  $schema=../../../schema/partner.schema.json\n",
        "# No modeline at all: nothing to check.\n",
    ],
)
def test_a_right_or_absent_modeline_is_fine(tmp_path: Path, first_lines: str) -> None:
    assert _warnings(tmp_path, PARTNER, first_lines) == []


@pytest.mark.parametrize(
    ("first_lines", "target"),
    [
        # Copied from docs/reference/, one folder shallower: no such file.
        ("# yaml-language-server: $schema=../../schema/partner.schema.json\n", "../../schema/partner.schema.json"),
        # Another kind's schema.
        ("# yaml-language-server: $schema=../../../schema/app.schema.json\n", "../../../schema/app.schema.json"),
    ],
)
def test_a_modeline_naming_another_file_warns(tmp_path: Path, first_lines: str, target: str) -> None:
    assert _warnings(tmp_path, PARTNER, first_lines) == [
        f"the editor modeline points at '{target}', not at the partner schema: editors stop checking this file"
    ]


def test_a_modeline_after_the_first_record_line_is_not_a_modeline(tmp_path: Path) -> None:
    lines = "name: x\n# yaml-language-server: $schema=nowhere.json\n"
    assert _warnings(tmp_path, PARTNER, lines) == []
