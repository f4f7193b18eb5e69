"""The as-of date: read once, at the edge, and passed down to everything that judges time."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping


class AsOfError(ValueError):
    """The as-of date given cannot be used."""


def parse_date_argument(text: str) -> dt.date:
    """A strict YYYY-MM-DD date from the command line."""
    try:
        if len(text) != 10:
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        msg = f"expected a date written YYYY-MM-DD (got '{text}')"
        raise AsOfError(msg) from None


def resolve_as_of(flag: str | None, environ: Mapping[str, str] | None = None) -> dt.date:
    """--as-of if given, else SOURCE_DATE_EPOCH (reproducible builds), else today in UTC."""
    if flag:
        return parse_date_argument(flag)
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
        except (ValueError, OverflowError, OSError):
            msg = f"SOURCE_DATE_EPOCH: expected whole seconds since 1970-01-01 (got '{epoch}')"
            raise AsOfError(msg) from None
    return dt.datetime.now(tz=dt.UTC).date()
