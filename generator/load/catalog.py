"""Every record of a data root, loaded: the files as found (duplicates kept, for the checks to judge), and
the catalogue by id that the checks, the engine and the views read."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Protocol, TypeVar

from generator.load.data_tree import Layout, discover
from generator.load.located import Located, load_record
from generator.load.problems import Problem
from generator.load.record_cache import RecordCache
from generator.process_memory import long_lived
from generator.records.evidence import Verification
from generator.records.fields import Record
from generator.records.partner import App, Partner
from generator.records.policy import Policy
from generator.records.repository import Repository
from generator.records.timeline import Timeline

R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class Catalog:
    """Every record of a data root, by id, in id order."""

    root: Path
    partners: Mapping[str, Located[Partner]]
    apps: Mapping[str, Located[App]]
    app_owner: Mapping[str, str]
    verifications: Mapping[str, Located[Verification]]
    timeline: Located[Timeline] | None
    policy: Located[Policy] | None
    repository: Located[Repository] | None
    # The digest of each record file's bytes, by path, when the records came through the record cache: what
    # the decisions cache keys a partner's decisions by. Empty without the cache.
    digests: Mapping[Path, str] = field(default_factory=dict)

    def apps_of(self, partner_id: str) -> list[App]:
        """A partner's apps, in id order."""
        return list(self._apps_by_partner.get(partner_id, ()))

    @cached_property
    def app_names(self) -> Mapping[str, str]:
        """Every app's name by its id, for receipts that name apps."""
        return {app_id: located.record.name for app_id, located in self.apps.items()}

    @cached_property
    def _apps_by_partner(self) -> Mapping[str, tuple[App, ...]]:
        # Built once: looking a partner's apps up by scanning every app would cost partners times apps.
        index: dict[str, list[App]] = {}
        for app_id, owner in self.app_owner.items():
            index.setdefault(owner, []).append(self.apps[app_id].record)
        return {owner: tuple(apps) for owner, apps in index.items()}


@dataclass(frozen=True)
class LoadedRecords:
    """Every record file of a data root that parsed, with its owner (directory or file stem), and the problems."""

    root: Path
    layout: Layout
    partners: list[tuple[str, Located[Partner]]]
    apps: list[tuple[str, Located[App]]]
    verifications: list[tuple[str, Located[Verification]]]
    timeline: Located[Timeline] | None
    policy: Located[Policy] | None
    repository: Located[Repository] | None
    problems: list[Problem]
    digests: Mapping[Path, str] = field(default_factory=dict)

    def catalog(self) -> Catalog:
        """The records by id, in id order."""
        apps = sorted(self.apps, key=lambda item: item[1].record.id)
        return Catalog(
            root=self.root,
            partners={p.record.id: p for _, p in sorted(self.partners, key=lambda item: item[1].record.id)},
            apps={a.record.id: a for _, a in apps},
            app_owner={a.record.id: owner for owner, a in apps},
            verifications={
                v.record.partner: v for _, v in sorted(self.verifications, key=lambda item: item[1].record.partner)
            },
            timeline=self.timeline,
            policy=self.policy,
            repository=self.repository,
            digests=self.digests,
        )


def load_records(root: Path, keep_documents: bool = True, processes: int | None = None) -> LoadedRecords:
    """Every record file under `root`, parsed and validated one by one, with every problem found.

    Through the record cache (`load/record_cache.py`) unless it is off: a file whose bytes were seen before is
    not parsed again. Without `keep_documents`, a file parsed now keeps no node tree or lines either (it is read
    again if a problem points into it): for a build, which keeps the records until it ends and reports few.
    The files no run has parsed are parsed in `processes` processes (None: one per core when there are many).
    """
    cache = RecordCache.open(keep_documents=keep_documents)
    with _collector_paused():
        layout = discover(root)
        if cache is None:
            return _load_records(layout, load_record)
        cache.met(layout.stats)
        cache.parse_new(_record_files(layout), processes)
        loaded = _load_records(layout, cache.load_record)
        cache.save()
        return replace(loaded, digests=dict(cache.digests))


def load_frozen_records(root: Path, keep_documents: bool = True, processes: int | None = None) -> LoadedRecords:
    """`load_records` for a command whose records live until it ends: frozen out of the cycle collector's sight.

    Its passes while checking, judging and describing no longer walk every loaded object again (and forked
    page writers share them untouched): `process_memory.long_lived`.
    """
    with long_lived():
        return load_records(root, keep_documents, processes)


@contextmanager
def _collector_paused() -> Iterator[None]:
    # Loading makes millions of small objects and frees few until it ends: each of the cycle collector's full
    # passes would walk the whole growing tree again (two thirds of the time at 10,000 apps) and find nothing.
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


class Loader(Protocol):
    """Loads one record file as a model: `load_record`, or the record cache's."""

    def __call__(self, path: Path, model: type[R], /) -> tuple[Located[R] | None, list[Problem]]: ...


def _load_records(layout: Layout, load: Loader) -> LoadedRecords:
    root = layout.root
    problems = list(layout.problems)
    partners = _load_all(((name, path) for name, path in layout.partner_files), Partner, problems, load)
    apps = _load_all(layout.app_files, App, problems, load)
    verifications = _load_all(((path.stem, path) for path in layout.verification_files), Verification, problems, load)
    timeline = policy = repository = None
    if layout.timeline_file is not None:
        timeline, found = load(layout.timeline_file, Timeline)
        problems += found
    if layout.policy_file is not None:
        policy, found = load(layout.policy_file, Policy)
        problems += found
    if layout.repository_file is not None:
        repository, found = load(layout.repository_file, Repository)
        problems += found
    return LoadedRecords(root, layout, partners, apps, verifications, timeline, policy, repository, problems)


def _record_files(layout: Layout) -> list[tuple[Path, type[Record]]]:
    """Every record file of the layout, with the model it is read as."""
    files: list[tuple[Path, type[Record]]] = [(path, Partner) for _, path in layout.partner_files]
    files += [(path, App) for _, path in layout.app_files]
    files += [(path, Verification) for path in layout.verification_files]
    for path, model in ((layout.timeline_file, Timeline), (layout.policy_file, Policy)):
        if path is not None:
            files.append((path, model))
    if layout.repository_file is not None:
        files.append((layout.repository_file, Repository))
    return files


def _load_all(
    files: Iterable[tuple[str, Path]], model: type[R], problems: list[Problem], load: Loader
) -> list[tuple[str, Located[R]]]:
    loaded = []
    for owner, path in files:
        located, found = load(path, model)
        problems += found
        if located is not None:
            loaded.append((owner, located))
    return loaded
