"""Who may change what: a pull request's files checked against directory ownership.

A partner's directory (data/partners/<id>/) may be changed only by the GitHub handles its profile lists
under `editors` — as the profile stands at the base commit, so a pull request cannot add its own author.
A new partner's directory names its editors itself. Everything else under the data root (verifications,
program facts) belongs to maintainers.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import yaml

from generator.load.data_tree import PARTNER_FILE, PARTNERS
from generator.load.problems import Location, Problem


class GitError(Exception):
    """git could not answer (not a repository, unknown commit)."""


def _git(top: Path, *args: str) -> str:
    try:
        result = subprocess.run(["git", *args], cwd=top, capture_output=True, check=True, text=True)
    except (subprocess.CalledProcessError, OSError) as exc:
        detail = exc.stderr.strip() if isinstance(exc, subprocess.CalledProcessError) else str(exc)
        msg = f"git {' '.join(args)}: {detail}"
        raise GitError(msg) from None
    return result.stdout


def changed_files(data: Path, base: str) -> tuple[Path, list[PurePosixPath]]:
    """The repository root, and the files under `data` that differ from `base` (committed or not, new or deleted)."""
    data = data.resolve()
    top = Path(_git(data, "rev-parse", "--show-toplevel").strip()).resolve()
    relative = data.relative_to(top).as_posix()
    names = _git(top, "diff", "--name-only", "--no-renames", base, "--", relative).splitlines()
    names += _git(top, "ls-files", "--others", "--exclude-standard", "--", relative).splitlines()
    return top, sorted({PurePosixPath(name) for name in names if name})


def _editors_at(top: Path, base: str, profile: PurePosixPath) -> list[str] | None:
    """The editors a partner profile lists at `base`, or None when it did not exist there."""
    try:
        text = _git(top, "show", f"{base}:{profile.as_posix()}")
    except GitError:
        return None
    # The base was validated when it was merged; only the editors list is read from it.
    record = yaml.safe_load(text)
    editors = record.get("editors", []) if isinstance(record, dict) else []
    return [str(editor) for editor in editors]


def _editors_now(top: Path, profile: PurePosixPath) -> list[str]:
    path = top / profile
    if not path.is_file():
        return []
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    editors = record.get("editors", []) if isinstance(record, dict) else []
    return [str(editor) for editor in editors]


def ownership_problems(data: Path, base: str, author: str, maintainers: frozenset[str]) -> Iterator[Problem]:
    """A problem for every changed file under `data` that `author` may not change."""
    top, changed = changed_files(data, base)
    data_relative = PurePosixPath(data.resolve().relative_to(top).as_posix())
    handle = author.casefold()
    if handle in {m.casefold() for m in maintainers}:
        return
    for path in changed:
        parts = path.relative_to(data_relative).parts
        location = Location(top / path)
        if len(parts) < 3 or parts[0] != PARTNERS:
            yield Problem(
                "maintainer-only",
                f"'{author}' may not change {path.as_posix()}: only maintainers change this part of the data",
                location,
                hint="partners change only their own directory, data/partners/<partner-id>/",
            )
            continue
        profile = data_relative / PARTNERS / parts[1] / PARTNER_FILE
        editors = _editors_at(top, base, profile)
        if editors is None:
            # A new partner: its own profile names who may edit it.
            editors = _editors_now(top, profile)
        if handle not in {editor.casefold() for editor in editors}:
            listed = ", ".join(editors) or "nobody"
            yield Problem(
                "not-an-editor",
                f"'{author}' is not an editor of partner '{parts[1]}' (editors: {listed})",
                location,
                hint="an existing editor adds you to 'editors' in partner.yaml in a pull request of their own",
            )
