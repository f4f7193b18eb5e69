"""The submission limits count what the walk of the data tree met, as a walk of each partner's directory would."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from generator.checks import limits
from generator.load.data_tree import discover

REPO = Path(__file__).resolve().parents[3]
MINIMAL = REPO / "tests" / "fixtures" / "minimal" / "data"


def test_the_walk_counts_every_file_of_a_partner_as_a_walk_of_its_directory_does(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    partner = data / "partners" / "tiny-corp"
    before_files, before_size = discover(data).sizes["tiny-corp"]
    # What discover reports without looking inside, and what it leaves out, all counted by the limits.
    (partner / ".hidden").write_bytes(b"x" * 100)
    (partner / "apps" / ".draft.yaml").write_bytes(b"y" * 7)
    (partner / "notes" / "deeper").mkdir(parents=True)
    (partner / "notes" / "a.txt").write_bytes(b"z" * 1000)
    (partner / "notes" / "deeper" / "b.bin").write_bytes(b"w" * 3)
    (partner / "link.png").symlink_to(partner / "notes" / "a.txt")
    (partner / "apps" / "folder").mkdir()
    (partner / "apps" / "folder" / "c.yaml").write_bytes(b"v" * 11)

    layout = discover(data)

    link_size = os.lstat(partner / "link.png").st_size
    assert layout.sizes["tiny-corp"] == (before_files + 6, before_size + 100 + 7 + 1000 + 3 + link_size + 11)
    assert layout.sizes["tiny-corp"] == limits._files_and_bytes(partner)
    # Each file's stat is kept, not following links, for the file index.
    link = str(partner / "link.png")
    assert layout.stats[link].st_mode == os.lstat(link).st_mode
    assert str(partner / "apps" / "tiny-app.yaml") in layout.stats
