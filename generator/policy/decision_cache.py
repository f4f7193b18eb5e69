"""Each partner's decisions and trust events, remembered by a digest of everything they are judged from.

A partner's decisions (its badges and its apps', its grade, its tier's standing) and its trust events are a
function of its own records alone: its profile, its apps, the maintainers' evidence about it, the policy and
the as-of date (`evaluate_partner`; tier prerequisites read the partner's own apps, and the checks that span
partners, look-alikes and references, decide nothing). The key of a partner's entry is the digest of those
files' bytes (the record cache's digests), the as-of date and the code fingerprint; a partner whose files did
not come through the record cache is judged afresh. Only one partner's files changed: only it is judged again.
The partners to judge are shared among worker processes (`generator/parallel.py`), each judging a partner's
decisions and events with one judge and handing them back as the cache keeps them.
"""

from __future__ import annotations

import datetime as dt
import types
import weakref
from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from generator.load.cache import CachePack, digest, load_entry, open_pack, pickle_entry
from generator.load.catalog import Catalog
from generator.load.code_fingerprint import code_fingerprint
from generator.parallel import FEWEST_PARTNERS_FOR_WORKERS, process_count, run_in_processes
from generator.records.policy import Policy

if TYPE_CHECKING:
    from generator.policy.engine import Evaluation, PartnerDecisions, PartnerJudge
    from generator.policy.events import TrustEvent

Result = TypeVar("Result")

# The engine and the events are imported when a partner is judged, not by a check whose partners are all known
# (`reports/validation.py` reads their warnings by `partner_inputs` alone).


def evaluate_cached(
    catalog: Catalog, policy: Policy, as_of: dt.date, only: Collection[str] | None = None, processes: int | None = None
) -> Evaluation:
    """`evaluate` (of the partners `only`, when given), each partner's decisions from the cache when its inputs
    are unchanged; the others judged in `processes` processes (None: one per core when there are enough)."""
    from generator.policy.engine import Evaluation

    partners = list(catalog.partners if only is None else only)
    judged = _remembered_or_judged(catalog, policy, as_of, partners, (_DECISIONS,), processes)
    return Evaluation(as_of, judged[_DECISIONS])


def evaluate_beside(
    catalog: Catalog, policy: Policy, as_of: dt.date, judged: tuple[Catalog, Policy, Evaluation]
) -> Evaluation:
    """`evaluate_cached`, a partner whose inputs are those of the same partner in a catalogue `judged` already as of
    the same date taken from that evaluation as it is: the base of a change, judged beside its head, restores or
    judges only the partners the change touches."""
    from generator.policy.engine import Evaluation

    other_catalog, other_policy, other = judged
    inputs = partner_inputs(catalog, policy, as_of) if other.as_of == as_of else {}
    other_inputs = partner_inputs(other_catalog, other_policy, as_of) if inputs else {}
    same = {p for p, key in inputs.items() if key is not None and key == other_inputs.get(p) and p in other.partners}
    rest = evaluate_cached(catalog, policy, as_of, [p for p in catalog.partners if p not in same])
    return Evaluation(as_of, {p: other.partners[p] if p in same else rest.partners[p] for p in catalog.partners})


def trust_events_cached(
    catalog: Catalog, policy: Policy, as_of: dt.date, processes: int | None = None
) -> tuple[TrustEvent, ...]:
    """`trust_events`, each partner's from the cache when its inputs are unchanged."""
    return judge_cached(catalog, policy, as_of, processes, decisions=False)[1]


def judge_cached(
    catalog: Catalog, policy: Policy, as_of: dt.date, processes: int | None = None, decisions: bool = True
) -> tuple[Evaluation, tuple[TrustEvent, ...]]:
    """`evaluate_cached` and `trust_events_cached` at once (the decisions of none when not `decisions`): a
    partner remembered by neither is judged once for both."""
    from generator.policy.engine import Evaluation
    from generator.policy.events import sort_events

    partners = list(catalog.partners)
    kinds = (_DECISIONS, _EVENTS) if decisions else (_EVENTS,)
    judged = _remembered_or_judged(catalog, policy, as_of, partners, kinds, processes)
    events = sort_events([event for partner_id in partners for event in judged[_EVENTS][partner_id]])
    return Evaluation(as_of, judged.get(_DECISIONS, {})), events


def with_decisions(
    catalog: Catalog,
    policy: Policy,
    as_of: dt.date,
    partners: Sequence[str],
    then: Callable[[str, PartnerDecisions], Result],
    processes: int | None = None,
) -> list[Result]:
    """`then` of each partner's decisions, in the order of `partners`, worked out in `processes` worker processes
    (None: one per core when there are enough partners): a partner's decisions from the cache when its inputs are
    unchanged, else judged there and handed back as the cache keeps them. Only what `then` makes is unpickled
    here: for a command that reads decisions without keeping them (validate's warnings)."""
    pack = open_pack(_DECISIONS)
    inputs = partner_inputs(catalog, policy, as_of) if pack is not None else {}

    def work(partner_id: str) -> tuple[bytes | None, Result]:
        key = _key(inputs.get(partner_id), _DECISIONS)
        decisions = _get(pack, key, _DECISIONS)
        entry = None
        if decisions is None:
            [decisions] = _judged(catalog, policy, as_of, partner_id, (_DECISIONS,))
            entry = pickle_entry(decisions)
        return entry, then(partner_id, decisions)

    count = process_count(processes, len(partners), FEWEST_PARTNERS_FOR_WORKERS)
    results = []
    for partner_id, (entry, result) in zip(partners, run_in_processes(work, partners, count), strict=True):
        key = _key(inputs.get(partner_id), _DECISIONS)
        if pack is not None and key is not None and entry is not None:
            pack.put_pickled(key, entry)
        results.append(result)
    if pack is not None:
        pack.save()
    return results


# The two kinds of what a partner is judged to, each a pack of the cache.
_DECISIONS = "decisions"
_EVENTS = "events"


def _remembered_or_judged(
    catalog: Catalog,
    policy: Policy,
    as_of: dt.date,
    partners: list[str],
    kinds: tuple[str, ...],
    processes: int | None,
) -> dict[str, dict[str, Any]]:
    """Each kind's value for each partner, by kind and partner id in the order of `partners`: from the cache when
    the partner's inputs are unchanged, else judged, once for every kind it lacks, in worker processes that hand
    back each value as the cache keeps it."""
    packs = {kind: open_pack(kind) for kind in kinds}
    inputs = partner_inputs(catalog, policy, as_of) if any(pack is not None for pack in packs.values()) else {}
    found: dict[str, dict[str, Any]] = {kind: {} for kind in kinds}
    unknown: list[tuple[str, tuple[str, ...]]] = []
    for partner_id in partners:
        lacking = []
        for kind in kinds:
            value = _get(packs[kind], _key(inputs.get(partner_id), kind), kind)
            if value is None:
                lacking.append(kind)
            else:
                found[kind][partner_id] = value
        if lacking:
            unknown.append((partner_id, tuple(lacking)))

    def judge(partner: tuple[str, tuple[str, ...]]) -> tuple[bytes, ...]:
        partner_id, missing = partner
        return tuple(pickle_entry(value) for value in _judged(catalog, policy, as_of, partner_id, missing))

    count = process_count(processes, len(unknown), FEWEST_PARTNERS_FOR_WORKERS)
    for (partner_id, missing), entries in zip(unknown, run_in_processes(judge, unknown, count), strict=True):
        for kind, data in zip(missing, entries, strict=True):
            found[kind][partner_id] = load_entry(data)
            key, pack = _key(inputs.get(partner_id), kind), packs[kind]
            if pack is not None and key is not None:
                pack.put_pickled(key, data)
    for pack in packs.values():
        if pack is not None:
            pack.save()
    return {kind: {partner_id: found[kind][partner_id] for partner_id in partners} for kind in kinds}


def _judged(catalog: Catalog, policy: Policy, as_of: dt.date, partner_id: str, kinds: tuple[str, ...]) -> list[Any]:
    """What one partner is judged to, each kind asked for, by one judge."""
    from generator.policy.events import partner_events

    judge = _judge(catalog, policy, partner_id)
    verification = catalog.verifications.get(partner_id)
    record = verification.record if verification else None
    return [
        judge.decisions(as_of) if kind == _DECISIONS else tuple(partner_events(judge, record, as_of)) for kind in kinds
    ]


def input_paths(catalog: Catalog, partner_id: str) -> list[Path]:
    """The files a partner is judged from, but for the policy: its profile, its apps in id order, its evidence."""
    paths = [catalog.partners[partner_id].document.path]
    paths += [catalog.apps[app.id].document.path for app in catalog.apps_of(partner_id)]
    verification = catalog.verifications.get(partner_id)
    if verification is not None:
        paths.append(verification.document.path)
    return paths


def partner_inputs(catalog: Catalog, policy: Policy, as_of: dt.date) -> Mapping[str, str | None]:
    """A digest of everything each partner is judged from, by partner id; None for a partner whose files did not
    come through the record cache."""
    global _last_inputs
    if _last_inputs is not None:
        catalog_ref, last_policy, last_as_of, inputs = _last_inputs
        if catalog_ref() is catalog and last_policy is policy and last_as_of == as_of:
            return inputs
    inputs = _partner_inputs(catalog, policy, as_of)
    _last_inputs = (weakref.ref(catalog), policy, as_of, inputs)
    return inputs


# The last answer of `partner_inputs`: a build asks for it once per cache (decisions, events, views, kept files),
# and each answer digests every partner's file digests. A catalogue is not changed once loaded.
_last_inputs: tuple[weakref.ref[Catalog], Policy, dt.date, Mapping[str, str | None]] | None = None


def _partner_inputs(catalog: Catalog, policy: Policy, as_of: dt.date) -> Mapping[str, str | None]:
    located_policy = catalog.policy
    policy_digest = None
    if located_policy is not None and located_policy.record is policy:
        policy_digest = catalog.digests.get(located_policy.document.path)
    fingerprint = code_fingerprint()
    inputs: dict[str, str | None] = {}
    for partner_id in catalog.partners:
        parts = [catalog.digests.get(path) for path in input_paths(catalog, partner_id)]
        if policy_digest is None or any(part is None for part in parts):
            inputs[partner_id] = None
            continue
        # Whether the last file is the evidence is part of the key: with no evidence file the list is shorter.
        evidence = "evidence" if partner_id in catalog.verifications else "no evidence"
        inputs[partner_id] = digest(fingerprint, as_of.isoformat(), policy_digest, evidence, *(p for p in parts if p))
    return types.MappingProxyType(inputs)


def _judge(catalog: Catalog, policy: Policy, partner_id: str) -> PartnerJudge:
    from generator.policy.engine import PartnerJudge

    verification = catalog.verifications.get(partner_id)
    record = verification.record if verification else None
    return PartnerJudge(catalog.partners[partner_id].record, catalog.apps_of(partner_id), record, policy)


def _key(inputs: str | None, kind: str) -> str | None:
    return None if inputs is None else digest(kind, inputs)


def _get(pack: CachePack | None, key: str | None, kind: str) -> Any | None:
    """The value remembered under `key`, when it is one of the kind's."""
    from generator.policy.engine import PartnerDecisions
    from generator.policy.events import TrustEvent

    if pack is None or key is None:
        return None
    value = pack.get(key)
    if kind == _DECISIONS:
        return value if isinstance(value, PartnerDecisions) else None
    valid = isinstance(value, tuple) and all(isinstance(event, TrustEvent) for event in value)
    return value if valid else None
