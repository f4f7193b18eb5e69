"""Plain YAML scalars resolved by a strict core schema, and values described for messages.

YAML 1.1's yes/no booleans and its implicit octal and base-60 numbers are reported, not guessed at;
dates stay text (the model parses them).
"""

from __future__ import annotations

import re

Scalar = str | int | float | bool | None

_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)(?:[eE][-+]?[0-9]+)?")
_OCTAL = re.compile(r"[-+]?(?:0[0-9]+|0o[0-7]+)")
_SEXAGESIMAL = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?")
_OTHER_NUMBER = re.compile(
    r"[-+]?(?:0x[0-9a-fA-F_]+|0b[01_]+|[0-9][0-9_]*_[0-9_]*(?:\.[0-9_]*)?|\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))"
)
_YAML11_BOOLEANS = frozenset(
    {"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"}
    | {"True", "TRUE", "False", "FALSE"}
)
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_NUMBER_START = frozenset("+-.0123456789")


def resolve_plain(text: str) -> tuple[Scalar, tuple[str, str, str] | None]:
    """Resolve an unquoted scalar: null, true/false, integer, float, else text; hazards as problems."""
    if text in _NULLS:
        return None, None
    if text == "true":
        return True, None
    if text == "false":
        return False, None
    # Every number pattern below starts with a sign, a digit or a dot: most values are plain words.
    if text[0] not in _NUMBER_START and text not in _YAML11_BOOLEANS:
        return text, None
    quote_hint = f'put it in quotes ("{text}") if you mean the text'
    if text in _YAML11_BOOLEANS:
        msg = f"'{text}' is ambiguous: YAML 1.1 reads it as a true/false value"
        return text, ("yaml11-boolean", msg, f"write true or false for a yes/no value, or {quote_hint}")
    if _INT.fullmatch(text):
        return int(text), None
    if _OCTAL.fullmatch(text):
        msg = f"'{text}' is ambiguous: a leading zero makes it an octal number in YAML 1.1"
        return text, ("implicit-octal", msg, quote_hint)
    if _SEXAGESIMAL.fullmatch(text):
        msg = f"'{text}' is ambiguous: YAML 1.1 reads it as a base-60 number"
        return text, ("sexagesimal", msg, quote_hint)
    if _OTHER_NUMBER.fullmatch(text):
        msg = f"'{text}' is ambiguous: YAML versions disagree on what number it is"
        return text, ("ambiguous-number", msg, f"write a plain decimal number, or {quote_hint}")
    if _FLOAT.fullmatch(text):
        return float(text), None
    return text, None


def describe_value(value: object) -> str:
    """A value as messages show it: 'nothing', "number 12", "'text'", 'a list'."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"true/false value {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"number {value}"
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "…"
        return f"'{text}'"
    if isinstance(value, list):
        return "a list"
    return "a mapping of fields"
