"""Each partner's view, its apps' included, remembered by a digest of everything it is described from.

A partner's view (`views/partners.py`) is described from its own records, its decisions and its trust events,
the policy and the as-of date, all of which the decision cache's key of the partner covers (its profile, apps
and evidence, the policy, the date and the code: `policy/decision_cache.py`), and from three things more: its
published logo, the program's first day (where the history pictures start), and the name of every partner and
app (the receipts and events name apps). A view's key is the digest of all of them; the entries live in the
content-addressed cache's `partner-views` pack (`load/cache.py`: sealed, read by the restricted unpickler, a
damaged entry described again), so a rebuild describes only the partners whose inputs changed. A partner
whose files did not come through the record cache has no key and is described every time, as is every partner
with the cache off.

Each view is kept with its digests (`views/view_digests.py`), which the keys of the pages and files that show
it are made of: a view from the cache is not read again to tell it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Mapping

from generator.checks.logos import PublishedLogo
from generator.load.cache import CachePack, digest, load_entry, open_pack, pickle_entry
from generator.load.catalog import Catalog
from generator.policy.decision_cache import partner_inputs
from generator.records.policy import Policy
from generator.views.page_models import PartnerView
from generator.views.view_digests import PartnerDigests, partner_digests, partner_view_digests

PACK = "partner-views"


class PartnerViewCache:
    """Partners' views by key, from the cache directory's pack (nothing is kept when the cache is off)."""

    def __init__(self, pack: CachePack | None, inputs: Mapping[str, str | None], shared: str) -> None:
        self._pack = pack
        self._inputs = inputs
        self._shared = shared

    @staticmethod
    def open(
        catalog: Catalog,
        policy: Policy,
        as_of: dt.date,
        program_start: dt.date | None,
        environment: Mapping[str, str] = os.environ,
    ) -> PartnerViewCache:
        """The views remembered for the partners of `catalog` judged by `policy` as of a date."""
        pack = open_pack(PACK, environment)
        if pack is None:
            return PartnerViewCache(None, {}, "")
        partner_names = ((partner_id, located.record.name) for partner_id, located in catalog.partners.items())
        names = sorted((*partner_names, *catalog.app_names.items()))
        shared = digest(repr(names), program_start.isoformat() if program_start else "no program start")
        return PartnerViewCache(pack, partner_inputs(catalog, policy, as_of), shared)

    def key(self, partner_id: str, logo: PublishedLogo | None) -> str | None:
        """The key of the partner's view, or None when it is described every time."""
        inputs = self._inputs.get(partner_id)
        if inputs is None:
            return None
        published = hashlib.sha256(logo.data).hexdigest() if logo is not None else "no logo"
        return digest("partner view", self._shared, inputs, published)

    def get(self, key: str | None) -> tuple[PartnerView, PartnerDigests | None] | None:
        """The view remembered under `key`, with its digests, if any."""
        if self._pack is None or key is None:
            return None
        found = self._pack.get(key)
        if not (isinstance(found, tuple) and len(found) == 2 and isinstance(found[0], PartnerView)):
            return None
        view, digests = found
        return view, digests if isinstance(digests, PartnerDigests) else None

    def entry(self, key: str | None, view: PartnerView) -> bytes:
        """A view described now, with its digests when it has a key, as the pack keeps it: what a worker process
        hands back to the build (`put_entry`)."""
        # Told afresh: a view handed back is not kept here, and the digests are remembered by the views' ids.
        digests = partner_digests(partner_view_digests(), view) if self._pack is not None and key is not None else None
        return pickle_entry((view, digests))

    def put_entry(self, key: str | None, data: bytes) -> tuple[PartnerView, PartnerDigests | None]:
        """Remember a view made by `entry` (saved by `save`); the view and its digests."""
        view, digests = load_entry(data)
        if self._pack is not None and key is not None:
            self._pack.put_pickled(key, data)
        return view, digests

    def save(self) -> None:
        """Keep this run's views for the next."""
        if self._pack is not None:
            self._pack.save()
