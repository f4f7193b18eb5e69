"""The link checker against a local HTTP server on 127.0.0.1: every kind of answer is classified as it is."""

from __future__ import annotations

import datetime as dt
import http.server
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any, ClassVar

import pytest

from generator.publish.links import (
    HostPacer,
    LinkSettings,
    Outcome,
    check_links,
    report_json,
    report_markdown,
)

TODAY = dt.date(2026, 11, 29)
SLOW_SECONDS = 1.0
SETTINGS = LinkSettings(timeout=0.3, concurrency=4, per_host_interval=0.0, contact="tests")


class _Handler(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[tuple[str, float, str]]] = []

    def log_message(self, format: str, *args: Any) -> None:
        del format, args

    def do_GET(self) -> None:
        port = self.server.server_address[1]
        self.requests.append((self.path, time.monotonic(), self.headers.get("User-Agent", "")))
        routes: dict[str, tuple[int, dict[str, str]]] = {
            "/ok": (200, {}),
            "/missing": (404, {}),
            "/error": (503, {}),
            "/moved": (301, {"Location": "/ok"}),
            "/away": (302, {"Location": f"http://localhost:{port}/ok"}),
            "/loop": (302, {"Location": "/loop"}),
        }
        if self.path == "/slow":
            time.sleep(SLOW_SECONDS)
            routes["/slow"] = (200, {})
        status, headers = routes.get(self.path, (404, {}))
        try:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", "0")
            self.end_headers()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the checker gave up on /slow


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=10)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_every_kind_of_answer_is_classified(server: str) -> None:
    links = {
        f"http://{server}/ok": ["evidence: partner acme, SOC 2"],
        f"http://{server}/missing": ["listing: app sync"],
        f"http://{server}/error": ["website: partner acme"],
        f"http://{server}/moved": ["program: app sync"],
        f"http://{server}/away": ["evidence: app sync, Bug bounty participant"],
        f"http://{server}/loop": ["website: partner loop"],
        f"http://{server}/slow": ["website: partner slow"],
        # TLS spoken to a server that speaks plain HTTP: the handshake fails.
        f"https://{server}/ok": ["website: partner tls"],
        f"http://127.0.0.1:{_closed_port()}/": ["website: partner gone"],
    }
    previous = {f"http://{server}/missing": dt.date(2026, 11, 1)}
    results = {r.url: r for r in check_links(links, SETTINGS, previous, TODAY)}
    closed = next(url for url in links if server not in url)
    assert {url: result.outcome for url, result in results.items()} == {
        f"http://{server}/ok": Outcome.OK,
        f"http://{server}/missing": Outcome.BROKEN,
        f"http://{server}/error": Outcome.SERVER_ERROR,
        f"http://{server}/moved": Outcome.OK,
        f"http://{server}/away": Outcome.OTHER_HOST,
        f"http://{server}/loop": Outcome.REDIRECT_LOOP,
        f"http://{server}/slow": Outcome.TIMEOUT,
        f"https://{server}/ok": Outcome.TLS_ERROR,
        closed: Outcome.UNREACHABLE,
    }
    assert results[f"http://{server}/missing"].status == 404
    assert results[f"http://{server}/away"].final_url == f"http://localhost:{server.split(':')[1]}/ok"
    assert results[f"http://{server}/moved"].final_url == f"http://{server}/ok"
    # Last success: today for what answered, carried over from the last report for what did not.
    assert results[f"http://{server}/ok"].last_success == TODAY
    assert results[f"http://{server}/missing"].last_success == dt.date(2026, 11, 1)
    assert results[f"http://{server}/error"].last_success is None
    assert results[f"http://{server}/ok"].used_by == ("evidence: partner acme, SOC 2",)
    assert all(agent.startswith("TrustPagesLinkCheck/") for _, _, agent in _Handler.requests)
    markdown = report_markdown(list(results.values()), TODAY)
    assert "9 links checked: 2 answer as published, 7 need a look." in markdown
    assert f"| broken | http://{server}/missing | HTTP 404 | 2026-11-01 | listing: app sync |" in markdown
    assert '"outcome": "tls-error"' in report_json(list(results.values()), TODAY)


def test_requests_to_one_host_are_spaced_by_the_interval(server: str) -> None:
    _Handler.requests.clear()
    interval = 0.15
    links = {f"http://{server}/ok?{number}": ["x"] for number in range(4)}
    started = time.monotonic()
    check_links(links, LinkSettings(timeout=2, concurrency=4, per_host_interval=interval), {}, TODAY)
    times = sorted(at for path, at, _ in _Handler.requests if path.startswith("/ok?"))
    assert len(times) == 4
    # The fourth request leaves three intervals after the first at the earliest; a busy machine only delays it.
    # (How they arrive in between depends on the threads' luck: the pacer's own test checks each slot.)
    assert times[-1] - started >= 3 * interval


def test_the_pacer_gives_each_request_to_a_host_its_own_slot(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [100.0]
    monkeypatch.setattr(time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(time, "sleep", lambda seconds: clock.__setitem__(0, clock[0] + seconds))
    pacer = HostPacer(interval=0.5)
    sent = []
    for _ in range(4):
        pacer.wait("a.example")
        sent.append(clock[0])
    pacer.wait("b.example")
    assert sent == [100.0, 100.5, 101.0, 101.5]
    assert clock[0] == 101.5  # another host waits for none of them


def test_the_pacer_lets_different_hosts_go_at_once() -> None:
    pacer = HostPacer(interval=10.0)
    started = time.monotonic()
    for host in ("a.example", "b.example", "c.example"):
        pacer.wait(host)
    assert time.monotonic() - started < 5.0
