"""Digests of the views that many pages and files show, told by their values: equal views, equal digests.

A page's or a file's key (site/kept_pages.py, site/kept_files.py) holds the views it shows. An app's view is on
its page, its partner's, listings and its API file; reading its fields once per process, and telling it by its
digest wherever it is shown, keeps the keys of ten thousand apps' pages from reading each view many times. A
view kept in the cache (views/partner_view_cache.py) keeps its digests with it, so that it is not read at all.
"""

from __future__ import annotations

import copyreg
import dataclasses
import hashlib
import io
import pickle
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from generator.views.page_models import AppView, PartnerView


@dataclasses.dataclass(frozen=True)
class PartnerDigests:
    """The digests of one partner's view and of each of its apps' (by app id)."""

    partner: bytes
    apps: Mapping[str, bytes]


class ViewDigests:
    """The digests of the views that many pages and files show (an app on its page, its partner's, a listing's,
    its API file), each worked out once per process: ten thousand apps cost one reading of each app's view, not
    one per page that shows it."""

    def __init__(self, kinds: Iterable[type]) -> None:
        self._digests: dict[int, bytes] = {}
        # The views stay alive for the whole build, so their ids name them while it runs.
        self._table: dict[type, Callable[[Any], Any]] = dict(copyreg.dispatch_table)
        for kind in kinds:
            self._table[kind] = self._reduce

    def of(self, view: Any) -> bytes:
        """The digest of a view of one of the kinds given: of its fields, each shared view in them by its own."""
        found = self._digests.get(id(view))
        if found is None:
            fields = tuple(getattr(view, field.name) for field in dataclasses.fields(view))
            data = self.bytes_of(fields)
            if data is None:
                msg = f"a {type(view).__qualname__} that cannot be told by its bytes"
                raise pickle.PicklingError(msg)
            found = self._digests[id(view)] = hashlib.blake2b(data, digest_size=20).digest()
        return found

    def know(self, view: Any, identity: bytes) -> None:
        """Tell `view` by `identity`, a digest of everything it is made from, rather than by its fields."""
        self._digests[id(view)] = identity

    def bytes_of(self, value: Any) -> bytes | None:
        """The bytes that tell a value, each shared view in it by its digest; None when it cannot be told."""
        return value_bytes(value, self._table)

    def _reduce(self, view: Any) -> tuple[Callable[..., Any], tuple[str, bytes]]:
        """How a shared view is written into a value's bytes: its kind and its digest."""
        return _view, (type(view).__qualname__, self.of(view))


def partner_digests(views: ViewDigests, partner: PartnerView) -> PartnerDigests | None:
    """The digests of a partner's view and its apps'; None when one cannot be told by its bytes."""
    try:
        return PartnerDigests(views.of(partner), {app.id: views.of(app) for app in partner.apps})
    except pickle.PicklingError:
        return None


def partner_view_digests() -> ViewDigests:
    """Digests of partners' and apps' views, each nested view told by its own digest."""
    return ViewDigests((AppView, PartnerView))


def _view(kind: str, digest: bytes) -> tuple[str, bytes]:
    """Stands for a shared view in a page's bytes (never called: keys are digests, never read back)."""
    return kind, digest


def value_bytes(value: Any, dispatch_table: Mapping[type, Callable[[Any], Any]] | None = None) -> bytes | None:
    """The bytes that tell a value: equal values give equal bytes, however their parts are shared between them
    (no pickle memo: a view made now and one read from the decision cache share differently); None when the
    value cannot be told by its bytes (a function, a cycle)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    if dispatch_table is not None:
        pickler.dispatch_table = dispatch_table
    try:
        pickler.dump(value)
    except (pickle.PicklingError, TypeError, AttributeError, ValueError, RecursionError):
        return None
    return buffer.getvalue()
