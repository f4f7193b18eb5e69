"""Releases on disk, and the atomic switch between them.

A release root holds:

```
releases/<name>/     every published build, complete and never changed after it is published
current              the published path: a symlink to releases/<name>, replaced by one rename(2)
staging/<name>/      a build in progress, beside the releases (same file system, so it can be renamed in)
failed/<name>/       builds that failed or were interrupted, kept for inspection
published.log        release names in the order they were published, one a line
reports/             the last run's report, change summary, reminders and link report
```

A web server rooted at `current` resolves the link on every request, so each file it sends belongs to one
release, and there is no moment at which the published path is missing or half-written.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

# Releases kept unless told otherwise: a week of nights to roll back to.
DEFAULT_KEEP = 7
LOG_FILE = "published.log"


class ReleaseError(RuntimeError):
    """The release root is not in a state the request can be carried out in."""


@dataclass(frozen=True)
class ReleaseRoot:
    """The directories of one release root."""

    path: Path

    @property
    def releases(self) -> Path:
        return self.path / "releases"

    @property
    def current(self) -> Path:
        """The published path: what a web server serves."""
        return self.path / "current"

    @property
    def staging(self) -> Path:
        return self.path / "staging"

    @property
    def failed(self) -> Path:
        return self.path / "failed"

    @property
    def reports(self) -> Path:
        return self.path / "reports"

    @property
    def log(self) -> Path:
        return self.path / LOG_FILE

    def release(self, name: str) -> Path:
        return self.releases / name


def release_name(as_of: dt.date, commit: str) -> str:
    """'2026-11-24-1a2b3c4d5e6f': the as-of date and the commit, so that a listing sorts by night."""
    return f"{as_of.isoformat()}-{commit[:12]}"


def fresh_name(root: ReleaseRoot, name: str) -> str:
    """`name`, or `name.2`, `name.3` … when a release (or a build) of that name exists already."""
    candidate, number = name, 1
    while any((place / candidate).exists() for place in (root.releases, root.staging, root.failed)):
        number += 1
        candidate = f"{name}.{number}"
    return candidate


def live_name(root: ReleaseRoot) -> str | None:
    """The name of the release the published path points to; None before the first publish."""
    if not root.current.is_symlink():
        if root.current.exists():
            msg = f"{root.current} is not a symlink: move it away, then publish again"
            raise ReleaseError(msg)
        return None
    return root.current.readlink().name


def published(root: ReleaseRoot) -> list[str]:
    """Release names in the order they were published, oldest first, those still on disk only."""
    if not root.log.is_file():
        return []
    names = [line.strip() for line in root.log.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [name for name in dict.fromkeys(names) if root.release(name).is_dir()]


def _write_log(root: ReleaseRoot, names: list[str]) -> None:
    temporary = root.log.with_name(f".{LOG_FILE}.tmp")
    temporary.write_text("".join(f"{name}\n" for name in names), encoding="utf-8")
    temporary.replace(root.log)


def _sync_directory(directory: Path) -> None:
    # The rename is atomic at once; syncing the directory makes it durable across a power cut too.
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def switch(root: ReleaseRoot, name: str) -> None:
    """Point the published path at releases/`name` with a single rename: no moment without a site."""
    if not root.release(name).is_dir():
        msg = f"no release {name} in {root.releases}"
        raise ReleaseError(msg)
    live_name(root)  # refuses a published path that is a real directory: rename would not replace it
    temporary = root.path / f".current.{name}.tmp"
    temporary.unlink(missing_ok=True)
    # Relative, so the root can be moved or mounted elsewhere as a whole.
    temporary.symlink_to(Path(root.releases.name) / name, target_is_directory=True)
    temporary.replace(root.current)
    _sync_directory(root.path)


def start_staging(root: ReleaseRoot, name: str) -> Path:
    """A fresh, empty directory for tonight's build; builds a killed run left behind move to failed/."""
    for directory in (root.releases, root.staging, root.failed, root.reports):
        directory.mkdir(parents=True, exist_ok=True)
    for leftover in sorted(root.staging.iterdir()):
        keep_failed(root, leftover, suffix="interrupted")
    staging = root.staging / name
    staging.mkdir()
    return staging


def keep_failed(root: ReleaseRoot, build: Path, suffix: str = "failed") -> Path:
    """Move a build that must not be published into failed/, for inspection."""
    root.failed.mkdir(parents=True, exist_ok=True)
    target = root.failed / f"{build.name}.{suffix}"
    if target.exists():
        shutil.rmtree(target)
    build.replace(target)
    return target


def promote(root: ReleaseRoot, staging: Path) -> str:
    """Move a verified build into releases/ (a rename: nothing is copied) and log it as published next."""
    staging.replace(root.release(staging.name))
    _write_log(root, [*(n for n in published(root) if n != staging.name), staging.name])
    return staging.name


def prune(root: ReleaseRoot, keep: int = DEFAULT_KEEP) -> list[str]:
    """Delete all but the last `keep` published releases (never the live one) and old failed builds."""
    if keep < 1:
        msg = f"keep: expected at least 1 release (got {keep})"
        raise ReleaseError(msg)
    names, live = published(root), live_name(root)
    kept = names[-keep:]
    if live is not None and live not in kept:
        kept.insert(0, live)
    removed = []
    for directory in sorted(root.releases.iterdir()) if root.releases.is_dir() else []:
        if directory.name not in kept:
            shutil.rmtree(directory)
            removed.append(directory.name)
    _write_log(root, [name for name in names if name in kept])
    failed = sorted(root.failed.iterdir(), key=lambda p: p.stat().st_mtime) if root.failed.is_dir() else []
    for directory in failed[:-keep]:
        shutil.rmtree(directory)
    return removed


def rollback(root: ReleaseRoot) -> tuple[str, str]:
    """Publish the release published before the live one again; (from, to). The live one leaves the log."""
    names, live = published(root), live_name(root)
    if live is None or live not in names:
        msg = f"nothing is published from {root.path}: there is nothing to roll back"
        raise ReleaseError(msg)
    position = names.index(live)
    if position == 0:
        msg = f"{live} is the oldest release kept in {root.releases}: there is nothing earlier to roll back to"
        raise ReleaseError(msg)
    previous = names[position - 1]
    switch(root, previous)
    # A rolled-back release is not published any more: a second rollback goes one further back.
    _write_log(root, [name for name in names if name != live])
    return live, previous
