"""Who may change what: every path a pull request changes, judged by the rules of the base revision.

A partner's directory (data/partners/<id>/) may be changed by the GitHub handles its profile lists under
`editors` as the profile stands at the base, so a pull request cannot add its own author; a new partner's
profile names its editors itself. Every other path of the repository — code, theme, content pages,
workflows, settings, schema, verifications, the program data — belongs to the maintainers, whom the base's
data/program/repository.yaml names. Profiles are read with the strict loader and the record model, never
with a plain YAML load: a hostile profile is data like any other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TypeVar

from generator.load.data_tree import PARTNER_FILE, PARTNERS, PROGRAM, REPOSITORY_FILE, VERIFICATIONS
from generator.load.located import load_record
from generator.load.problems import Location, Problem
from generator.load.strict_yaml import load_bytes
from generator.load.validation import validate_document
from generator.records.fields import SLUG_PATTERN
from generator.records.partner import Partner
from generator.records.repository import Repository
from generator.review.git_changes import changed_paths, file_at, repository_root, resolve_commit

R = TypeVar("R", Partner, Repository)

_PARTNER_DIRECTORY = re.compile(SLUG_PATTERN)

# What maintainers-only paths hold, by their first component, for the message.
_AREAS = {
    ".github": "the workflows and the repository's settings",
    "generator": "the site generator's code",
    "themes": "the site's theme",
    "content": "the site's own pages",
    "schema": "the record schemas",
    "tests": "the tests",
    "docs": "the documentation",
}


def owning_partner(path: PurePosixPath, data: PurePosixPath) -> str | None:
    """The partner whose directory holds `path`, or None when only maintainers may change it."""
    if not path.is_relative_to(data / PARTNERS):
        return None
    parts = path.relative_to(data / PARTNERS).parts
    # A file directly in partners/, or a directory whose name no partner id can have (dotfiles included,
    # which the loader skips), is nobody's directory.
    if len(parts) < 2 or not _PARTNER_DIRECTORY.fullmatch(parts[0]):
        return None
    return parts[0]


def owners_of(
    path: PurePosixPath, data: PurePosixPath, editors: Mapping[str, Iterable[str]], maintainers: Iterable[str]
) -> frozenset[str]:
    """Every handle (case-folded) that may change `path`: the maintainers, and a partner's editors in its directory."""
    owners = {handle.casefold() for handle in maintainers}
    partner = owning_partner(path, data)
    if partner is not None:
        owners |= {handle.casefold() for handle in editors.get(partner, ())}
    return frozenset(owners)


@dataclass(frozen=True)
class Review:
    """The rules a pull request is judged by, read from its base: maintainers and each partner's editors."""

    top: Path
    base: str
    data: PurePosixPath
    maintainers: frozenset[str]
    editors: Mapping[str, tuple[str, ...]]
    problems: tuple[Problem, ...]


def ownership_problems(data: Path, base: str, author: str, maintainers: frozenset[str]) -> Iterator[Problem]:
    """A problem for every path of the repository the work tree changes against `base` that `author` may not."""
    top = repository_root(data)
    commit = resolve_commit(top, base)
    data_relative = PurePosixPath(data.resolve().relative_to(top).as_posix())
    changed = changed_paths(top, commit)
    review = _review(top, commit, data_relative, changed, maintainers)
    yield from review.problems
    handle = author.casefold()
    for path in changed:
        if handle in owners_of(path, review.data, review.editors, review.maintainers):
            continue
        partner = owning_partner(path, review.data)
        location = Location(top / path)
        if partner is None:
            yield Problem(
                "maintainer-only",
                f"'{author}' may not change {path.as_posix()}: only maintainers change {_area(path, review.data)}",
                location,
                hint="partners change only their own directory, data/partners/<partner-id>/",
            )
            continue
        listed = ", ".join(review.editors.get(partner, ())) or "nobody"
        yield Problem(
            "not-an-editor",
            f"'{author}' is not an editor of partner '{partner}' (editors: {listed})",
            location,
            hint="an existing editor adds you to 'editors' in partner.yaml in a pull request of their own",
        )


def _area(path: PurePosixPath, data: PurePosixPath) -> str:
    if path.is_relative_to(data / VERIFICATIONS):
        return "verification evidence"
    if path.is_relative_to(data / PROGRAM):
        return "the program data"
    if path.is_relative_to(data):
        return "this part of the data"
    if not path.parts:
        return "links out of the repository"
    return _AREAS.get(path.parts[0], "this file")


def _review(
    top: Path, base: str, data: PurePosixPath, changed: Iterable[PurePosixPath], extra_maintainers: frozenset[str]
) -> Review:
    """The maintainers as the base names them, and the editors of every partner the change touches."""
    problems: list[Problem] = []
    maintainers = set(extra_maintainers)
    repository_file = data / PROGRAM / REPOSITORY_FILE
    raw = file_at(top, base, repository_file)
    if raw is not None:
        repository = _read_at_base(raw, top / repository_file, Repository)
        if repository is not None:
            maintainers |= set(repository.maintainers)
    editors: dict[str, tuple[str, ...]] = {}
    for partner in sorted({p for p in (owning_partner(path, data) for path in changed) if p is not None}):
        profile = data / PARTNERS / partner / PARTNER_FILE
        raw = file_at(top, base, profile)
        if raw is not None:
            record = _read_at_base(raw, top / profile, Partner)
            editors[partner] = record.editors if record is not None else ()
            continue
        # A new partner: its own profile names who may edit it, if it passes the loader and the model.
        located, found = load_record(top / profile, Partner) if (top / profile).exists() else (None, [])
        problems += found
        editors[partner] = located.record.editors if located is not None else ()
    return Review(top, base, data, frozenset(maintainers), editors, tuple(problems))


def _read_at_base(raw: bytes, path: Path, model: type[R]) -> R | None:
    """A record as it stands at the base; None when it does not load (then it grants nobody anything)."""
    document, _ = load_bytes(raw, path)
    if document is None:
        return None
    record, _ = validate_document(document, model)
    return record
