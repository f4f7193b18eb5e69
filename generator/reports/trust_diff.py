"""Trust impact of a change: the decisions of a base commit's data against the working tree's, as of one date."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.load.catalog import Catalog
from generator.policy.engine import BadgeDecision, Evaluation, PartnerDecisions
from generator.records.policy import Policy, Provenance


class BaseTreeError(Exception):
    """The base commit's data could not be read from git."""


@dataclass(frozen=True)
class Change:
    """One partner's trust changes, in words (ids, dates and the policy's badge names only)."""

    partner: str
    changes: tuple[str, ...]
    # A new partner's name, as it wrote it: the only partner-written text, escaped where it is shown.
    new_partner_name: str | None = None

    def lines(self, show_name: Callable[[str], str]) -> tuple[str, ...]:
        """The changes, led by 'new partner <name>' for a new partner."""
        if self.new_partner_name is None:
            return self.changes
        return (f"new partner {show_name(self.new_partner_name)}", *self.changes)


def export_base_data(data: Path, ref: str, destination: Path) -> Path:
    """Write the data directory as it is at git `ref` under `destination`; its path there.

    Its regular files only, with the bytes git keeps: a link or a special file in the data is refused by the
    loader anyway, and leaving them out means that no path written here can lead out of `destination`. Two git
    commands read them, the tree's listing and every blob in one stream (`git archive` and tarfile's
    extraction took five times as long at 10,000 apps).
    """
    data = data.resolve()
    try:
        top = Path(_git(data, "rev-parse", "--show-toplevel").decode().strip())
        relative = data.relative_to(top.resolve()).as_posix()
        listing = _git(top, "ls-tree", "-r", "-z", "--full-tree", ref, "--", relative)
        files = [(oid, path) for mode, oid, path in _tree_entries(listing) if mode in _REGULAR_FILE_MODES]
        if not files:
            raise ValueError(f"no {relative}/ directory there")
        blobs = _git(top, "cat-file", "--batch", stdin=b"".join(oid + b"\n" for oid, _ in files))
    except (subprocess.CalledProcessError, ValueError, OSError) as exc:
        detail = exc.stderr.decode().strip() if isinstance(exc, subprocess.CalledProcessError) else str(exc)
        msg = f"cannot read {data.name}/ at '{ref}' from git: {detail}"
        raise BaseTreeError(msg) from None
    try:
        _write_files(_blob_contents(files, blobs), destination)
    except (OSError, ValueError) as exc:
        msg = f"cannot write {data.name}/ at '{ref}' into {destination}: {exc}"
        raise BaseTreeError(msg) from None
    return destination / relative


# A blob's mode in a git tree when it is a regular file (a link is 120000, a submodule 160000).
_REGULAR_FILE_MODES = frozenset({b"100644", b"100755"})


def _tree_entries(listing: bytes) -> Iterator[tuple[bytes, bytes, bytes]]:
    """(mode, object id, path) of each entry of `git ls-tree -z`."""
    for entry in listing.split(b"\0"):
        if entry:
            meta, _, path = entry.partition(b"\t")
            mode, _, oid = meta.split(b" ")
            yield mode, oid, path


def _blob_contents(files: list[tuple[bytes, bytes]], blobs: bytes) -> Iterator[tuple[bytes, memoryview]]:
    """Each file's path and bytes, from the output of `git cat-file --batch` asked for their object ids in order."""
    stream = memoryview(blobs)
    position = 0
    for oid, path in files:
        end = blobs.index(b"\n", position)
        header = blobs[position:end].split(b" ")
        if len(header) != 3 or header[0] != oid or header[1] != b"blob":
            raise ValueError(
                f"git cat-file answered '{blobs[position:end].decode(errors='replace')}' for {oid.decode()}"
            )
        start = end + 1
        position = start + int(header[2]) + 1
        yield path, stream[start : position - 1]


def _write_files(files: Iterable[tuple[bytes, memoryview | bytes]], destination: Path) -> None:
    """Write each (path relative to `destination`, bytes) as a new regular file, making its directories.

    A path that is absolute or climbs with '..' is refused (BaseTreeError) before anything of it is written.
    """
    root = os.fspath(destination)
    made: set[str] = set()
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC | os.O_NOFOLLOW
    for raw_path, data in files:
        name = PurePosixPath(os.fsdecode(raw_path))
        if name.is_absolute() or ".." in name.parts or not name.parts:
            msg = f"cannot write the base's data: git names the file '{name}'"
            raise BaseTreeError(msg)
        path = f"{root}/{name.as_posix()}"
        directory = path.rpartition("/")[0]
        if directory not in made:
            os.makedirs(directory, exist_ok=True)  # noqa: PTH103
            made.add(directory)
        descriptor = os.open(path, flags, 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(descriptor, view) :]
        finally:
            os.close(descriptor)


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> bytes:
    return subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, check=True).stdout


def trust_changes(
    base: tuple[Catalog, Policy, Evaluation], head: tuple[Catalog, Policy, Evaluation]
) -> tuple[Change, ...]:
    """What changes for each partner between the base decisions and the head decisions."""
    base_catalog, _, base_eval = base
    head_catalog, head_policy, head_eval = head
    changes = []
    for partner_id in sorted(set(base_eval.partners) | set(head_eval.partners)):
        before = base_eval.partners.get(partner_id)
        after = head_eval.partners.get(partner_id)
        if after is None:
            changes.append(Change(partner_id, ("partner removed",)))
        elif before is None:
            name = head_catalog.partners[partner_id].record.name
            changes.append(Change(partner_id, tuple(_new_partner_changes(after, head_policy)), name))
        elif lines := tuple(_partner_changes(before, after, base_catalog, head_catalog, head_policy)):
            changes.append(Change(partner_id, lines))
    return tuple(changes)


def _new_partner_changes(after: PartnerDecisions, policy: Policy) -> Iterator[str]:
    """A new partner's badges, then each of its apps (held badges or not) and what each gains."""
    yield from (f"gains {_name(policy, decision)}" for decision in after.badges if decision.held)
    for app_id in sorted(after.apps):
        yield f"new app {app_id}"
        yield from (f"app {app_id} gains {_name(policy, d)}" for d in after.apps[app_id] if d.held)


def _partner_changes(
    before: PartnerDecisions, after: PartnerDecisions, base: Catalog, head: Catalog, policy: Policy
) -> Iterator[str]:
    if before.tier.tier != after.tier.tier:
        yield f"tier {before.tier.tier or 'none'} → {after.tier.tier or 'none'}"
    elif before.tier.standing != after.tier.standing and after.tier.tier is not None:
        yield f"{after.tier.tier} tier {before.tier.standing} → {after.tier.standing}"
    if before.grade != after.grade:
        yield f"CAIQ-Lite grade {before.grade or 'none'} → {after.grade or 'none'}"
    yield from _decision_changes(before.badges, after.badges, "", policy)
    for app_id in sorted(set(before.apps) | set(after.apps)):
        if app_id not in after.apps:
            yield f"app {app_id} removed"
        elif app_id not in before.apps:
            yield f"new app {app_id}"
            yield from (f"app {app_id} gains {_name(policy, d)}" for d in after.apps[app_id] if d.held)
        else:
            yield from _decision_changes(before.apps[app_id], after.apps[app_id], f"app {app_id} ", policy)


def _decision_changes(
    before: tuple[BadgeDecision, ...], after: tuple[BadgeDecision, ...], prefix: str, policy: Policy
) -> Iterator[str]:
    old = {decision.badge: decision for decision in before}
    for new in after:
        previous = old.get(new.badge)
        name = _name(policy, new)
        if new.held and (previous is None or not previous.held):
            lapse = f" (lapses on {new.expires_on.isoformat()})" if new.expires_on else ""
            yield f"{prefix}gains {name}{lapse}"
        elif previous is not None and previous.held and not new.held:
            yield f"{prefix}loses {name} (now {new.state})"
        elif new.held and previous is not None and previous.expires_on != new.expires_on and new.expires_on:
            yield f"{prefix}{name} lapses on {new.expires_on.isoformat()}"
        elif previous is not None and previous.provenance != new.provenance and new.held:
            if previous.provenance is Provenance.VERIFIED:
                # A claim edited after maintainers checked it is the partner's word again.
                yield f"{prefix}{name} loses verified status ({previous.provenance} → {new.provenance})"
            else:
                yield f"{prefix}{name} {previous.provenance} → {new.provenance}"


def _name(policy: Policy, decision: BadgeDecision) -> str:
    return next((badge.name for badge in policy.badges if badge.id == decision.badge), decision.badge)


def _escape_markdown(text: str) -> str:
    """Text in a pull-request comment: partner-written names get no links, mentions or formatting."""
    return "".join(f"\\{ch}" if ch in "\\`*_{}[]()#+-.!|<>@~" else ch for ch in text)


def format_changes_text(changes: tuple[Change, ...], ref: str) -> str:
    """One line per partner, changes separated by semicolons."""
    if not changes:
        return f"No trust changes against {ref}.\n"
    return "".join(f"{change.partner}: {'; '.join(change.lines(str))}\n" for change in changes)


def format_changes_markdown(changes: tuple[Change, ...], ref: str) -> str:
    """A pull-request comment: a heading and one bullet list per partner."""
    lines = [f"### Trust impact against `{ref}`", ""]
    if not changes:
        lines.append("No badge, grade or tier changes.")
    for change in changes:
        lines.append(f"- **{change.partner}**")
        lines.extend(f"  - {text}" for text in change.lines(_escape_markdown))
    return "\n".join(lines) + "\n"
