"""A tree's state: any file or directory added, removed, renamed or written since it was taken is seen, by stat."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from generator.site import tree_state
from generator.site.tree_state import TreeState, take_tree_state


def _tree(root: Path) -> Path:
    (root / "apps" / "acme").mkdir(parents=True)
    (root / "apps" / "acme" / "index.html").write_text("<p>Acme</p>", encoding="utf-8")
    (root / "apps" / "index.html").write_text("<p>apps</p>", encoding="utf-8")
    (root / "index.html").write_text("<p>home</p>", encoding="utf-8")
    return root


def _state(root: Path) -> TreeState:
    state = take_tree_state([str(root)])
    assert state is not None
    assert state.unchanged()
    return state


def test_a_file_written_again_with_its_size_and_time_put_back_is_seen(tmp_path: Path) -> None:
    root = _tree(tmp_path / "site")
    page = root / "apps" / "acme" / "index.html"
    state = _state(root)
    status = page.stat()
    page.write_text("<p>Acne</p>", encoding="utf-8")
    os.utime(page, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert page.stat().st_size == status.st_size
    assert page.stat().st_mtime_ns == status.st_mtime_ns
    assert not state.unchanged()


@pytest.mark.parametrize(
    "change",
    [
        lambda root: (root / "apps" / "acme" / "new.html").write_text("new", encoding="utf-8"),
        lambda root: (root / "apps" / "acme" / "index.html").unlink(),
        lambda root: (root / "apps" / "acme").rename(root / "apps" / "acne"),
        lambda root: (root / "apps" / "empty").mkdir(),
        lambda root: (root / "index.html").chmod(0o600),
        lambda root: _copy(root / "index.html").replace(root / "index.html"),
        lambda root: os.utime(root / "apps" / "index.html", ns=(0, 0)),
    ],
    ids=["added", "removed", "folder renamed", "folder added", "mode", "replaced by a copy", "time"],
)
def test_any_change_below_the_root_is_seen(tmp_path: Path, change: object) -> None:
    root = _tree(tmp_path / "site")
    state = _state(root)
    change(root)  # type: ignore[operator]
    assert not state.unchanged()


def _copy(path: Path) -> Path:
    copy = path.with_name(f"{path.name}.tmp")
    copy.write_bytes(path.read_bytes())
    return copy


def test_the_root_removed_or_replaced_is_seen(tmp_path: Path) -> None:
    root = _tree(tmp_path / "site")
    state = _state(root)
    root.rename(tmp_path / "old")
    assert not state.unchanged()
    _tree(root)
    assert not state.unchanged()


def test_a_state_is_checked_without_listing_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _tree(tmp_path / "site")
    state = _state(root)

    def no_listing(*arguments: object) -> None:
        raise AssertionError("listed")

    monkeypatch.setattr(os, "scandir", no_listing)
    assert state.unchanged()


def test_a_state_survives_its_json_and_anything_else_is_none(tmp_path: Path) -> None:
    root = _tree(tmp_path / "site")
    state = _state(root)
    again = TreeState.from_json(state.to_json())
    assert again == state
    assert again is not None
    assert again.unchanged()
    for broken in (None, [], {"roots": ["x"]}, {"roots": [1], "directories": [None], "digest": "d"}):
        assert TreeState.from_json(broken) is None


def test_files_as_roots(tmp_path: Path) -> None:
    settings = tmp_path / "settings.py"
    settings.write_text("A = 1\n", encoding="utf-8")
    root = _tree(tmp_path / "site")
    state = take_tree_state([str(settings), str(root)])
    assert state is not None
    assert state.unchanged()
    settings.write_text("A = 2\n", encoding="utf-8")
    assert not state.unchanged()


def test_sources_leave_out_bytecode_and_refuse_links(tmp_path: Path) -> None:
    root = _tree(tmp_path / "code")
    (root / "__pycache__").mkdir()
    (root / "module.pyc").write_bytes(b"compiled")
    state = take_tree_state([str(root)], sources=True)
    assert state is not None
    (root / "__pycache__" / "module.cpython-311.pyc").write_bytes(b"compiled")
    assert state.unchanged()
    (root / "apps" / "link.html").symlink_to(root / "index.html")
    assert take_tree_state([str(root)], sources=True) is None
    # Links are states of their own in an output.
    assert take_tree_state([str(root)]) is not None


def test_a_settled_state_is_none_while_a_file_is_new(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _tree(tmp_path / "data")
    assert take_tree_state([str(root)], settled=True) is None
    later = time.time_ns() + tree_state.RACY_NANOSECONDS + 1_000_000_000
    monkeypatch.setattr(tree_state.time, "time_ns", lambda: later)
    settled = take_tree_state([str(root)], settled=True)
    assert settled is not None
    assert settled == take_tree_state([str(root)])


def test_an_unreadable_root_has_no_state(tmp_path: Path) -> None:
    assert take_tree_state([str(tmp_path / "missing")]) is None
