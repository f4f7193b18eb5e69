"""Evidence link liveness: fetch every evidence, listing, program and website address the published API names.

Never blocking: it runs after publishing and writes a report maintainers read. Requests are polite: a short
timeout, a few at a time, at most one request to a host per interval, and a user agent that says who asks.
"""

from __future__ import annotations

import datetime as dt
import enum
import http.client
import json
import ssl
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from generator.publish.changes import ApiTree, read_api_tree

# The defaults of the settings (`publish check-links --timeout/--concurrency/--per-host-interval`).
DEFAULT_TIMEOUT_SECONDS = 10.0
DEFAULT_CONCURRENCY = 4
DEFAULT_PER_HOST_INTERVAL_SECONDS = 1.0
MAX_REDIRECTS = 5
USER_AGENT = "TrustPagesLinkCheck/1.0 (checks the evidence links of a marketplace trust site; {contact})"
REPORT_JSON, REPORT_MD = "links.json", "links.md"


class Outcome(enum.StrEnum):
    """What a link does, worst first in the report."""

    BROKEN = "broken"  # 4xx
    SERVER_ERROR = "server-error"  # 5xx
    TLS_ERROR = "tls-error"
    TIMEOUT = "timeout"
    UNREACHABLE = "unreachable"  # DNS, refused, reset
    REDIRECT_LOOP = "redirect-loop"
    OTHER_HOST = "redirect-other-host"  # answers, but from another host than the one published
    OK = "ok"


@dataclass(frozen=True)
class LinkSettings:
    timeout: float = DEFAULT_TIMEOUT_SECONDS
    concurrency: int = DEFAULT_CONCURRENCY
    per_host_interval: float = DEFAULT_PER_HOST_INTERVAL_SECONDS
    contact: str = "see the site's /.well-known/security.txt"


@dataclass(frozen=True)
class LinkResult:
    url: str
    outcome: Outcome
    status: int | None
    final_url: str | None
    detail: str
    # Where the site names it: "evidence: partner acme-cloudworks, SOC 2".
    used_by: tuple[str, ...] = ()
    last_success: dt.date | None = None


@dataclass
class HostPacer:
    """At most one request to a host per `interval` seconds, whichever thread asks."""

    interval: float
    _next: dict[str, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def wait(self, host: str) -> None:
        """Block until this thread may send the next request to `host`."""
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next.get(host, now))
            self._next[host] = slot + self.interval
        if slot > now:
            time.sleep(slot - now)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Hands every redirect back to the checker, which follows it itself and notes where it goes."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def links_of(tree: ApiTree) -> dict[str, list[str]]:
    """Every evidence, listing, program and website address in the API, and where each is used."""
    found: dict[str, list[str]] = {}

    def add(url: Any, use: str) -> None:
        if isinstance(url, str) and url.startswith(("https://", "http://")):
            found.setdefault(url, []).append(use)

    for partner in tree.partners.values():
        who = f"partner {partner['id']}"
        add(partner.get("website"), f"website: {who}")
        for certification in partner.get("certifications", []):
            add(certification.get("evidence_url"), f"evidence: {who}, {certification.get('name')}")
    for app in tree.apps.values():
        who = f"app {app['id']}"
        add(app.get("listing_url"), f"listing: {who}")
        add((app.get("bug_bounty") or {}).get("program_url"), f"program: {who}")
    for kind, documents in (("partner", tree.partners), ("app", tree.apps)):
        for document in documents.values():
            for badge in document.get("badges", []):
                for criterion in badge.get("criteria", []):
                    for evidence in criterion.get("evidence", []):
                        add(evidence.get("url"), f"evidence: {kind} {document['id']}, {badge['name']}")
    return {url: sorted(set(uses)) for url, uses in sorted(found.items())}


def check_link(url: str, settings: LinkSettings, pacer: HostPacer) -> LinkResult:
    """Fetch `url`, following up to MAX_REDIRECTS redirects, and say what it does."""
    opener = urllib.request.build_opener(_NoRedirects)
    headers = {"User-Agent": USER_AGENT.format(contact=settings.contact), "Accept": "*/*"}
    first_host, current, hops = urlsplit(url).hostname, url, 0
    other_host = False
    while True:
        host = urlsplit(current).hostname or ""
        other_host = other_host or host != first_host
        pacer.wait(host)
        request = urllib.request.Request(current, headers=headers, method="GET")  # noqa: S310 (http(s) only)
        try:
            with opener.open(request, timeout=settings.timeout) as response:
                status = int(response.status)
        except urllib.error.HTTPError as error:
            status = int(error.code)
            location = error.headers.get("Location")
            error.close()
            if 300 <= status < 400 and location:
                hops += 1
                if hops > MAX_REDIRECTS:
                    return LinkResult(
                        url, Outcome.REDIRECT_LOOP, status, current, f"more than {MAX_REDIRECTS} redirects"
                    )
                current = urljoin(current, location)
                continue
            outcome = Outcome.BROKEN if status < 500 else Outcome.SERVER_ERROR
            return LinkResult(url, outcome, status, current, f"HTTP {status}")
        except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
            return LinkResult(url, _failure(error), None, current, str(getattr(error, "reason", error)))
        if other_host:
            to = urlsplit(current).hostname
            return LinkResult(url, Outcome.OTHER_HOST, status, current, f"HTTP {status} from {to}")
        return LinkResult(url, Outcome.OK, status, current, f"HTTP {status}")


def _failure(error: BaseException) -> Outcome:
    # urllib wraps what went wrong while connecting in URLError.reason; a timeout while reading comes bare.
    reason = getattr(error, "reason", error)
    if isinstance(reason, ssl.SSLError):
        return Outcome.TLS_ERROR
    if isinstance(reason, TimeoutError):
        return Outcome.TIMEOUT
    return Outcome.UNREACHABLE


def check_links(
    links: Mapping[str, Iterable[str]], settings: LinkSettings, previous: Mapping[str, dt.date | None], today: dt.date
) -> list[LinkResult]:
    """Check every link, `settings.concurrency` at a time; worst first, then by address."""
    pacer = HostPacer(settings.per_host_interval)
    with ThreadPoolExecutor(max_workers=settings.concurrency) as pool:
        checked = list(pool.map(lambda url: check_link(url, settings, pacer), links))
    results = []
    for result in checked:
        succeeded = result.outcome in (Outcome.OK, Outcome.OTHER_HOST)
        last = today if succeeded else previous.get(result.url)
        results.append(LinkResult(**{**asdict(result), "used_by": tuple(links[result.url]), "last_success": last}))
    order = list(Outcome)
    return sorted(results, key=lambda r: (order.index(r.outcome), r.url))


def read_last_successes(report: Path) -> dict[str, dt.date | None]:
    """The last day each link answered, from the previous report (none before the first)."""
    if not report.is_file():
        return {}
    document = json.loads(report.read_text(encoding="utf-8"))
    return {
        entry["url"]: dt.date.fromisoformat(entry["last_success"]) if entry.get("last_success") else None
        for entry in document.get("links", [])
    }


def report_json(results: list[LinkResult], today: dt.date) -> str:
    def entry(result: LinkResult) -> dict[str, Any]:
        data = asdict(result)
        data["outcome"] = str(result.outcome)
        data["used_by"] = list(result.used_by)
        data["last_success"] = result.last_success.isoformat() if result.last_success else None
        return data

    return json.dumps({"checked_on": today.isoformat(), "links": [entry(r) for r in results]}, indent=2) + "\n"


def _rows(results: Iterable[LinkResult]) -> Iterator[str]:
    for r in results:
        last = r.last_success.isoformat() if r.last_success else "never"
        yield f"| {r.outcome} | {r.url} | {r.detail} | {last} | {'; '.join(r.used_by)} |"


def report_markdown(results: list[LinkResult], today: dt.date) -> str:
    problems = [r for r in results if r.outcome is not Outcome.OK]
    lines = [
        f"## Evidence links as of {today.isoformat()}",
        "",
        f"{len(results)} links checked: {len(results) - len(problems)} answer as published, "
        f"{len(problems)} need a look.",
        "",
    ]
    if problems:
        lines += ["| outcome | link | answer | last success | used by |", "|---|---|---|---|---|", *_rows(problems)]
        lines.append("")
    return "\n".join(lines)


def run_link_check(release: Path, reports: Path, site_url: str, settings: LinkSettings, today: dt.date) -> str:
    """Check the links of the published `release`; write reports/links.json and links.md; the Markdown."""
    links = links_of(read_api_tree(release, site_url))
    results = check_links(links, settings, read_last_successes(reports / REPORT_JSON), today)
    reports.mkdir(parents=True, exist_ok=True)
    (reports / REPORT_JSON).write_text(report_json(results, today), encoding="utf-8")
    summary = report_markdown(results, today)
    (reports / REPORT_MD).write_text(summary, encoding="utf-8")
    return summary
