"""The data tree's layout: which file is which kind of record, and what does not belong.

Ownership is enforced by directory: partners write under data/partners/<partner-id>/, maintainers
under data/verifications/ and data/program/. So every file must be where its kind belongs.
"""

from __future__ import annotations

import operator
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.load.problems import Location, Problem

PARTNERS = "partners"
VERIFICATIONS = "verifications"
PROGRAM = "program"
PARTNER_FILE = "partner.yaml"
APPS = "apps"
TIMELINE_FILE = "timeline.yaml"
POLICY_FILE = "policy.yaml"
REPOSITORY_FILE = "repository.yaml"
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".webp"})
_NAME = operator.attrgetter("name")


@dataclass
class Layout:
    """Record files found under a data root, by kind, and the layout problems met on the way."""

    root: Path
    # (partner directory name, partner.yaml path)
    partner_files: list[tuple[str, Path]] = field(default_factory=list)
    # (partner directory name, app file path)
    app_files: list[tuple[str, Path]] = field(default_factory=list)
    # partner directory name -> image files in it
    images: dict[str, list[Path]] = field(default_factory=dict)
    verification_files: list[Path] = field(default_factory=list)
    timeline_file: Path | None = None
    policy_file: Path | None = None
    repository_file: Path | None = None
    problems: list[Problem] = field(default_factory=list)
    # partner directory name -> how many files it holds at any depth and their bytes (what the submission
    # limits judge): links and dotfiles count as themselves, unreadable directories as empty.
    sizes: dict[str, tuple[int, int]] = field(default_factory=dict)
    # The stat of each file in a partner's directory, by its path's text, not following links: what the file
    # index (`load/file_index.py`) would ask again of each record file and logo.
    stats: dict[str, os.stat_result] = field(default_factory=dict)

    def unexpected(self, path: Path, belongs: str) -> None:
        hint = f"rename it to {path.stem}.yaml" if path.suffix == ".yml" else f"only {belongs} belong here"
        self.problems.append(
            Problem("unexpected-file", f"'{path.name}' does not belong here", Location(path), hint=hint)
        )

    def missing(self, path: Path, what: str) -> None:
        self.problems.append(Problem("missing-file", f"{what} is missing: expected {path.as_posix()}", Location(path)))


def _entries(
    directory: Path, layout: Layout, entries: list[os.DirEntry[str]] | None = None
) -> Iterator[tuple[Path, os.DirEntry[str]]]:
    """A directory's entries (`entries`, else listed) in name order, leaving out dotfiles and refusing symbolic links.

    Each comes with its directory entry, which knows its own type: a data tree of ten thousand files is walked
    without a system call per file.
    """
    if entries is None:
        entries = _listing(directory)
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = directory / entry.name
        if entry.is_symlink():
            layout.problems.append(
                Problem(
                    "symlink",
                    "data files may not be symbolic links",
                    Location(path),
                    hint="replace the link with the file itself",
                )
            )
            continue
        yield path, entry


def discover(root: Path) -> Layout:
    """Walk a data root: partners/, verifications/, program/."""
    layout = Layout(root)
    for path, entry in _entries(root, layout):
        if entry.is_dir() and path.name in (PARTNERS, VERIFICATIONS, PROGRAM):
            continue
        if entry.is_file() and path.suffix == ".md":
            continue
        layout.unexpected(path, "the partners/, verifications/ and program/ directories")
    partners = root / PARTNERS
    if partners.is_dir():
        for directory, entry in _entries(partners, layout):
            if entry.is_dir():
                _discover_partner(directory, layout)
            else:
                layout.unexpected(directory, "one directory per partner, named by the partner's id")
    else:
        layout.missing(partners, "the partners directory")
    verifications = root / VERIFICATIONS
    if verifications.is_dir():
        for path, entry in _entries(verifications, layout):
            if entry.is_file() and path.suffix == ".yaml":
                layout.verification_files.append(path)
            else:
                layout.unexpected(path, "<partner-id>.yaml verification files")
    program = root / PROGRAM
    for path, entry in _entries(program, layout) if program.is_dir() else ():
        if path.name == TIMELINE_FILE and entry.is_file():
            layout.timeline_file = path
        elif path.name == POLICY_FILE and entry.is_file():
            layout.policy_file = path
        elif path.name == REPOSITORY_FILE and entry.is_file():
            layout.repository_file = path
        else:
            layout.unexpected(path, f"{TIMELINE_FILE}, {POLICY_FILE} and {REPOSITORY_FILE}")
    if layout.timeline_file is None:
        layout.missing(program / TIMELINE_FILE, "the program timeline")
    if layout.policy_file is None:
        layout.missing(program / POLICY_FILE, "the program policy")
    if layout.repository_file is None:
        layout.missing(program / REPOSITORY_FILE, "the repository's maintainers and limits")
    return layout


def _listing(directory: Path) -> list[os.DirEntry[str]]:
    with os.scandir(directory) as found:
        return sorted(found, key=_NAME)


def _discover_partner(directory: Path, layout: Layout) -> None:
    name = directory.name
    images = layout.images.setdefault(name, [])
    profile = False
    listing = _listing(directory)
    apps_listing = None
    if (apps := next((e for e in listing if e.name == APPS and e.is_dir(follow_symlinks=False)), None)) is not None:
        apps_listing = _listing(directory / APPS)
    layout.sizes[name] = _tally(directory, listing, apps_listing, layout.stats)
    for path, entry in _entries(directory, layout, listing):
        if path.name == PARTNER_FILE and entry.is_file():
            layout.partner_files.append((name, path))
            profile = True
        elif path.name == APPS and entry.is_dir():
            for app, app_entry in _entries(path, layout, apps_listing if entry is apps else None):
                if app_entry.is_file() and app.suffix == ".yaml":
                    layout.app_files.append((name, app))
                else:
                    layout.unexpected(app, "<app-id>.yaml app files")
        elif entry.is_file() and path.suffix in IMAGE_SUFFIXES:
            images.append(path)
        else:
            layout.unexpected(path, f"{PARTNER_FILE}, the {APPS}/ directory and the logo image")
    # A profile that is a link was refused above; it is not missing as well.
    if not profile and not (directory / PARTNER_FILE).is_file():
        layout.missing(directory / PARTNER_FILE, "the partner profile")


def _tally(
    directory: Path,
    listing: list[os.DirEntry[str]],
    apps_listing: list[os.DirEntry[str]] | None,
    stats: dict[str, os.stat_result],
) -> tuple[int, int]:
    """How many files a partner's directory holds at any depth and their bytes, from the listings the walk made
    (the apps directory's) and listing any other directory in it; each file's stat kept in `stats`."""
    files = size = 0
    pending: list[tuple[Path, list[os.DirEntry[str]] | None]] = [(directory, listing)]
    while pending:
        folder, entries = pending.pop()
        if entries is None:
            # An unreadable directory counts as empty, as os.walk skips it.
            try:
                entries = _listing(folder)
            except OSError:
                continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                apps = folder is directory and entry.name == APPS
                pending.append((folder / entry.name, apps_listing if apps else None))
            else:
                found = entry.stat(follow_symlinks=False)
                stats[entry.path] = found
                files += 1
                size += found.st_size
    return files, size
