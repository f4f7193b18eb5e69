"""Our Pelican generator: the whole site model in ``generate_context`` (load, check, judge, describe:
nothing is written then), every page through Pelican's writer in ``generate_output``, then the files that
are not pages (API, feeds, badges, …); and Pagefind over the written site once Pelican has finished."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from generator.as_of import AsOfError, resolve_as_of
from generator.load.problems import DataError, format_text
from generator.outputs import extra_files
from generator.search.pagefind_run import SearchIndexError, build_search_index
from generator.site.model import SiteModel, build_site_model
from generator.site.pages import Page, site_pages

logger = logging.getLogger(__name__)


class TrustPagesGenerator(Generator):  # type: ignore[misc]
    """Builds the trust pages: the site model first, every output second."""

    def generate_context(self) -> None:
        """Load, check and judge the trust data; stop the build with the located report if it is invalid."""
        try:
            as_of = resolve_as_of(self.settings.get("TRUST_AS_OF") or os.environ.get("TRUST_AS_OF"))
        except AsOfError as error:
            sys.stderr.write(f"TRUST_AS_OF: {error}\n")
            raise SystemExit(2) from None
        data = Path(self.settings["TRUST_DATA_PATH"])
        try:
            model = build_site_model(data, as_of)
        except DataError as error:
            # Pelican would log an exception with its traceback and go on; bad data must stop the build
            # with the same report `validate` prints, and a failing exit status.
            sys.stderr.write(format_text(error.problems))
            raise SystemExit(error.exit_code) from None
        self.model: SiteModel = model
        self.pages: tuple[Page, ...] = site_pages(model)
        self.context["trust"] = model

    def generate_output(self, writer: Any) -> None:
        """Write every page through Pelican's writer, then the other files."""
        relative = self.settings["RELATIVE_URLS"]
        for page in self.pages:
            writer.write_file(
                page.save_as,
                self.get_template(page.template),
                self.context,
                relative,
                url=page.url,
                page_url=page.url,
                page_title=page.title,
                **page.context,
            )
        output = Path(self.output_path)
        content_urls = [page.url for page in self.context.get("pages", [])]
        for relative_path, content in extra_files(self.model, self.settings, content_urls).items():
            target = output / relative_path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)


def index_for_search(pelican: Any) -> None:
    """Index the written site with Pagefind: the last step of every build, so it sees every page."""
    output = Path(pelican.output_path)
    try:
        seconds = build_search_index(output)
    except SearchIndexError as error:
        # A site without its search index must not be published: stop with Pagefind's own words, and no traceback.
        sys.stderr.write(f"{error}\n")
        raise SystemExit(1) from None
    logger.info("Search index written to %s in %.2f s", output / "pagefind", seconds)
