"""The nightly run on the demo data: it publishes atomically, and nothing it fails at or is killed in reaches the site.

Each run is a real production build (Pelican as a process, then Pagefind) into a temporary release root.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import http.server
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.publish import releases
from generator.publish.nightly import NightlyResult, NightlyRun, run_nightly
from generator.publish.verify import VerifyLimits, verify_release

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
SITE_URL = "https://trust.example.com"
NIGHT_ONE, NIGHT_TWO = dt.date(2026, 11, 28), dt.date(2026, 11, 29)
COMMIT = "0123456789abcdef0123456789abcdef01234567"
# A request not answered by then is a hung server, not a slow one.
HTTP_TIMEOUT_SECONDS = 10
# What the serving tests fetch: pages of each family, the stylesheet, the API and the search bundle's entry.
FETCHED = (
    "",
    "apps/acme-sync/",
    "partners/hooli-tools/",
    "badges/",
    "theme/css/site.css",
    "api/v1/index.json",
    "api/v1/apps/hooli-search.json",
    "pagefind/pagefind-entry.json",
)


def nightly(root: Path, as_of: dt.date, **changes: Any) -> NightlyResult:
    """One nightly run of the demo data into the release root `root`."""
    run = NightlyRun(
        data=REPO / "data",
        root=releases.ReleaseRoot(root),
        as_of=as_of,
        commit=COMMIT,
        settings_file=REPO / "publishconf.py",
        site_url=SITE_URL,
    )
    return run_nightly(dataclasses.replace(run, **changes))


def manifest(tree: Path) -> dict[str, str]:
    """Every file under `tree` (hidden ones included) and the SHA-256 of its bytes."""
    return {
        path.relative_to(tree).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(tree.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A release root with the first night published."""
    root = tmp_path_factory.mktemp("releases") / "public"
    result = nightly(root, NIGHT_ONE)
    assert result.ok, result.report
    return root


@pytest.fixture(scope="module")
def two_nights(published: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A release root with the first night published, then the second."""
    root = tmp_path_factory.mktemp("two-nights") / "public"
    shutil.copytree(published, root, symlinks=True)
    result = nightly(root, NIGHT_TWO)
    assert result.ok, result.report
    return root


@pytest.fixture
def scratch_root(published: Path, tmp_path: Path) -> Path:
    """A copy of the published release root that a test may change."""
    root = tmp_path / "public"
    shutil.copytree(published, root, symlinks=True)
    return root


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    timeout = HTTP_TIMEOUT_SECONDS

    def log_message(self, format: str, *args: Any) -> None:
        del format, args


@pytest.fixture
def serve() -> Iterator[Any]:
    """serve(path) serves a directory on 127.0.0.1 and returns its base URL; a symlink is resolved per request."""
    servers: list[tuple[http.server.ThreadingHTTPServer, threading.Thread]] = []

    def start(directory: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(directory))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        servers.append((server, thread))
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server, thread in servers:
        server.shutdown()
        server.server_close()
        thread.join(timeout=HTTP_TIMEOUT_SECONDS)


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=HTTP_TIMEOUT_SECONDS) as response:  # noqa: S310 (our own server)
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def served_file(tree: Path, path: str) -> bytes:
    return (tree / (path + "index.html" if path == "" or path.endswith("/") else path)).read_bytes()


def test_a_night_publishes_a_verified_release_behind_the_symlink(published: Path) -> None:
    root = releases.ReleaseRoot(published)
    name = releases.release_name(NIGHT_ONE, COMMIT)
    assert root.current.is_symlink()
    assert root.current.readlink() == Path("releases") / name
    assert releases.published(root) == [name]
    assert verify_release(root.current, VerifyLimits(SITE_URL), None) == []
    assert len(manifest(root.current)) > 500
    assert list(root.staging.iterdir()) == []


def test_the_next_night_switches_and_the_first_stays_for_rollback(two_nights: Path) -> None:
    root = releases.ReleaseRoot(two_nights)
    first, second = releases.release_name(NIGHT_ONE, COMMIT), releases.release_name(NIGHT_TWO, COMMIT)
    assert releases.published(root) == [first, second]
    assert releases.live_name(root) == second
    assert b"29 November 2026" in (root.current / "index.html").read_bytes()


def test_same_commit_and_date_give_byte_identical_releases(published: Path, scratch_root: Path, tmp_path: Path) -> None:
    # Once in a fresh root, once again in a root where that night is already published.
    fresh = tmp_path / "fresh"
    assert nightly(fresh, NIGHT_ONE).ok
    again = nightly(scratch_root, NIGHT_ONE)
    assert again.ok, again.report
    assert again.release == releases.release_name(NIGHT_ONE, COMMIT) + ".2"
    first = manifest(releases.ReleaseRoot(published).current)
    assert any(path.startswith("pagefind/") for path in first)
    assert manifest(fresh / "current") == first
    assert manifest(releases.ReleaseRoot(scratch_root).current) == first


# The driver runs a night in its own process group; it stops (sleeping) at the step named on its command line,
# so that the test can kill it exactly there. "none" never stops: the test kills it by watching the files.
DRIVER = textwrap.dedent(
    """
    import datetime as dt, sys, time
    from pathlib import Path
    from generator.publish import releases
    from generator.publish.nightly import NightlyRun, run_nightly

    root, stop_at, repo = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])

    def on_step(step):
        print(step, flush=True)
        if step == stop_at:
            print("stopped", flush=True)
            time.sleep(60)

    run = NightlyRun(repo / "data", releases.ReleaseRoot(root), dt.date(2026, 11, 29), "f" * 40,
                     repo / "publishconf.py", "https://trust.example.com")
    run_nightly(run, on_step)
    print("finished", flush=True)
    """
)
KILL_POLL_SECONDS = 0.002


def _staged(root: Path, pattern: str) -> bool:
    return any(root.glob(f"staging/*/{pattern}"))


@pytest.mark.parametrize(
    ("where", "stop_at", "reached"),
    [
        ("during validation", "validate", None),
        ("while pages are written", "none", "**/*.html"),
        ("while the search index is written", "none", "pagefind"),
        ("just before the switch", "switch", None),
    ],
)
def test_a_killed_night_leaves_the_previous_release_published_and_complete(
    scratch_root: Path, serve: Any, where: str, stop_at: str, reached: str | None
) -> None:
    root = releases.ReleaseRoot(scratch_root)
    before_name, before = releases.live_name(root), manifest(root.current)
    process = subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(scratch_root), stop_at, str(REPO)],
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        assert process.stdout is not None
        if reached is None:
            lines = iter(process.stdout.readline, "")
            assert "stopped" in (line.strip() for line in lines), f"the run never got to {where}"
        else:
            deadline = time.monotonic() + 60
            while not _staged(scratch_root, reached):
                assert process.poll() is None, f"the run ended before it was seen {where}"
                assert time.monotonic() < deadline, f"the run was never seen {where}"
                time.sleep(KILL_POLL_SECONDS)
    finally:
        # The whole group: the build and Pagefind die with the run.
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=HTTP_TIMEOUT_SECONDS)
        if process.stdout is not None:
            process.stdout.close()
    assert releases.live_name(root) == before_name
    assert manifest(root.current) == before
    base = serve(root.current)
    for path in FETCHED:
        assert fetch(base + path) == (200, served_file(root.current, path)), path


def test_the_night_after_a_killed_one_publishes_and_keeps_the_interrupted_build(scratch_root: Path) -> None:
    root = releases.ReleaseRoot(scratch_root)
    # What a run killed while writing leaves: a half-written build in staging/.
    half = root.staging / "2026-11-29-interrupted"
    (half / "apps").mkdir(parents=True)
    (half / "apps" / "index.html").write_text("<p>half</p>", encoding="utf-8")
    result = nightly(scratch_root, NIGHT_TWO)
    assert result.ok, result.report
    assert (root.failed / "2026-11-29-interrupted.interrupted" / "apps" / "index.html").is_file()
    assert releases.live_name(root) == result.release


def _settings_with_content(tmp_path: Path, pages: dict[str, str]) -> Path:
    """A production settings file whose content pages are the real ones plus `pages`."""
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    for name, text in pages.items():
        (content / "pages" / name).write_text(text, encoding="utf-8")
    settings = tmp_path / "settings.py"
    settings.write_text(
        textwrap.dedent(
            f"""
            import sys
            sys.path.insert(0, {str(REPO)!r})
            from publishconf import *
            PATH = {str(content)!r}
            THEME = {str(REPO / "themes" / "trust")!r}
            PLUGIN_PATHS = [{str(REPO)!r}]
            """
        ),
        encoding="utf-8",
    )
    return settings


@pytest.mark.parametrize(
    ("step", "page"),
    [
        # Caught by verify: a page whose link names an anchor the target page lacks.
        ("verify", "Title: Broken\nSlug: broken\n\nSee [Acme Sync](../apps/acme-sync/#no-such-section).\n"),
        # Caught while writing: a content page that would take a partner's place.
        ("build", "Title: Impostor\nSlug: partners/acme-cloudworks\n\nNot Acme.\n"),
    ],
)
def test_a_failing_night_leaves_the_published_release_untouched(
    scratch_root: Path, tmp_path: Path, step: str, page: str
) -> None:
    root = releases.ReleaseRoot(scratch_root)
    before_name, before = releases.live_name(root), manifest(root.current)
    result = nightly(scratch_root, NIGHT_TWO, settings_file=_settings_with_content(tmp_path, {"bad.md": page}))
    assert not result.ok
    assert f"{step}:" in result.report
    assert "the published site is unchanged" in result.report
    assert releases.live_name(root) == before_name
    assert manifest(root.current) == before
    assert result.failed_build is not None
    assert result.failed_build.is_dir()
    if step == "verify":
        # Built in full, then refused: kept as it was for inspection.
        assert (result.failed_build / "index.html").is_file()
    else:
        # The impostor's path is refused before anything is written.
        assert "partners/acme-cloudworks" in result.report


def test_serving_while_nights_switch_sees_no_404_and_no_mixed_file(
    two_nights: Path, serve: Any, tmp_path: Path
) -> None:
    root = releases.ReleaseRoot(tmp_path / "public")
    shutil.copytree(two_nights, root.path, symlinks=True)
    first, second = releases.published(root)
    trees = [root.release(first), root.release(second)]
    expected = {path: {served_file(tree, path) for tree in trees} for path in FETCHED}
    assert all(len(bodies) == 2 for path, bodies in expected.items() if path != "theme/css/site.css")
    base = serve(root.current)
    seen: list[tuple[str, int, bool]] = []
    stop = threading.Event()

    def hammer() -> None:
        while not stop.is_set():
            for path in FETCHED:
                status, body = fetch(base + path)
                seen.append((path, status, body in expected[path]))

    fetchers = [threading.Thread(target=hammer) for _ in range(4)]
    for thread in fetchers:
        thread.start()
    try:
        # A real night switching from the second release to a new one, then many switches back and forth.
        result = nightly(root.path, NIGHT_ONE)
        assert result.ok, result.report
        trees.append(root.release(result.release))
        for number in range(200):
            releases.switch(root, (first, second)[number % 2])
            time.sleep(0.001)
    finally:
        stop.set()
        for thread in fetchers:
            thread.join(timeout=HTTP_TIMEOUT_SECONDS)
    assert len(seen) > 200
    assert [entry for entry in seen if entry[1] != 200] == []
    assert [entry for entry in seen if not entry[2]] == []


def test_the_second_night_reports_the_badges_that_expired_between_the_two(two_nights: Path) -> None:
    root = releases.ReleaseRoot(two_nights)
    summary = (root.reports / "changes.md").read_text(encoding="utf-8")
    assert summary.startswith("## Trust changes as of 29 November 2026 (since 28 November 2026)\n")
    link = "[Hooli Deep Search](https://trust.example.com/apps/hooli-search/)"
    assert "**2 badges expired**" in summary
    assert f"- {link}: Bug bounty participant expired on 29 November 2026." in summary
    assert f"- {link}: CAIQ-Lite and bug bounty expired on 29 November 2026." in summary
    assert summary in (root.reports / "nightly.md").read_text(encoding="utf-8")
    night = json.loads((root.reports / "changes.json").read_text(encoding="utf-8"))
    expired = {(c["subject_id"], c["badge_id"]) for c in night["changes"] if c["kind"] == "badge-expired"}
    assert expired == {("hooli-search", "bug-bounty-participant"), ("hooli-search", "caiq-lite-and-bug-bounty")}


def test_the_changes_page_lists_every_night_published(two_nights: Path) -> None:
    page = (releases.ReleaseRoot(two_nights).current / "changes" / "index.html").read_text(encoding="utf-8")
    assert page.index('id="night-2026-11-29"') < page.index('id="night-2026-11-28"')
    assert "Hooli Deep Search: Bug bounty participant expired on 29 November 2026." in page
    assert "No nightly changes are recorded yet" not in page
    history = json.loads((releases.ReleaseRoot(two_nights).current / "changes/history.json").read_bytes())
    assert [night["as_of"] for night in history["nights"]] == ["2026-11-29", "2026-11-28"]


def test_the_second_night_reminds_each_partner_whose_evidence_lapses(two_nights: Path) -> None:
    reminders = releases.ReleaseRoot(two_nights).reports / "reminders"
    names = sorted(path.name for path in reminders.iterdir())
    assert "hooli-tools.md" in names
    assert "stark-sprockets.md" in names  # SOC 2 expiring on 6 December 2026
    notice = (reminders / "hooli-tools.md").read_text(encoding="utf-8")
    assert "**To:** security@hooli-tools.example.com" in notice
    assert "### Bug bounty participant — the app Hooli Deep Search: lapsed on 29 November 2026" in notice


def test_a_night_as_of_a_past_day_publishes_from_todays_data(tmp_path: Path) -> None:
    # The demo evidence runs to November 2026: as of 1 June 2025 the later entries are not known yet, not errors.
    past = nightly(tmp_path / "public", dt.date(2025, 6, 1), today=dt.date(2026, 11, 24))
    assert past.ok, past.report
    refused = nightly(tmp_path / "other", dt.date(2025, 6, 1))
    assert not refused.ok
    assert "future-date" in refused.report
