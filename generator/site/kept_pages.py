"""Record pages kept from the last build: a partner's or an app's page is rendered again only when something it
shows changed, so that a rebuild after one record changes renders that record's pages, not ten thousand.

A page is a function of its template (and the templates it extends, imports and includes), the values those
templates read from the build's context, the page's own variables and our code. Each page's key is a digest of
all of them: the templates are read for the names they use (`jinja2.meta`), and of the site model (`trust`)
only the fields they name. A template that uses the site model in any other way (whole, by index, through a
name of its own) cannot say what it reads, and its pages are always rendered.

The keys of the pages a build wrote are kept in the cache (`load/cache.py`: sealed with the user's own key,
off with `TRUST_CACHE=0`), one entry per output directory, with each file's size, modification and change
times and inode as the build left it (once it is through: the search index links the pages it reads, which
changes their change times): a page is kept only when its key is the one remembered and its file is untouched
since (any write, rename or copy over it changes its change time). Anything else renders it.
"""

from __future__ import annotations

import dataclasses
import functools
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta, nodes

from generator.load.cache import CachePack, digest, open_pack
from generator.load.code_fingerprint import code_fingerprint
from generator.site.model import SiteModel
from generator.site.pages import Page
from generator.views.view_digests import ViewDigests, value_bytes

# The name under which the site model is in the templates' context.
MODEL_NAME = "trust"
_PACK = "pages"
# What is remembered of a page's file: its key, then size, modification time, change time and inode.
FileState = tuple[str, int, int, int, int]


@dataclasses.dataclass(frozen=True)
class TemplateReads:
    """What a template and every template it uses read from the context: names, and fields of the site model."""

    names: frozenset[str]
    model_fields: frozenset[tuple[str, ...]]
    # A digest of the templates' sources.
    sources: str


def template_reads(environment: jinja2.Environment, template: str) -> TemplateReads | None:
    """What `template` reads, following its extends, imports and includes; None when that cannot be told."""
    names: set[str] = set()
    fields: set[tuple[str, ...]] = set()
    sources: list[str] = []
    seen: set[str] = set()
    pending = [template]
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        if environment.loader is None:
            return None
        source = environment.loader.get_source(environment, name)[0]
        sources += [name, source]
        referenced, used, model_reads = _template_facts(environment, source)
        if None in referenced or model_reads is None:
            return None
        pending += [reference for reference in referenced if reference is not None]
        names |= used
        fields |= model_reads
    return TemplateReads(frozenset(names - {MODEL_NAME}), frozenset(fields), digest(*sources))


@functools.lru_cache(maxsize=64)
def _template_facts(
    environment: jinja2.Environment, source: str
) -> tuple[tuple[str | None, ...], frozenset[str], frozenset[tuple[str, ...]] | None]:
    """What one template's source refers to, the names it reads and the model fields it reads (parsed once:
    every page template extends the same base)."""
    tree = environment.parse(source)
    fields = _model_fields(tree)
    return (
        tuple(meta.find_referenced_templates(tree)),
        frozenset(meta.find_undeclared_variables(tree)),
        frozenset(fields) if fields is not None else None,
    )


def _model_fields(tree: nodes.Template) -> set[tuple[str, ...]] | None:
    """The fields of the site model a template reads as `trust.field.subfield`, as paths; None when it uses the
    model otherwise."""
    attributes = list(tree.find_all(nodes.Getattr))
    inner = {id(node.node) for node in attributes}
    paths = set()
    reads = 0
    for node in attributes:
        if id(node) in inner:
            continue
        path = []
        current: nodes.Node = node
        while isinstance(current, nodes.Getattr):
            path.append(current.attr)
            current = current.node
        if isinstance(current, nodes.Name) and current.name == MODEL_NAME:
            paths.add(tuple(reversed(path)))
            reads += 1
    uses = sum(1 for node in tree.find_all(nodes.Name) if node.name == MODEL_NAME)
    return paths if uses == reads else None


def shared_key(reads: TemplateReads, context: Mapping[str, Any], environment: jinja2.Environment) -> str | None:
    """The digest of what every page of one template reads from the build's context, the template environment
    and the code; None when a value cannot be told by its bytes."""
    values = {}
    for name in sorted(reads.names):
        if name in context:
            values[name] = context[name]
        elif name in environment.globals:
            values[name] = environment.globals[name]
    model = context.get(MODEL_NAME)
    fields = {".".join(path): _field(model, path) for path in sorted(reads.model_fields)}
    data = value_bytes((values, fields))
    return None if data is None else digest(code_fingerprint(), environment_key(environment), reads.sources, data)


def _field(model: Any, path: tuple[str, ...]) -> Any:
    """The value at `path` in the site model (None where a name is missing, as the template would see nothing)."""
    value = model
    for name in path:
        value = getattr(value, name, None)
    return value


def environment_key(environment: jinja2.Environment) -> str:
    """The template environment's options and the names of its filters, tests and globals (their code is ours
    or the libraries', which the code fingerprint covers)."""
    options = (
        environment.autoescape,
        environment.trim_blocks,
        environment.lstrip_blocks,
        environment.keep_trailing_newline,
        environment.newline_sequence,
        environment.block_start_string,
        environment.variable_start_string,
        environment.comment_start_string,
        sorted(type(extension).__qualname__ for extension in environment.extensions.values()),
        sorted(environment.filters),
        sorted(environment.tests),
        sorted(environment.globals),
    )
    return digest(repr(options))


def name_partner_views(views: ViewDigests, model: SiteModel) -> None:
    """Tell each partner's view, and its apps', by the digests worked out when it was described (kept with it
    in the cache: views/partner_view_cache.py), when it has them: reading ten thousand views costs seconds."""
    for partner in model.partners:
        known = model.partner_view_digests.get(partner.id)
        if known is None:
            continue
        views.know(partner, known.partner)
        for app in partner.apps:
            views.know(app, known.apps[app.id])


class PageKeys:
    """The key of each record page: its own variables, the shared views among them told by their digests."""

    def __init__(self, shared: Mapping[str, str | None], relative_urls: bool, views: ViewDigests) -> None:
        # Each template's shared key (None: its pages are always rendered).
        self._shared = shared
        self._relative_urls = relative_urls
        self._views = views

    def key(self, page: Page) -> str | None:
        """The page's key, or None when it is rendered every time."""
        shared = self._shared.get(page.template) if page.reusable else None
        if shared is None:
            return None
        data = self._views.bytes_of(dict(page.context))
        if data is None:
            return None
        return digest(shared, page.save_as, page.url, page.title, page.template, str(self._relative_urls), data)


class KeptPages:
    """The pages the last build into one output directory wrote, with their keys and file states."""

    def __init__(self, output: Path, pack: CachePack | None) -> None:
        self._output = output
        self._pack = pack
        self._entry = digest("kept pages", str(output.resolve()))
        stored = pack.get(self._entry) if pack is not None else None
        self._files: dict[str, FileState] = stored if isinstance(stored, dict) else {}

    @classmethod
    def open(cls, output: Path, environment: Mapping[str, str] = os.environ) -> KeptPages:
        """The record of the last build into `output` (nothing when the cache is off)."""
        return cls(output, open_pack(_PACK, environment))

    def unchanged(self, save_as: str, key: str) -> bool:
        """Whether the file at `save_as` is the one the last build left for this key, untouched since."""
        remembered = self._files.get(save_as)
        return remembered is not None and remembered[0] == key and file_state(self._output / save_as, key) == remembered

    def save(self, keys: Mapping[str, str]) -> None:
        """Remember the record pages of this build (path and key), each with its file's state as it is now."""
        if self._pack is None:
            return
        files = {path: state for path, key in keys.items() if (state := file_state(self._output / path, key))}
        if files != self._files:
            self._pack.put(self._entry, files)
            self._pack.save()


def file_state(path: Path, key: str) -> FileState | None:
    """What is remembered of a written page: its key and its file's size, times and inode; None when missing."""
    try:
        status = path.stat()
    except OSError:
        return None
    return (key, status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)
