"""What to write instead: the hint under a value that failed one of our field checks, from the value itself.

Each hint shows the expected form, and where the value can be mended without guessing, the mended value:
'http://x.example' becomes 'https://x.example', 'Acme Sync' becomes 'acme-sync', '2026-3-5' becomes
'2026-03-05'. Nothing is mended silently: the hint only says what to write.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

SLUG_LIMIT = 40
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_LOOSE_DATE = re.compile(r"(?P<year>[0-9]{4})[-/.](?P<month>[0-9]{1,2})[-/.](?P<day>[0-9]{1,2})")
_COMPACT_DATE = re.compile(r"(?P<year>[0-9]{4})(?P<month>[0-9]{2})(?P<day>[0-9]{2})")
_HANDLE_NOISE = re.compile(r"^@|^https://github\.com/|/+$")


def hint_for(code: str, got: object) -> str | None:
    """The hint for a value check's failure, or None when the code has no value-based hint."""
    text = str(got) if isinstance(got, (str, int)) and not isinstance(got, bool) else None
    if text is None:
        return None
    if code == "bad-url":
        return _url_hint(text)
    if code == "bad-date":
        return _date_hint(text)
    if code == "bad-id":
        return _id_hint(text)
    if code == "bad-email":
        return "write one address such as security@example.com, with no spaces or display name"
    if code == "bad-handle":
        handle = _HANDLE_NOISE.sub("", text)
        if handle != text and handle:
            return f"write the user name alone: {handle}"
        return "write the GitHub user name as it appears in its profile address, without '@'"
    if code == "bad-text":
        return "write it on one line, and remove spaces at its start and end"
    if code == "empty-text":
        return "write the text, or delete the field if it does not apply"
    return None


def suggested_id(text: str) -> str | None:
    """`text` as an id (lowercase letters, digits, single hyphens), or None when nothing is left of it."""
    slug = _NOT_SLUG.sub("-", text.casefold()).strip("-")[:SLUG_LIMIT].rstrip("-")
    return slug if len(slug) >= 2 else None


def _url_hint(text: str) -> str:
    if text.startswith("http://"):
        return f"only https:// addresses are published: write https://{text.removeprefix('http://')}"
    if "://" not in text and "." in text and " " not in text:
        return f"write the whole address, starting with https://: https://{text}"
    return "write a whole address starting with https://, like https://example.com/security"


def _date_hint(text: str) -> str:
    form = "write the date as YYYY-MM-DD, like 2026-03-05"
    match = _LOOSE_DATE.fullmatch(text) or _COMPACT_DATE.fullmatch(text)
    if match is None:
        return form
    year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
    if not 1 <= month <= 12:
        return f"{form}; the month comes second, between 01 and 12"
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return f"{calendar.month_name[month]} {year} has {last} days"
    return f"write {dt.date(year, month, day).isoformat()}"


def _id_hint(text: str) -> str:
    form = "ids are 2 to 40 lowercase letters, digits and single hyphens"
    suggestion = suggested_id(text)
    return f"{form}: write '{suggestion}'" if suggestion and suggestion != text else form
