"""The committed CODEOWNERS is the generated one, and it gives every path the owners check-pr gives it."""

from __future__ import annotations

import subprocess
from pathlib import Path, PurePosixPath

import pytest

from generator.load.catalog import load_records
from generator.review.codeowners import CODEOWNERS_FILE, repository_codeowners
from generator.review.ownership import owners_of

REPO = Path(__file__).resolve().parents[3]
DATA = PurePosixPath("data")
# Paths no file holds yet, where a pull request might add one.
NEW_PATHS = [
    "data/partners/acme-cloudworks/apps/acme-new.yaml",
    "data/partners/acme-cloudworks/logo.webp",
    "data/partners/newco/partner.yaml",
    "data/partners/README.md",
    "data/program/limits.yaml",
    "data/verifications/newco.yaml",
    ".github/workflows/new.yml",
    "sitecustomize.py",
]


def _codeowners_rules(text: str) -> list[tuple[str, frozenset[str]]]:
    """(pattern, owners) in file order; only the two pattern shapes the generator writes are understood."""
    rules = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, *owners = line.split()
        assert pattern == "*" or (pattern.startswith("/") and pattern.endswith("/")), pattern
        rules.append((pattern, frozenset(owner.removeprefix("@").casefold() for owner in owners)))
    return rules


def _codeowners_owners(rules: list[tuple[str, frozenset[str]]], path: str) -> frozenset[str]:
    """GitHub's reading: the last matching line wins."""
    owners: frozenset[str] = frozenset()
    for pattern, handles in rules:
        if pattern == "*" or f"/{path}".startswith(pattern):
            owners = handles
    return owners


def _tracked_paths() -> list[str]:
    listing = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout
    return listing.splitlines()


def test_the_committed_codeowners_is_the_generated_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    committed = (REPO / CODEOWNERS_FILE).read_text(encoding="utf-8")
    assert committed == repository_codeowners(REPO, REPO / "data"), "run: python -m generator codeowners"


def test_codeowners_and_check_pr_agree_on_every_path() -> None:
    loaded = load_records(REPO / "data")
    assert loaded.repository is not None
    editors = {directory: located.record.editors for directory, located in loaded.partners}
    maintainers = loaded.repository.record.maintainers
    rules = _codeowners_rules((REPO / CODEOWNERS_FILE).read_text(encoding="utf-8"))
    paths = [*_tracked_paths(), *NEW_PATHS]
    disagree = [
        path
        for path in paths
        if _codeowners_owners(rules, path) != owners_of(PurePosixPath(path), DATA, editors, maintainers)
    ]
    assert disagree == []
    # Both ways of reading really differ between the two kinds of path.
    assert _codeowners_owners(rules, NEW_PATHS[0]) > _codeowners_owners(rules, "pelicanconf.py")
