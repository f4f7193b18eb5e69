"""The constrained field types every record is built from, and the Record base: unknown fields are errors, no
coercion.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Hashable
from typing import Annotated, Any, TypeVar
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from generator.records.shared_values import shared_each, shared_names

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG = re.compile(SLUG_PATTERN)
_HANDLE = re.compile(r"[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_LOGO = re.compile(r"[a-z0-9][a-z0-9_-]*\.(?:png|jpg|jpeg|webp)")
MAX_URL_LENGTH = 500
MAX_MARKDOWN_LENGTH = 5000


def _got(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…'"


def _fail(code: str, expected: str, value: object) -> PydanticCustomError:
    return PydanticCustomError(code, "expected {expected} (got {got})", {"expected": expected, "got": _got(value)})


def _too_long(limit: int, length: int) -> PydanticCustomError:
    return PydanticCustomError(
        "too-long", "expected at most {limit} characters (got {length})", {"limit": limit, "length": length}
    )


def _check_slug(value: str) -> str:
    if not (2 <= len(value) <= 40 and _SLUG.fullmatch(value)):
        msg = "an id of 2 to 40 lowercase letters, digits and single hyphens, like 'acme-sync'"
        raise _fail("bad-id", msg, value)
    return value


def _check_plain_text(limit: int) -> Callable[[str], str]:
    def check(value: str) -> str:
        if not value.strip():
            raise _fail("empty-text", "some text", value)
        if value != value.strip() or not value.isprintable():
            raise _fail("bad-text", "one line of plain text with no leading or trailing spaces", value)
        if len(value) > limit:
            raise _too_long(limit, len(value))
        return value

    return check


def _check_markdown(value: str) -> str:
    if not value.strip():
        raise _fail("empty-text", "some text", value)
    if len(value) > MAX_MARKDOWN_LENGTH:
        raise _too_long(MAX_MARKDOWN_LENGTH, len(value))
    # Line breaks and zero-width joiners are the only non-printable characters allowed; one pass in C.
    if not value.replace("\n", "").replace("\u200c", "").replace("\u200d", "").isprintable():
        raise _fail("bad-text", "Markdown text with no control or invisible characters", value)
    return value


def _check_https_url(value: str) -> str:
    expected = "an https:// address"
    if len(value) > MAX_URL_LENGTH:
        raise _too_long(MAX_URL_LENGTH, len(value))
    # Every white space character but the plain space is also non-printable: one pass in C for both.
    if not value.startswith("https://") or " " in value or not value.isprintable():
        raise _fail("bad-url", expected, value)
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:
        raise _fail("bad-url", expected, value) from None
    if not host or "." not in host or parts.username is not None or parts.password is not None:
        raise _fail("bad-url", "an https:// address with a host name and no user name or password", value)
    return value


def _check_email(value: str) -> str:
    if len(value) > 254 or not _EMAIL.fullmatch(value):
        raise _fail("bad-email", "an email address like 'security@example.com'", value)
    return value


def _check_handle(value: str) -> str:
    if len(value) > 39 or not _HANDLE.fullmatch(value):
        raise _fail("bad-handle", "a GitHub user name (letters, digits and single hyphens)", value)
    return value


def _check_logo(value: str) -> str:
    if not _LOGO.fullmatch(value):
        raise _fail("bad-logo", "a file name in this directory ending in .png, .jpg, .jpeg or .webp", value)
    return value


def _parse_date(value: object) -> object:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise _fail("bad-date", "a date written YYYY-MM-DD", value)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _fail("bad-date", "a real calendar date written YYYY-MM-DD", value) from None


def _schema(**extra: Any) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", **extra})


Identifier = Annotated[str, AfterValidator(_check_slug), _schema(pattern=SLUG_PATTERN, minLength=2, maxLength=40)]
Name = Annotated[str, AfterValidator(_check_plain_text(80)), _schema(minLength=2, maxLength=80)]
ShortText = Annotated[str, AfterValidator(_check_plain_text(120)), _schema(minLength=1, maxLength=120)]
LongText = Annotated[str, AfterValidator(_check_plain_text(500)), _schema(minLength=1, maxLength=500)]
Markdown = Annotated[str, AfterValidator(_check_markdown), _schema(minLength=1, maxLength=MAX_MARKDOWN_LENGTH)]
HttpsUrl = Annotated[
    str,
    AfterValidator(_check_https_url),
    _schema(pattern=r"^https://[^\s/@]+\.[^\s/@]+(/\S*)?$", maxLength=MAX_URL_LENGTH),
]
Email = Annotated[
    str, AfterValidator(_check_email), _schema(pattern=r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
]
GithubHandle = Annotated[str, AfterValidator(_check_handle), _schema(pattern=r"^[A-Za-z0-9](-?[A-Za-z0-9]){0,38}$")]
LogoFile = Annotated[str, AfterValidator(_check_logo), _schema(pattern=r"^[a-z0-9][a-z0-9_-]*\.(png|jpg|jpeg|webp)$")]
IsoDate = Annotated[dt.date, BeforeValidator(_parse_date)]
Percent = Annotated[float, Field(ge=0, le=100)]

H = TypeVar("H", bound=Hashable)


def _unique(items: tuple[H, ...]) -> tuple[H, ...]:
    seen: set[H] = set()
    for index, item in enumerate(items):
        if item in seen:
            raise PydanticCustomError("duplicate-item", "'{item}' is listed twice", {"item": str(item), "index": index})
        seen.add(item)
    return items


def unique_items(min_length: int, max_length: int) -> Any:
    """Field settings for a list whose items may not repeat."""
    return Field(min_length=min_length, max_length=max_length, json_schema_extra={"uniqueItems": True})


Unique = AfterValidator(_unique)


class Record(BaseModel):
    """Base of every record: unknown fields are errors, no coercion, immutable."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, use_enum_values=False, defer_build=True)

    # Pickled for the cache as the tuple of its fields' values and the set of fields given: pydantic's own state
    # (a dict of four dicts, every field named) took half as long again to unpickle, 100,000 records at a time.
    def __getstate__(self) -> Any:
        values = self.__dict__
        if (
            self.__pydantic_extra__ is not None
            or self.__pydantic_private__
            or tuple(values) != _field_names(type(self))
        ):
            return super().__getstate__()
        return tuple(values.values()), self.__pydantic_fields_set__

    def __setstate__(self, state: Any) -> None:
        # Unpickled from the cache: one set of given fields per shape, small values shared (records/shared_values.py).
        if type(state) is not tuple:
            super().__setstate__(state)
            return
        values, given = state
        set_field = object.__setattr__
        set_field(self, "__dict__", dict(zip(_field_names(type(self)), shared_each(values), strict=True)))
        set_field(self, "__pydantic_fields_set__", shared_names(given))
        set_field(self, "__pydantic_extra__", None)
        set_field(self, "__pydantic_private__", None)


# Each record class's field names in order.
_names: dict[type[Record], tuple[str, ...]] = {}


def _field_names(cls: type[Record]) -> tuple[str, ...]:
    names = _names.get(cls)
    if names is None:
        names = _names[cls] = tuple(cls.model_fields)
    return names
