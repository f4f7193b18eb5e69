"""Caps on one partner's directory, from data/program/repository.yaml: apps, files and bytes.

One partner must not be able to swamp the site, its search index or the build with thousands of apps or
megabytes of files; the limits live with the maintainers' data, read at the base of a pull request.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from generator.load.data_tree import APPS, PARTNERS, Layout
from generator.load.located import Located
from generator.load.problems import Location, Problem, plural
from generator.records.repository import Repository


def check_limits(layout: Layout, repository: Located[Repository]) -> Iterator[Problem]:
    """A problem for every partner directory over one of the submission limits, quoting the limit."""
    limits = repository.record.limits
    apps_by_partner: dict[str, int] = {}
    for owner, _ in layout.app_files:
        apps_by_partner[owner] = apps_by_partner.get(owner, 0) + 1
    partners = layout.root / PARTNERS
    for name in sorted(layout.images):
        directory = partners / name
        apps = apps_by_partner.get(name, 0)
        if apps > limits.apps_per_partner:
            yield Problem(
                "too-many-apps",
                f"partner '{name}' has {plural(apps, 'app')}: expected at most {limits.apps_per_partner}",
                Location(directory / APPS),
                hint="the limit is apps_per_partner in data/program/repository.yaml; ask the maintainers to raise it",
            )
        # Counted by the walk that found the records; a layout made otherwise is counted here.
        files, size = layout.sizes.get(name) or _files_and_bytes(directory)
        if files > limits.files_per_partner:
            yield Problem(
                "too-many-files",
                f"partner '{name}' has {plural(files, 'file')}: expected at most {limits.files_per_partner}",
                Location(directory),
                hint="the limit is files_per_partner in data/program/repository.yaml; delete files you do not need",
            )
        if size > limits.bytes_per_partner:
            yield Problem(
                "partner-too-large",
                f"partner '{name}' holds {size:,} bytes: expected at most {limits.bytes_per_partner:,} bytes",
                Location(directory),
                hint="the limit is bytes_per_partner in data/program/repository.yaml; shrink the logo or the texts",
            )


def _files_and_bytes(directory: Path) -> tuple[int, int]:
    """How many files a directory holds, at any depth, and their bytes (links counted as themselves, not followed)."""
    files = size = 0
    pending = [directory]
    while pending:
        # An unreadable directory is skipped, as os.walk skips it; scandir's entries know their own type.
        try:
            with os.scandir(pending.pop()) as found:
                entries = list(found)
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                pending.append(Path(entry.path))
            else:
                files += 1
                size += entry.stat(follow_symlinks=False).st_size
    return files, size
