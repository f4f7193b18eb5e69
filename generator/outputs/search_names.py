"""The search page's names: search/names.json, and the index of names under search/names/.

search/names.json holds the name, kind and URL of every partner, app, badge and tier, for "Did you mean …?",
and each app's partner, for the compare page's picker. Pagefind matches words and their prefixes but forgives
no typo (pagefind#756): when a search finds nothing, the search page fetches this file (only then) and suggests
the names closest to what was typed. The compare page fetches it once someone types in its picker.

The index of names is what a search looks in first. Pagefind's index of every page's text costs a browser some
400 KB at 10,000 apps before its first results (its engine and every bundle's page list), where most searches
are for a name. A name is found by the beginnings of its words (an app's also by its partner's name): each word
of a name is filed under its first three letters (or the whole word, if shorter), one file for each beginning,
holding every record with a word filed there and what its result card shows. A search for "sync" reads the one
file of "syn", a few kilobytes; the page searches all text only when asked, or when no name matches.

A beginning shared by very many names (a platform's name in every app's, "… for Jira") would make a file
heavier than Pagefind's whole index: past NAME_FILE_MOST_RECORDS records, its file lists none and says how many
there are, and a search reads the file of another of its words, or searches all text.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator

from generator.site import output_paths as paths
from generator.site.model import SiteModel
from generator.views.search import SearchRecord

# A word is filed under this many of its first letters: a search reads the file of its longest word's beginning.
KEY_LETTERS = 3
# A file lists at most this many records (some 40 bytes each with gzip): at most about 80 KB over the wire.
NAME_FILE_MOST_RECORDS = 2_000
# Combining accents, dropped after decomposition ("é" is "e"), and what separates words: anything that is not a
# letter or a digit. The search page splits words the same way (js/search/spelling.js, `words`).
_ACCENTS = re.compile("[\u0300-\u036f]")
_NOT_LETTER_OR_DIGIT = re.compile(r"[\W_]+")


def search_name_files(model: SiteModel) -> Iterator[tuple[str, bytes]]:
    """search/names.json, in the site's order (partners, apps, badges, tiers), then the index of names, one file
    at a time (at 10,000 apps, 24 MB in some 200 files)."""
    yield paths.SEARCH_NAMES, _names_file(model)
    yield from name_index_files(model.search.values())


def _names_file(model: SiteModel) -> bytes:
    partner_of_app = {app.url: app.partner.label for app in model.apps}
    names = []
    for record in model.search.values():
        name = {"name": record.name, "kind": record.kind.value, "url": record.url}
        if record.url in partner_of_app:
            name["partner"] = partner_of_app[record.url]
        names.append(name)
    return _compact_json({"names": names})


def name_words(text: str) -> list[str]:
    """The words of `text` as search compares them: lower case, no accents, split at anything not a letter or
    digit."""
    return [
        word
        for word in _NOT_LETTER_OR_DIGIT.split(_ACCENTS.sub("", unicodedata.normalize("NFKD", text.lower())))
        if word
    ]


def word_key(word: str) -> str:
    """The beginning a word is filed under."""
    return word[:KEY_LETTERS]


def name_index_path(key: str) -> str:
    """The file of the records with a word beginning `key`: its UTF-8 bytes in hexadecimal, so that any letter
    makes a plain file name."""
    return f"{paths.SEARCH_NAME_INDEX}/{key.encode().hex()}.json"


def name_index_files(records: Iterable[SearchRecord]) -> Iterator[tuple[str, bytes]]:
    """One file for each beginning of a word of a name, listing the records filed there in name order, in the
    order of the beginnings."""
    filed: defaultdict[str, list[str]] = defaultdict(list)
    for record in sorted(records, key=lambda record: (record.sort_name, record.url)):
        meta = dict(record.meta)
        # Each record is in a few files: its JSON is made once.
        entry = _json_text(_entry(record, meta))
        # An app is found by its partner's name too ("acme" lists Acme's apps).
        partner = meta.get("partner", "")
        for key in dict.fromkeys(word_key(word) for word in name_words(record.name) + name_words(partner)):
            filed[key].append(entry)
    for key in sorted(filed):
        yield name_index_path(key), _name_file(filed[key])


def _name_file(entries: list[str]) -> bytes:
    if len(entries) > NAME_FILE_MOST_RECORDS:
        return f'{{"records":[],"too_many":{len(entries)}}}\n'.encode()
    return f'{{"records":[{",".join(entries)}]}}\n'.encode()


def _entry(record: SearchRecord, meta: dict[str, str]) -> dict[str, object]:
    """What the search page reads of a record, as Pagefind's data of its page reads: its address, its result
    card's details (the title its name), and the values of each facet it is filtered by."""
    filters: dict[str, list[str]] = {}
    for key, value in record.filters:
        filters.setdefault(key, []).append(value)
    return {"url": record.url, "meta": {"title": record.name, **meta}, "filters": filters}


def _compact_json(document: object) -> bytes:
    return (_json_text(document) + "\n").encode()


def _json_text(document: object) -> str:
    # Compact: fetched by browsers, read by no person.
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))
