"""`python -m generator.pelican_plugin [--check] [pelican's options]`: Pelican's build, unless the output
directory already holds the build of today's inputs (generator.site.build_state), in which case nothing is read,
judged or written and the command says so. With `--check` it only tells: exit status 0 when the output is up
to date, 3 when a build is needed. `invoke build` and the benchmark build through it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pelican
from pelican.settings import read_settings

from generator.as_of import resolve_as_of
from generator.site.build_state import input_fingerprint, is_up_to_date


def build_inputs(settings: Mapping[str, Any]) -> str:
    """The fingerprint of what a build with these Pelican settings reads, as of its date and today."""
    as_of = resolve_as_of(settings.get("TRUST_AS_OF") or os.environ.get("TRUST_AS_OF"))
    history = settings.get("TRUST_CHANGE_HISTORY")
    return input_fingerprint(
        Path(settings["TRUST_DATA_PATH"]),
        Path(settings["PATH"]),
        Path(settings["THEME"]),
        as_of,
        resolve_as_of(None),
        Path(history) if history else None,
    )


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
        if is_up_to_date(output, build_inputs(settings)):
            print(f"{output} is up to date: the same data, content, theme, code, settings and dates built it.")
            return 0
    if check_only:
        return NEEDS_BUILD
    pelican.main(arguments)
    return 0
