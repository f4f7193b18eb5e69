"""Folding names and ids to a skeleton, so that look-alikes count as the same name."""

from __future__ import annotations

import functools
import re
import unicodedata

# Look-alikes within ASCII itself, after case folding: 'rn' reads as 'm', '0' as 'o', and so on.
_ASCII_NOT_ALNUM = re.compile("[^a-z0-9]")
_ASCII_LOOKALIKES = (("rn", "m"), ("vv", "w"), ("0", "o"), ("1", "l"), ("i", "l"), ("|", "l"), ("5", "s"))


@functools.cache
def _latin_lookalike(ch: str) -> str:
    """The ASCII letter a non-ASCII character can pass for, or the character itself."""
    if ch.isascii():
        return ch
    # Imported at the first non-ASCII character: loading its tables costs a check of all-ASCII data a tenth of
    # its start-up.
    from confusable_homoglyphs import confusables

    for found in confusables.is_confusable(ch, preferred_aliases=["latin"]) or ():
        for glyph in found["homoglyphs"]:
            if glyph["c"].isascii() and glyph["c"].isalnum():
                return str(glyph["c"]).lower()
    return ch


def skeleton(text: str) -> str:
    """Compatibility-normalised, case-folded, look-alikes merged, punctuation and spaces dropped."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    if folded.isascii():
        # Most ids and names: nothing to look up, and the letters and digits kept are [a-z0-9] once folded.
        kept = _ASCII_NOT_ALNUM.sub("", folded)
    else:
        merged = "".join(_latin_lookalike(ch) for ch in folded)
        kept = "".join(ch for ch in merged if ch.isalnum())
    for lookalike, canonical in _ASCII_LOOKALIKES:
        kept = kept.replace(lookalike, canonical)
    return kept


def mixes_scripts(text: str) -> bool:
    """True when a name mixes scripts in a way used to impersonate another (e.g. Latin with Cyrillic)."""
    # ASCII is Latin and common punctuation only, one script: no need to look each character up.
    if text.isascii():
        return False
    from confusable_homoglyphs import confusables

    return bool(confusables.is_dangerous(text))
