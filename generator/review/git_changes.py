"""What a pull request changes, read from git: every path at both ends of every change, links included."""

from __future__ import annotations

import os
import posixpath
import subprocess
from pathlib import Path, PurePosixPath

# git's mode for a symbolic link.
_SYMLINK_MODE = "120000"


class GitError(Exception):
    """git could not answer (not a repository, unknown commit)."""


def git(top: Path, *args: str) -> bytes:
    """The standard output of a git command run in `top`; GitError when it fails."""
    try:
        result = subprocess.run(["git", *args], cwd=top, capture_output=True, check=True)
    except (subprocess.CalledProcessError, OSError) as exc:
        if isinstance(exc, subprocess.CalledProcessError):
            detail = exc.stderr.decode("utf-8", "replace").strip()
        else:
            detail = str(exc)
        msg = f"git {' '.join(args)}: {detail}"
        raise GitError(msg) from None
    return result.stdout


def repository_root(path: Path) -> Path:
    """The top directory of the git work tree that holds `path`."""
    return Path(os.fsdecode(git(path, "rev-parse", "--show-toplevel").strip())).resolve()


def file_at(top: Path, base: str, path: PurePosixPath) -> bytes | None:
    """A file's bytes at commit `base`, or None when it did not exist there."""
    try:
        return git(top, "cat-file", "blob", f"{base}:{path.as_posix()}")
    except GitError:
        return None


def resolve_commit(top: Path, base: str) -> str:
    """The full hash of `base`; GitError when it names no commit."""
    return git(top, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}").decode().strip()


def changed_paths(top: Path, base: str) -> list[PurePosixPath]:
    """Every path the work tree changes against `base`: both ends of a rename, deletions, mode changes,
    untracked files, and the target of every symbolic link added, changed or removed."""
    # --no-renames: a rename is a deletion and an addition, so both ends are judged. -z: names verbatim.
    raw = git(top, "diff", "--raw", "-z", "--no-renames", "--no-ext-diff", "--no-textconv", base, "--")
    fields = raw.split(b"\0")
    paths: set[PurePosixPath] = set()
    links: list[tuple[PurePosixPath, bool]] = []
    for index in range(0, len(fields) - 1, 2):
        header, name = fields[index].decode(), os.fsdecode(fields[index + 1])
        old_mode, new_mode = header.lstrip(":").split()[:2]
        path = PurePosixPath(name)
        paths.add(path)
        if old_mode == _SYMLINK_MODE:
            links.append((path, True))
        if new_mode == _SYMLINK_MODE:
            links.append((path, False))
    untracked = git(top, "ls-files", "--others", "--exclude-standard", "-z").split(b"\0")
    for raw_name in filter(None, untracked):
        path = PurePosixPath(os.fsdecode(raw_name))
        paths.add(path)
        if (top / path).is_symlink():
            links.append((path, False))
    for path, at_base in links:
        target = _link_target(top, base, path, at_base)
        if target is not None:
            paths.add(target)
    return sorted(paths)


def _link_target(top: Path, base: str, link: PurePosixPath, at_base: bool) -> PurePosixPath | None:
    """Where a symbolic link points, as a path in the repository (its top directory when it points outside)."""
    if at_base:
        raw = file_at(top, base, link)
        if raw is None:
            return None
        target = os.fsdecode(raw)
    else:
        try:
            target = str((top / link).readlink())
        except OSError:
            return None
    joined = posixpath.normpath(posixpath.join(link.parent.as_posix(), target))
    if posixpath.isabs(target) or joined == ".." or joined.startswith("../"):
        # Outside the work tree: judged as the repository itself, which only maintainers change.
        return PurePosixPath(".")
    return PurePosixPath(joined)
