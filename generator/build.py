"""The build, stage by stage: load → check → evaluate → describe → write pages and files → index → verify.

Pelican runs the build and the plugin (``generator.pelican_plugin``) calls in twice: ``gather`` while
Pelican builds its context (nothing is written then), ``write_site`` when Pelican writes. Pelican has written
the site's own content pages (content/pages/) by then, so the search index sees every page; the verify step
checks that it did.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from generator.checks.catalog import check_records
from generator.load.catalog import load_records
from generator.load.problems import DataError, Severity
from generator.outputs import extra_files
from generator.policy.engine import evaluate
from generator.policy.events import trust_events
from generator.records.nightly_changes import ChangeHistory
from generator.reports.validation import changed_claim_warnings, tier_warnings
from generator.search.pagefind_run import BUNDLE_DIRECTORY, BUNDLE_FILES, build_search_index
from generator.site.model import SiteModel, describe_site
from generator.site.page_paths import outside_output
from generator.site.pages import Page, site_pages
from generator.site.verify import verify_output

PageWriter = Callable[[Page], None]


def gather(
    data_root: Path, as_of: dt.date, today: dt.date | None = None, change_history: ChangeHistory | None = None
) -> SiteModel:
    """Everything the site shows as of a date, judged and described; DataError when the data has errors.

    `today` is the day the data is checked against ("no evidence from the future"): building as of a past day
    from today's data judges that day, and evidence dated after it is simply not known yet.
    `change_history` is what the nightly run found changed on the last nights (the Changes page shows it).
    """
    # 1. Load: every record file under the data root, parsed strictly, each value with its place in its file.
    loaded = load_records(data_root)
    # 2. Check: the rules that span fields, files and dates. Any error stops the build with the located report.
    catalog, problems = check_records(loaded, max(as_of, today or as_of))
    if catalog.policy is None or catalog.timeline is None or any(p.severity is Severity.ERROR for p in problems):
        raise DataError(problems)
    policy = catalog.policy.record
    # 3. Evaluate: every badge and tier as of the date, once (pages, API, feeds and warnings all read this) …
    evaluation = evaluate(catalog, policy, as_of)
    # … and the history of changes up to it.
    events = trust_events(catalog, policy, as_of)
    warnings = (*problems, *tier_warnings(catalog, evaluation), *changed_claim_warnings(catalog, evaluation))
    # 4. Describe: what every page shows, all its words included.
    return describe_site(catalog, policy, catalog.timeline.record, evaluation, events, warnings, change_history)


def write_site(
    model: SiteModel,
    write_page: PageWriter,
    output: Path,
    settings: Mapping[str, Any],
    content_pages: Iterable[Page] = (),
) -> float:
    """Write, index and verify the site described by `model`; the seconds the search index took."""
    content = tuple(content_pages)
    pages = site_pages(model)
    files = extra_files(model, settings, [page.url for page in content])
    # 5. Guard: no page or file may land outside the output directory (Pelican's own test is a string prefix).
    outside = list(outside_output([*(page.save_as for page in (*pages, *content)), *files], output))
    if outside:
        raise DataError(outside)
    # 6. Write pages: every HTML page, through the writer given (Pelican's, which refuses two pages at one path).
    for page in pages:
        write_page(page)
    # 7. Write the other files: API, spreadsheets, schemas, feeds, status images, sitemap, security.txt, logos.
    for relative_path, data in files.items():
        target = output / relative_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    # 8. Index: Pagefind over every written page, the content pages included.
    seconds = build_search_index(output)
    # 9. Verify: every page, file and search bundle file planned is there, or the site is not published.
    planned = [page.save_as for page in (*pages, *content)]
    verify_output(output, [*planned, *files, *(f"{BUNDLE_DIRECTORY}/{name}" for name in BUNDLE_FILES)])
    return seconds
