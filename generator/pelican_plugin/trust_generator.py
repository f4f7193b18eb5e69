"""Our Pelican generator: ``generator.build.gather`` in ``generate_context`` (nothing is written then), and
``generator.build.write_site`` in ``generate_output``, every page through Pelican's writer.

Pelican runs its own generators first (the content pages of content/pages/ are written before ours) and
copies static files last; the build's verify step checks that every page the index should see is there.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from generator.as_of import AsOfError, resolve_as_of
from generator.build import gather, write_site
from generator.load.problems import DataError, format_text
from generator.load.record_cache import ChangedWhileCheckedError
from generator.outputs import partner_file_settings
from generator.parallel import configured_processes, run_in_processes
from generator.pelican_plugin.page_processes import process_count
from generator.pelican_plugin.up_to_date import build_inputs
from generator.pelican_plugin.writer import UnchangedFilesWriter
from generator.records.nightly_changes import read_change_history
from generator.search.pagefind_run import BUNDLE_DIRECTORY, SearchIndexError
from generator.site.build_state import InputState, record_build
from generator.site.kept_files import KeptPartnerFiles, partner_file_keys
from generator.site.kept_pages import (
    KeptPages,
    PageKeys,
    name_partner_views,
    shared_key,
    template_reads,
)
from generator.site.model import SiteModel
from generator.site.page_paths import ContentPage, content_page_problems
from generator.site.pages import Page
from generator.site.verify import IncompleteOutputError
from generator.views.view_digests import partner_view_digests

logger = logging.getLogger(__name__)


class TrustPagesGenerator(Generator):  # type: ignore[misc]
    """Builds the trust pages: the site model first, every output second."""

    def generate_context(self) -> None:
        """Load, check and judge the trust data; stop the build with the located report if it is invalid."""
        try:
            as_of = resolve_as_of(self.settings.get("TRUST_AS_OF") or os.environ.get("TRUST_AS_OF"))
            # The data is checked as of today (SOURCE_DATE_EPOCH, else the clock), whatever day is built.
            today = resolve_as_of(None)
        except AsOfError as error:
            sys.stderr.write(f"TRUST_AS_OF: {error}\n")
            raise SystemExit(2) from None
        # The inputs' state as they are before the build reads them, for the state recorded when it is through.
        self.inputs: InputState | None = (
            build_inputs(self.settings) if self.settings.get("TRUST_BUILD_STATE", True) else None
        )
        data = Path(self.settings["TRUST_DATA_PATH"])
        history_file = self.settings.get("TRUST_CHANGE_HISTORY")
        try:
            history = read_change_history(Path(history_file) if history_file else None)
        except (OSError, ValueError) as error:
            sys.stderr.write(f"TRUST_CHANGE_HISTORY: cannot read {history_file}: {error}\n")
            raise SystemExit(1) from None
        try:
            model = gather(data, as_of, today, history, configured_processes(self.settings, os.environ))
        except DataError as error:
            # Pelican would log an exception with its traceback and go on; bad data must stop the build
            # with the same report `validate` prints, and a failing exit status.
            sys.stderr.write(format_text(error.problems))
            raise SystemExit(error.exit_code) from None
        except ChangedWhileCheckedError as error:
            sys.stderr.write(f"{error}\n")
            raise SystemExit(1) from None
        self.model: SiteModel = model
        self.context["trust"] = model
        _stop_on_content_page_problems(self.context, Path(self.output_path))

    def generate_output(self, writer: UnchangedFilesWriter) -> None:
        """Write, index and verify the site; a site without its search index or a page is never left as done."""
        relative = self.settings["RELATIVE_URLS"]
        output = Path(self.output_path)
        # A record page whose key is the one its file was written for by the last build is kept as it is, and so
        # are a partner's other files. Each view's digest is worked out here, once, before the page processes
        # are forked from this one.
        views = partner_view_digests()
        name_partner_views(views, self.model)
        kept_files = KeptPartnerFiles.open(
            output, partner_file_keys(self.model, partner_file_settings(self.settings), views)
        )
        kept = KeptPages.open(output)
        page_keys: dict[str, str] = {}

        def write_pages(pages: Sequence[Page]) -> None:
            # Every path is claimed first: two pages at one path stop the build before anything is written, and
            # each worker process then writes its own share of the claimed paths.
            writer.claim(page.save_as for page in pages)
            templates = {page.template: self.get_template(page.template) for page in pages}
            shared = {name: self._shared_key(template) for name, template in templates.items()}
            keys = PageKeys(shared, relative, views)

            def write_page(page: Page) -> tuple[str | None, bool]:
                """The page's key (None for a page that is always rendered), and whether it was kept as it was."""
                key = keys.key(page)
                if key is not None and kept.unchanged(page.save_as, key):
                    return key, True
                writer.write_file(
                    page.save_as,
                    templates[page.template],
                    self.context,
                    relative,
                    url=page.url,
                    page_url=page.url,
                    page_title=page.title,
                    **page.context,
                )
                return key, False

            results = list(run_in_processes(write_page, pages, process_count(self.settings, os.environ, len(pages))))
            page_keys.update((page.save_as, key) for page, (key, _) in zip(pages, results, strict=True) if key)
            unchanged = sum(1 for _, was_kept in results if was_kept)
            logger.info(
                "%d pages rendered, %d kept from the last build: nothing they show changed",
                len(pages) - unchanged,
                unchanged,
            )

        content_pages = [Page(p.save_as, p.url, "page", p.title) for p in self.context.get("pages", [])]
        try:
            index = write_site(
                self.model,
                write_pages,
                output,
                self.settings,
                content_pages,
                _theme_files(self.settings),
                written_before=writer.written_paths(),
                kept_files=kept_files,
            )
        except DataError as error:
            sys.stderr.write(format_text(error.problems))
            raise SystemExit(error.exit_code) from None
        except (SearchIndexError, IncompleteOutputError) as error:
            # Stop with the index's or the check's own words, and no traceback.
            sys.stderr.write(f"{error}\n")
            raise SystemExit(1) from None
        # Remembered once the build is through (indexing links the pages, which changes their files' states).
        kept.save(page_keys)
        logger.info("Other files of %d partners kept from the last build, of %d made", *kept_files.tally)
        kept_files.save()
        # Its record of 130,000 files, pickled to be saved, goes before the output's state is taken: the build's
        # peak of memory is near.
        del kept_files
        # Only a build that went through to the end may say its output is the build of these inputs.
        if self.inputs is not None:
            record_build(output, self.inputs)
        if index.skipped:
            logger.info(
                "Search index in %s kept: no indexed page changed (%.2f s)", output / BUNDLE_DIRECTORY, index.seconds
            )
        else:
            logger.info("Search index written to %s in %.2f s", output / BUNDLE_DIRECTORY, index.seconds)

    def _shared_key(self, template: Any) -> str | None:
        """What every page of a template reads besides its own variables, as one key; None when unknown."""
        reads = template_reads(self.env, template.name)
        return shared_key(reads, self.context, self.env) if reads is not None else None


def _theme_files(settings: dict[str, Any]) -> dict[str, bytes]:
    """The theme's static files (stylesheet, scripts, icon) by output path, as Pelican would copy them.

    Pelican copies THEME_STATIC_PATHS anew on every build, changing every copy's modification time; the
    settings leave that list empty and name the theme's folders in TRUST_THEME_STATIC_PATHS instead, so that
    these files are written, like every other, only when they change.
    """
    theme = Path(settings["THEME"])
    files = {}
    for folder in settings.get("TRUST_THEME_STATIC_PATHS", ()):
        source = theme / folder
        for path in sorted(source.rglob("*")):
            if path.is_file():
                files[f"{settings['THEME_STATIC_DIR']}/{path.relative_to(source).as_posix()}"] = path.read_bytes()
    return files


def _stop_on_content_page_problems(context: dict[str, Any], output: Path) -> None:
    """Stop before anything is written when a content page's slug is bad or its path leaves the output directory."""
    # Pelican has read every content page by now (its page generator runs before ours) and writes none yet.
    found = [page for key in ("pages", "hidden_pages", "draft_pages") for page in context.get(key, [])]
    pages = [ContentPage(Path(page.source_path), str(page.slug), str(page.save_as)) for page in found]
    problems = content_page_problems(pages, output)
    if problems:
        sys.stderr.write(format_text(problems))
        raise SystemExit(1)
