"""The files a fingerprint reads: every source file under a root in one stable order, bytecode left out."""

from __future__ import annotations

import os
from pathlib import Path

from generator.load.code_fingerprint import CODE, source_files, source_paths


def _walked(root: Path) -> list[str]:
    """The listing as os.walk gives it, folders and names sorted: what source_paths must equal."""
    if root.is_file():
        return [str(root)]
    found = []
    for directory, folders, names in os.walk(root):
        folders[:] = sorted(f for f in folders if f != "__pycache__")
        found += [str(Path(directory) / name) for name in sorted(names) if not name.endswith(".pyc")]
    return found


def test_the_listing_is_that_of_a_sorted_walk(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "outside.yaml").write_text("x", encoding="utf-8")
    root = tmp_path / "data"
    for name in ("b.yaml", "a/z.yaml", "a/b/c.yaml", "a-b/x.py", "a/__pycache__/m.pyc", "m.pyc", "B/k.yaml"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(name, encoding="utf-8")
    (root / "a" / "linked").symlink_to(elsewhere, target_is_directory=True)
    (root / "a" / "file-link.yaml").symlink_to(elsewhere / "outside.yaml")
    (root / "a" / "dangling.yaml").symlink_to(tmp_path / "nowhere")

    listed = list(source_paths(root))

    assert listed == _walked(root)
    assert [Path(path).relative_to(root).as_posix() for path in listed] == [
        "b.yaml",
        "B/k.yaml",
        "a/dangling.yaml",
        "a/file-link.yaml",
        "a/z.yaml",
        "a/b/c.yaml",
        "a-b/x.py",
    ]
    assert [str(path) for path in source_files(root)] == listed
    assert list(source_paths(root / "b.yaml")) == [str(root / "b.yaml")]
    assert list(source_paths(tmp_path / "missing")) == []


def test_the_code_is_listed_as_a_walk_lists_it() -> None:
    assert list(source_paths(CODE)) == _walked(CODE)
