"""Release roots: the switch, the publication log, pruning and rollback, on small fake releases."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.publish import releases


def _publish(root: releases.ReleaseRoot, name: str) -> None:
    staging = releases.start_staging(root, name)
    (staging / "index.html").write_text(name, encoding="utf-8")
    releases.promote(root, staging)
    releases.switch(root, name)


@pytest.fixture
def root(tmp_path: Path) -> releases.ReleaseRoot:
    return releases.ReleaseRoot(tmp_path / "public")


def test_the_published_path_is_a_relative_symlink_to_the_last_release(root: releases.ReleaseRoot) -> None:
    _publish(root, "a")
    _publish(root, "b")
    assert root.current.readlink() == Path("releases/b")
    assert (root.current / "index.html").read_text(encoding="utf-8") == "b"
    assert releases.published(root) == ["a", "b"]
    assert not list(root.path.glob(".current.*"))


def test_a_name_in_use_gets_a_number(root: releases.ReleaseRoot) -> None:
    _publish(root, "2026-11-24-abc")
    assert releases.fresh_name(root, "2026-11-24-abc") == "2026-11-24-abc.2"
    assert releases.release_name(__import__("datetime").date(2026, 11, 24), "0123456789abcdef") == (
        "2026-11-24-0123456789ab"
    )


def test_rollback_goes_back_one_release_at_a_time(root: releases.ReleaseRoot) -> None:
    for name in ("a", "b", "c"):
        _publish(root, name)
    assert releases.rollback(root) == ("c", "b")
    assert releases.live_name(root) == "b"
    assert releases.rollback(root) == ("b", "a")
    with pytest.raises(releases.ReleaseError, match="oldest release"):
        releases.rollback(root)
    assert releases.live_name(root) == "a"


def test_rollback_with_nothing_published_says_so(root: releases.ReleaseRoot) -> None:
    with pytest.raises(releases.ReleaseError, match="nothing is published"):
        releases.rollback(root)


def test_prune_keeps_the_last_releases_and_the_live_one(root: releases.ReleaseRoot) -> None:
    for name in ("a", "b", "c", "d"):
        _publish(root, name)
    releases.switch(root, "a")  # a manual switch to an old release: it must survive pruning
    assert releases.prune(root, keep=2) == ["b"]
    assert sorted(p.name for p in root.releases.iterdir()) == ["a", "c", "d"]
    assert releases.published(root) == ["a", "c", "d"]


def test_a_published_path_that_is_a_directory_is_refused(root: releases.ReleaseRoot) -> None:
    _publish(root, "a")
    root.current.unlink()
    root.current.mkdir()
    with pytest.raises(releases.ReleaseError, match="not a symlink"):
        releases.switch(root, "a")


def test_leftover_builds_move_to_failed_when_the_next_night_starts(root: releases.ReleaseRoot) -> None:
    (root.staging / "killed").mkdir(parents=True)
    staging = releases.start_staging(root, "tonight")
    assert staging.is_dir()
    assert (root.failed / "killed.interrupted").is_dir()
    assert [p.name for p in root.staging.iterdir()] == ["tonight"]
