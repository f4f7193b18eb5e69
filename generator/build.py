"""The build, stage by stage: load → check → evaluate → describe → write pages and files → index → verify.

Pelican runs the build and the plugin (``generator.pelican_plugin``) calls in twice: ``gather`` while
Pelican builds its context (nothing is written then), ``write_site`` when Pelican writes. Pelican has written
the site's own content pages (content/pages/) by then, so the search index sees every page; the verify step
checks that it did.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from generator.checks.catalog import check_records
from generator.checks.logos import save_logo_cache
from generator.load.catalog import load_frozen_records
from generator.load.problems import DataError, Severity
from generator.outputs import generate_extra_files
from generator.parallel import started_in_process
from generator.policy.decision_cache import judge_cached
from generator.process_memory import long_lived, release_free_memory
from generator.records.nightly_changes import ChangeHistory
from generator.search.bundles import bundle_pages
from generator.search.pagefind_run import BUNDLE_DIRECTORY, BUNDLE_FILES, SearchIndex, build_search_index
from generator.site.kept_files import KeptPartnerFiles
from generator.site.model import SiteModel, describe_site
from generator.site.page_paths import OutputGuard
from generator.site.pages import Page, site_pages
from generator.site.unchanged_files import remove_unwritten, write_if_changed
from generator.site.verify import verify_output

# What a page's file name ends with; no other file's does.
PAGE_SUFFIX = ".html"
# How many of the other files are checked and written together, and how many of their bytes at most: few enough
# that a batch stays small in memory (the index of names is 24 MB in 200 files at 10,000 apps).
WRITE_BATCH = 256
WRITE_BATCH_BYTES = 2_000_000
# Writes every page given, through Pelican's writer.
PageWriter = Callable[[Sequence[Page]], None]


def gather(
    data_root: Path,
    as_of: dt.date,
    today: dt.date | None = None,
    change_history: ChangeHistory | None = None,
    processes: int | None = None,
) -> SiteModel:
    """Everything the site shows as of a date, judged and described; DataError when the data has errors.

    `today` is the day the data is checked against ("no evidence from the future"): building as of a past day
    from today's data judges that day, and evidence dated after it is simply not known yet.
    `change_history` is what the nightly run found changed on the last nights (the Changes page shows it).
    `processes` forces the number of processes the partners are judged and described in (else one per core
    when there are enough partners).
    """
    # The model lives until the build ends: kept out of the cycle collector's way while the pages are written.
    with long_lived():
        model = _gather(data_root, as_of, today, change_history, processes)
    # The cache entries unpickled on the way are dropped: the pages are written by processes forked next.
    release_free_memory()
    return model


def _gather(
    data_root: Path,
    as_of: dt.date,
    today: dt.date | None,
    change_history: ChangeHistory | None,
    processes: int | None,
) -> SiteModel:
    # 1. Load: every record file under the data root, parsed strictly, each value with its place in its file.
    # A file whose bytes were loaded before comes from the record cache (load/record_cache.py). The records live
    # until the build ends: frozen out of the cycle collector's sight, and without their files' node trees (a
    # file is read again if a problem points into it).
    loaded = load_frozen_records(data_root, keep_documents=False, processes=processes)
    # 2. Check: the rules that span fields, files and dates. Any error stops the build with the located report;
    # warnings (and the tier and changed-claim warnings) are the validate command's to report, not the site's.
    catalog, problems = check_records(loaded, max(as_of, today or as_of))
    if catalog.policy is None or catalog.timeline is None or any(p.severity is Severity.ERROR for p in problems):
        raise DataError(problems)
    policy = catalog.policy.record
    # 3. Evaluate: every badge and tier as of the date, once (pages, API and feeds all read this) …
    # (a partner is judged again only when its own files, the policy, the date or the code changed) …
    # … and the history of changes up to it (a partner judged on every core, once for both).
    evaluation, events = judge_cached(catalog, policy, as_of, processes)
    # 4. Describe: what every page shows, all its words included.
    model = describe_site(catalog, policy, catalog.timeline.record, evaluation, events, change_history, processes)
    # The logos re-encoded for publishing, kept for the next build.
    save_logo_cache()
    return model


def write_site(
    model: SiteModel,
    write_pages: PageWriter,
    output: Path,
    settings: Mapping[str, Any],
    content_pages: Iterable[Page] = (),
    theme_files: Mapping[str, bytes] | None = None,
    written_before: Iterable[str] = (),
    kept_files: KeptPartnerFiles | None = None,
) -> SearchIndex:
    """Write, index and verify the site described by `model`; the search index's run.

    A file whose bytes are those already on disk is not written again, and files an earlier build left that
    this one did not write are removed: the output is what a fresh directory would hold, and a rebuild
    touches only what changed. `written_before` are the files Pelican's own generators wrote (the content
    pages, hidden and draft ones included): they stay. The partners whose files `kept_files` holds from the
    last build, untouched, are not made again.
    """
    content = tuple(content_pages)
    by_pelican = tuple(written_before)
    pages = site_pages(model)
    planned = [page.save_as for page in (*pages, *content)]
    # 5. Guard: no page or file may land outside the output directory (Pelican's own test is a string prefix).
    # The other files are checked one by one as they are made, each before it is written; the guard reads each
    # directory's links once for the whole build.
    guard = OutputGuard(output)
    outside = list(guard.outside(planned))
    if outside:
        raise DataError(outside)
    # 6. Write pages: every HTML page, through the writer given (Pelican's, which refuses two pages at one path).
    # First: the processes that render them are forked from this one, and the other files are not made yet.
    write_pages(pages)
    release_free_memory()
    # 7. Index: Pagefind over every page, the content pages included, in bundles of a bounded size, in a process
    # forked from this one (its own work on the pages is Python's, which a thread would share with this one's)
    # while this one makes and writes the other files, none of which is a page. The index reads the pages named,
    # not whatever else an earlier build left.
    written_pages = [name for name in (*planned, *by_pelican) if name.endswith(PAGE_SUFFIX)]
    most_pages = bundle_pages(settings)
    with started_in_process(lambda: build_search_index(output, most_pages, set(written_pages))) as indexing:
        files = _write_other_files(model, output, settings, content, guard, theme_files, kept_files)
        release_free_memory()
        # 8. Verify: every page and file planned is there, or the site is not published. Checked while the index
        # is made (it outlasts the other files, a second or more): the index only reads the pages.
        verify_output(output, [*planned, *files])
        index = indexing.result()
    # … and the search bundle's own files, once made.
    verify_output(output, [f"{BUNDLE_DIRECTORY}/{name}" for name in BUNDLE_FILES])
    # 9. Remove what earlier builds wrote and this one did not (the pages and files of removed partners and
    # apps); none of it was planned. Once the index is made: Pagefind's scratch directory is inside the site.
    # The index keeps its own directory.
    retained = [*settings.get("OUTPUT_RETENTION", ()), BUNDLE_DIRECTORY]
    remove_unwritten(output, {*planned, *by_pelican, *files}, retained)
    return index


def _write_other_files(
    model: SiteModel,
    output: Path,
    settings: Mapping[str, Any],
    content: Sequence[Page],
    guard: OutputGuard,
    theme_files: Mapping[str, bytes] | None,
    kept_files: KeptPartnerFiles | None,
) -> set[str]:
    """Write the other files, each as it is made (only its path is kept): API, spreadsheets, schemas, feeds,
    status images, sitemap, security.txt, logos, and the theme's stylesheet, scripts and icon; their paths.
    A partner's files kept from the last build come without bytes: they are on disk already."""
    files: set[str] = set()
    others = generate_extra_files(model, settings, [page.url for page in content], kept_files)
    made = itertools.chain((theme_files or {}).items(), others)
    # A few hundred at a time: checked together, then written.
    for batch in file_batches(made):
        # Kept files are not written: where they are was checked when they were.
        outside = list(guard.outside([relative_path for relative_path, data in batch if data is not None]))
        if outside:
            raise DataError(outside)
        for relative_path, data in batch:
            if relative_path.endswith(PAGE_SUFFIX):
                msg = f"{relative_path}: the other files are no pages (the search index reads the pages meanwhile)"
                raise ValueError(msg)
            if data is not None:
                write_if_changed(f"{output}/{relative_path}", data)
            files.add(relative_path)
    return files


def file_batches(files: Iterable[tuple[str, bytes | None]]) -> Iterator[list[tuple[str, bytes | None]]]:
    """`files` in lists of at most WRITE_BATCH files, and of WRITE_BATCH_BYTES bytes or more only when their last
    file makes them so."""
    batch: list[tuple[str, bytes | None]] = []
    size = 0
    for path, data in files:
        batch.append((path, data))
        size += len(data) if data is not None else 0
        if len(batch) == WRITE_BATCH or size >= WRITE_BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch
