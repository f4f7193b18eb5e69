"""Pages without their templates' indentation: the same document, about a twentieth lighter.

A line break followed by spaces or tabs renders exactly as the line break alone, except where whitespace is the
content itself: inside <pre> and <textarea> (code blocks a partner writes in Markdown among them), and in
<script> and <style>, which are left as they are.
"""

from __future__ import annotations

import re

# The elements whose text keeps its whitespace, each matched from its start tag to its end tag.
_KEPT = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
# A line break and the whitespace after it, further line breaks included: the indentation and the blank lines.
_BREAK_AND_SPACE = re.compile(r"\n[ \t\n]+")


def without_indentation(html: str) -> str:
    """`html` with the whitespace that starts each line removed, and blank lines dropped, outside the
    elements whose whitespace is content."""
    parts: list[str] = []
    start = 0
    for kept in _KEPT.finditer(html):
        parts.append(_strip(html[start : kept.start()]))
        parts.append(kept.group(0))
        start = kept.end()
    parts.append(_strip(html[start:]))
    return "".join(parts)


def _strip(text: str) -> str:
    return _BREAK_AND_SPACE.sub("\n", text)
