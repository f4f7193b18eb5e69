"""Partner-written descriptions rendered to HTML, remembered by a digest of the text and the code.

`render_untrusted` is a pure function of the Markdown text and this code (markdown-it and Python's IDNA codec
among the libraries the code fingerprint names), and at 10,000 apps rendering every description is most of
describing the site. An entry's key is the digest of the code fingerprint and the text; its value the HTML, a
plain string. The entries live in the content-addressed cache's `descriptions` pack (`load/cache.py`: sealed,
read by the restricted unpickler, a damaged entry rendered again), so a rebuild renders only the descriptions
that are new or changed. With the cache off, every description is rendered.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from generator.load.cache import CachePack, digest, open_pack
from generator.load.code_fingerprint import code_fingerprint
from generator.views.markdown import render_untrusted

PACK = "descriptions"


class DescriptionRenderer:
    """Renders partner-written Markdown, from the cache when the same text was rendered by the same code."""

    def __init__(self, pack: CachePack | None) -> None:
        self._pack = pack
        self._fingerprint = code_fingerprint() if pack is not None else ""

    @staticmethod
    def open(environment: Mapping[str, str] = os.environ) -> DescriptionRenderer:
        """A renderer keeping its work in the cache directory's pack, or rendering everything when it is off."""
        return DescriptionRenderer(open_pack(PACK, environment))

    def render(self, text: str) -> str:
        """`render_untrusted(text)`, remembered."""
        if self._pack is None:
            return render_untrusted(text)
        key = digest(self._fingerprint, "render_untrusted", text)
        cached = self._pack.get(key)
        if isinstance(cached, str):
            return cached
        rendered = render_untrusted(text)
        self._pack.put(key, rendered)
        return rendered

    def take_new(self) -> dict[str, bytes]:
        """What this process rendered since the last call, as pack entries: a worker's, for the build's renderer."""
        return self._pack.take_new() if self._pack is not None else {}

    def add(self, entries: Mapping[str, bytes]) -> None:
        """Keep the entries a worker process rendered (`take_new`)."""
        if self._pack is not None:
            for key, data in entries.items():
                self._pack.put_pickled(key, data)

    def save(self) -> None:
        """Keep what this run rendered for the next."""
        if self._pack is not None:
            self._pack.save()
