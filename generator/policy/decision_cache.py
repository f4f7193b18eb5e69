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
from collections.abc import Iterator
from typing import Any

from generator.load.cache import CachePack, digest, open_pack
from generator.load.catalog import Catalog
from generator.load.code_fingerprint import code_fingerprint
from generator.policy.engine import Evaluation, PartnerDecisions, PartnerJudge
from generator.policy.events import TrustEvent, partner_events, sort_events
from generator.records.policy import Policy


def evaluate_cached(catalog: Catalog, policy: Policy, as_of: dt.date) -> Evaluation:
    """`evaluate`, each partner's decisions from the cache when its inputs are unchanged."""
    pack = open_pack("decisions")
    partners: dict[str, PartnerDecisions] = {}
    for partner_id, key in _partner_keys(catalog, policy, as_of, "decisions", pack):
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
    pack = open_pack("events")
    events: list[TrustEvent] = []
    for partner_id, key in _partner_keys(catalog, policy, as_of, "events", pack):
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


def _judge(catalog: Catalog, policy: Policy, partner_id: str) -> PartnerJudge:
    verification = catalog.verifications.get(partner_id)
    record = verification.record if verification else None
    return PartnerJudge(catalog.partners[partner_id].record, catalog.apps_of(partner_id), record, policy)


def _partner_keys(
    catalog: Catalog, policy: Policy, as_of: dt.date, kind: str, pack: CachePack | None
) -> Iterator[tuple[str, str | None]]:
    """Each partner's id and the key of its entry (None: not cached), in catalogue order."""
    located_policy = catalog.policy
    policy_digest = None
    if pack is not None and located_policy is not None and located_policy.record is policy:
        policy_digest = catalog.digests.get(located_policy.document.path)
    fingerprint = code_fingerprint()
    for partner_id, located in catalog.partners.items():
        if policy_digest is None:
            yield partner_id, None
            continue
        verification = catalog.verifications.get(partner_id)
        paths = [located.document.path]
        paths += [catalog.apps[app.id].document.path for app in catalog.apps_of(partner_id)]
        parts = [catalog.digests.get(path) for path in paths]
        parts.append(catalog.digests.get(verification.document.path) if verification else "no verification")
        if any(part is None for part in parts):
            yield partner_id, None
            continue
        yield partner_id, digest(fingerprint, kind, as_of.isoformat(), policy_digest, *(p for p in parts if p))


def _get(pack: CachePack | None, key: str | None, kind: type[Any]) -> Any | None:
    if pack is None or key is None:
        return None
    value = pack.get(key)
    return value if isinstance(value, kind) else None


def _put(pack: CachePack | None, key: str | None, value: Any) -> None:
    if pack is not None and key is not None:
        pack.put(key, value)
