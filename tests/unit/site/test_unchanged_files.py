"""Writing only what changed, and removing what a build did not write."""

from __future__ import annotations

import errno
import os
import stat
import threading
from pathlib import Path

import pytest

from generator.site.unchanged_files import move_if_changed, remove_unwritten, write_if_changed


def test_a_file_with_the_same_bytes_is_not_written_again(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b.json"
    assert write_if_changed(path, b"{}\n")
    os.utime(path, ns=(1, 1))
    assert not write_if_changed(path, b"{}\n")
    assert path.stat().st_mtime_ns == 1
    assert write_if_changed(path, b"{ }\n")
    assert path.read_bytes() == b"{ }\n"
    assert path.stat().st_mtime_ns != 1
    assert sorted(p.name for p in path.parent.iterdir()) == ["b.json"]


def test_a_changed_file_hard_linked_elsewhere_leaves_the_other_copy_alone(tmp_path: Path) -> None:
    published = tmp_path / "published.html"
    published.write_bytes(b"old")
    path = tmp_path / "next.html"
    os.link(published, path)
    assert write_if_changed(path, b"new")
    assert published.read_bytes() == b"old"
    assert path.read_bytes() == b"new"


def test_files_not_written_and_emptied_directories_are_removed_but_retained_ones_kept(tmp_path: Path) -> None:
    for name in ("index.html", "apps/gone/index.html", "apps/kept/index.html", ".git/HEAD", "x/y/z.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name, encoding="utf-8")
    removed = remove_unwritten(tmp_path, {"index.html", "apps/kept/index.html"}, [".git"])
    assert removed == ["apps/gone/index.html", "x/y/z.txt"]
    left = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    assert left == [".git", ".git/HEAD", "apps", "apps/kept", "apps/kept/index.html", "index.html"]


def test_a_link_not_written_is_removed_without_following_it(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "inner").mkdir(parents=True)
    (elsewhere / "inner" / "page.html").write_text("not ours", encoding="utf-8")
    output = tmp_path / "output"
    (output / "apps" / "kept").mkdir(parents=True)
    (output / "apps" / "kept" / "index.html").write_text("kept", encoding="utf-8")
    (output / "apps" / "gone").symlink_to(elsewhere, target_is_directory=True)
    (output / "apps" / "kept" / "old.html").symlink_to(elsewhere / "inner" / "page.html")
    (output / "feeds").mkdir()
    (output / "feeds" / "dangling.xml").symlink_to(tmp_path / "nowhere.xml")

    removed = remove_unwritten(output, {"apps/kept/index.html"})

    assert removed == ["apps/gone", "apps/kept/old.html", "feeds/dangling.xml"]
    left = sorted(p.relative_to(output).as_posix() for p in output.rglob("*"))
    assert left == ["apps", "apps/kept", "apps/kept/index.html"]
    assert (elsewhere / "inner" / "page.html").read_text(encoding="utf-8") == "not ours"


def test_a_directory_emptied_of_empty_directories_goes_and_the_output_stays(tmp_path: Path) -> None:
    (tmp_path / "a" / "b" / "c").mkdir(parents=True)
    (tmp_path / "a" / "b" / "c" / "old.json").write_text("{}", encoding="utf-8")
    (tmp_path / "a" / "empty").mkdir()
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "new.json").write_text("{}", encoding="utf-8")

    assert remove_unwritten(tmp_path, {"d/new.json"}) == ["a/b/c/old.json"]
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == ["d", "d/new.json"]
    assert remove_unwritten(tmp_path, set()) == ["d/new.json"]
    assert tmp_path.is_dir()
    assert list(tmp_path.iterdir()) == []


def test_a_file_of_the_same_size_with_other_bytes_is_written(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(b"<p>old</p>")
    os.utime(path, ns=(1, 1))
    assert write_if_changed(str(path), b"<p>new</p>")
    assert path.read_bytes() == b"<p>new</p>"
    assert not write_if_changed(str(path), b"<p>new</p>")


def test_a_fifo_at_the_path_is_written_over_without_waiting_for_a_writer(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    os.mkfifo(path)
    written: list[bool] = []
    worker = threading.Thread(target=lambda: written.append(write_if_changed(path, b"")), daemon=True)
    worker.start()
    worker.join(timeout=10)
    if worker.is_alive():
        # Waiting for a writer to the FIFO: become one, so that the thread ends, and fail.
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("write_if_changed waited for a writer to a FIFO")
    assert written == [True]
    assert path.is_file()
    assert path.read_bytes() == b""


def _made(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    path.chmod(0o600)
    return path


def test_a_made_file_is_moved_into_place_unless_the_same_bytes_are_there(tmp_path: Path) -> None:
    target = tmp_path / "site" / "pagefind" / "fragment" / "a.pf_fragment"
    made = _made(tmp_path / "scratch" / "a", b"first")
    inode = made.stat().st_ino
    assert move_if_changed(made, target)
    assert not made.exists()
    assert target.read_bytes() == b"first"
    assert target.stat().st_ino == inode
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    os.utime(target, ns=(1, 1))
    again = _made(tmp_path / "scratch" / "b", b"first")
    assert not move_if_changed(again, target)
    assert again.exists()
    assert target.stat().st_mtime_ns == 1
    published = tmp_path / "published"
    os.link(target, published)
    assert move_if_changed(_made(tmp_path / "scratch" / "c", b"second"), target)
    assert target.read_bytes() == b"second"
    assert published.read_bytes() == b"first"


def test_a_file_made_on_another_file_system_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made = _made(tmp_path / "scratch" / "a", b"bytes")
    rename = Path.replace

    def across_devices(self: Path, target: str) -> Path:
        # The made file cannot be renamed; write_if_changed's own temporary file can.
        if self == made:
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        return rename(self, target)

    monkeypatch.setattr(Path, "replace", across_devices)
    target = tmp_path / "site" / "a"
    assert move_if_changed(made, target)
    assert target.read_bytes() == b"bytes"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_any_other_failure_to_move_is_raised(tmp_path: Path) -> None:
    target = tmp_path / "site" / "a"
    target.mkdir(parents=True)
    (target / "inside").write_bytes(b"")
    with pytest.raises(IsADirectoryError):
        move_if_changed(_made(tmp_path / "scratch" / "a", b"bytes"), target)


def test_a_link_to_nothing_at_the_path_is_replaced_by_the_made_file(tmp_path: Path) -> None:
    target = tmp_path / "site" / "a"
    target.parent.mkdir()
    target.symlink_to(tmp_path / "nowhere")
    assert move_if_changed(_made(tmp_path / "scratch" / "a", b"bytes"), target)
    assert not target.is_symlink()
    assert target.read_bytes() == b"bytes"
