"""Each partner's decisions and trust events, remembered by a digest of everything they are judged from.

A partner's decisions (its badges and its apps', its grade, its tier's standing) and its trust events are a
function of its own records alone: its profile, its apps, the maintainers' evidence about it, the policy and
the as-of date (`evaluate_partner`; tier prerequisites read the partner's own apps, and the checks that span
partners, look-alikes and references, decide nothing). The key of a partner's entry is the digest of those
files' bytes (the record cache's digests), the as-of date and the code fingerprint; a partner whose files did
not come through the record cache is judged afresh. Only one partner's files changed: only it is judged again.
"""

from __future__ import annotations

import datetime as dt
import types
import weakref
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.load.cache import CachePack, digest, open_pack
from generator.load.catalog import Catalog
from generator.load.code_fingerprint import code_fingerprint
from generator.records.policy import Policy

if TYPE_CHECKING:
    from generator.policy.engine import Evaluation, PartnerJudge
    from generator.policy.events import TrustEvent

# The engine and the events are imported when a partner is judged, not by a check whose partners are all known
# (`reports/validation.py` reads their warnings by `partner_inputs` alone).


def evaluate_cached(
    catalog: Catalog, policy: Policy, as_of: dt.date, only: Collection[str] | None = None
) -> Evaluation:
    """`evaluate` (of the partners `only`, when given), each partner's decisions from the cache when its inputs
    are unchanged."""
    from generator.policy.engine import Evaluation, PartnerDecisions

    pack = open_pack("decisions")
    inputs = partner_inputs(catalog, policy, as_of) if pack is not None else {}
    partners: dict[str, PartnerDecisions] = {}
    for partner_id in catalog.partners if only is None else only:
        key = _key(inputs.get(partner_id), "decisions")
        cached = _get(pack, key, PartnerDecisions)
        if cached is None:
            cached = _judge(catalog, policy, partner_id).decisions(as_of)
            _put(pack, key, cached)
        partners[partner_id] = cached
    if pack is not None:
        pack.save()
    return Evaluation(as_of, partners)


def trust_events_cached(catalog: Catalog, policy: Policy, as_of: dt.date) -> tuple[TrustEvent, ...]:
    """`trust_events`, each partner's from the cache when its inputs are unchanged."""
    from generator.policy.events import TrustEvent, partner_events, sort_events

    pack = open_pack("events")
    inputs = partner_inputs(catalog, policy, as_of) if pack is not None else {}
    events: list[TrustEvent] = []
    for partner_id in catalog.partners:
        key = _key(inputs.get(partner_id), "events")
        cached = _get(pack, key, tuple)
        if cached is None or not all(isinstance(event, TrustEvent) for event in cached):
            verification = catalog.verifications.get(partner_id)
            record = verification.record if verification else None
            cached = tuple(partner_events(_judge(catalog, policy, partner_id), record, as_of))
            _put(pack, key, cached)
        events += cached
    if pack is not None:
        pack.save()
    return sort_events(events)


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


def _get(pack: CachePack | None, key: str | None, kind: type[Any]) -> Any | None:
    if pack is None or key is None:
        return None
    value = pack.get(key)
    return value if isinstance(value, kind) else None


def _put(pack: CachePack | None, key: str | None, value: Any) -> None:
    if pack is not None and key is not None:
        pack.put(key, value)
