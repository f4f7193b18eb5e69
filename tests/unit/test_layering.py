"""The stage packages' import rules (pyproject.toml, [tool.importlinter]) hold, cover every stage, and can fail."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    # PYTHONPATH first, so that the copy of the package under `root` is the one analysed, not the installed one.
    environment = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-logo", "--no-cache"],
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def _stage_layers() -> list[str]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    (stages,) = [contract for contract in contracts if contract["id"] == "stages"]
    return [name.strip() for layer in stages["layers"] for name in layer.split("|")]


def test_every_contract_is_kept() -> None:
    result = _lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_every_top_level_module_and_package_is_a_stage() -> None:
    entries = {
        f"generator.{path.stem}"
        for path in (REPO / "generator").iterdir()
        if path.name not in ("__init__.py", "__main__.py", "__pycache__")
        and (path.suffix == ".py" or (path / "__init__.py").is_file())
    }
    assert entries == set(_stage_layers())


@pytest.mark.parametrize(
    ("importer", "imported"),
    [
        ("policy/engine.py", "generator.views.words"),  # a lower stage importing a higher one
        ("outputs/feeds.py", "generator.outputs.api"),  # one output module importing another
        ("cli/main.py", "generator.pelican_plugin"),  # the command line reaching Pelican
    ],
)
def test_a_forbidden_import_breaks_the_lint(tmp_path: Path, importer: str, imported: str) -> None:
    shutil.copytree(REPO / "generator", tmp_path / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    with (tmp_path / "generator" / importer).open("a", encoding="utf-8") as module:
        module.write(f"\nimport {imported}  # noqa: F401, E402\n")
    result = _lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "0 broken" not in result.stdout
    module = "generator." + importer.removesuffix(".py").replace("/", ".")
    assert f"{module} -> {imported}" in result.stdout


def test_unit_test_folders_mirror_the_stage_packages() -> None:
    folders = {
        path.name for path in (REPO / "tests" / "unit").iterdir() if path.is_dir() and path.name != "__pycache__"
    }
    stages = {name.removeprefix("generator.") for name in _stage_layers()}
    assert folders <= stages, f"test folders that name no stage package: {sorted(folders - stages)}"
