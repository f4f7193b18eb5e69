"""`python -m generator.pelican_plugin [--check] [pelican's options]`: Pelican's build, unless the output
directory already holds the build of today's inputs (generator.site.build_state), in which case nothing is read,
judged or written and the command says so. With `--check` it only tells: exit status 0 when the output is up
to date, 3 when a build is needed. `invoke build` and the benchmark build through it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

import pelican
from pelican.settings import read_settings

from generator.as_of import resolve_as_of
from generator.site.build_state import ENVIRONMENT, input_fingerprint, is_up_to_date


class _Inputs(NamedTuple):
    """Where a build's inputs are and its dates: what its fingerprint is computed from."""

    data: Path
    content: Path
    theme: Path
    as_of: dt.date
    today: dt.date
    change_history: Path | None
    environment: tuple[tuple[str, str], ...]


# The fingerprint this command computed before running Pelican, by what it was computed from: the build that
# Pelican then runs records it rather than reading every input again. The inputs as they were before the build
# read them: any file changed while it ran makes the next build run again.
_checked: dict[_Inputs, str] = {}


def build_inputs(settings: Mapping[str, Any]) -> str:
    """The fingerprint of what a build with these Pelican settings reads, as of its date and today."""
    inputs = _inputs(settings)
    remembered = _checked.get(inputs)
    return _fingerprint(inputs) if remembered is None else remembered


def _fingerprint(inputs: _Inputs) -> str:
    return input_fingerprint(
        inputs.data,
        inputs.content,
        inputs.theme,
        inputs.as_of,
        inputs.today,
        inputs.change_history,
        dict(inputs.environment),
    )


def _inputs(settings: Mapping[str, Any]) -> _Inputs:
    as_of = resolve_as_of(settings.get("TRUST_AS_OF") or os.environ.get("TRUST_AS_OF"))
    history = settings.get("TRUST_CHANGE_HISTORY")
    return _Inputs(
        Path(settings["TRUST_DATA_PATH"]),
        Path(settings["PATH"]),
        Path(settings["THEME"]),
        as_of,
        resolve_as_of(None),
        Path(history) if history else None,
        tuple((name, os.environ.get(name, "")) for name in ENVIRONMENT),
    )


@contextlib.contextmanager
def _remembered(inputs: _Inputs, fingerprint: str) -> Iterator[None]:
    """`fingerprint` is what build_inputs says for `inputs`, for the one build run meanwhile."""
    _checked[inputs] = fingerprint
    try:
        yield
    finally:
        _checked.clear()


NEEDS_BUILD = 3


def main(argv: list[str] | None = None) -> int:
    """Build with Pelican's own command line, or say that the output is up to date; the exit status."""
    arguments = sys.argv[1:] if argv is None else argv
    check_only = "--check" in arguments
    arguments = [argument for argument in arguments if argument != "--check"]
    parsed = pelican.parse_arguments(arguments)
    if not (parsed.autoreload or parsed.listen):
        settings = read_settings(parsed.settings, override=pelican.get_config(parsed))
        output = Path(settings["OUTPUT_PATH"])
        inputs = _inputs(settings)
        fingerprint = _fingerprint(inputs)
        if is_up_to_date(output, fingerprint):
            print(f"{output} is up to date: the same data, content, theme, code, settings and dates built it.")
            return 0
        if check_only:
            return NEEDS_BUILD
        # One build follows, and records this fingerprint: its inputs are not read a second time.
        with _remembered(inputs, fingerprint):
            pelican.main(arguments)
        return 0
    if check_only:
        return NEEDS_BUILD
    pelican.main(arguments)
    return 0
