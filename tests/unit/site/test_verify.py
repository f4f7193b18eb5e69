"""The last check of a build: a planned file missing from the output stops it, named in the report."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.site.verify import IncompleteOutputError, verify_output


def _write(root: Path, *names: str) -> None:
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(name, encoding="utf-8")


def test_every_planned_file_present_is_counted_once(tmp_path: Path) -> None:
    _write(tmp_path, "index.html", "apps/a/index.html", "apps/a/badges/x.svg", "apps/a/a.json", "unplanned.txt")
    (tmp_path / "apps" / "a" / "card.svg").symlink_to("badges/x.svg")
    # apps/a's files sort on both sides of its directory badges/.
    planned = ["index.html", "apps/a/a.json", "apps/a/index.html", "apps/a/badges/x.svg", "apps/a/card.svg"]
    assert verify_output(tmp_path, [*planned, "apps/a/a.json", "index.html"]) == 5


def test_missing_files_are_named_in_order_and_the_rest_counted(tmp_path: Path) -> None:
    _write(tmp_path, "index.html", "apps/a/index.html")
    (tmp_path / "apps" / "b" / "index.html").mkdir(parents=True)
    (tmp_path / "apps" / "dangling.json").symlink_to("nowhere.json")
    planned = [
        "index.html",
        "apps/a/index.html",
        # A directory where a file should be, a link to nothing, a file in a missing directory, under a file.
        "apps/b/index.html",
        "apps/dangling.json",
        "apps/c/index.html",
        "index.html/x",
        *(f"feeds/{n}.xml" for n in range(10)),
        "robots.txt",
    ]
    with pytest.raises(IncompleteOutputError) as raised:
        verify_output(tmp_path, planned)
    assert str(raised.value) == (
        f"the build did not write 15 of 17 planned files into {tmp_path}: apps/b/index.html, apps/c/index.html, "
        "apps/dangling.json, feeds/0.xml, feeds/1.xml, feeds/2.xml, feeds/3.xml, feeds/4.xml, feeds/5.xml, "
        "feeds/6.xml and 5 more"
    )
