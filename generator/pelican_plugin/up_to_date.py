"""`python -m generator.pelican_plugin [--check] [pelican's options]`: Pelican's build, unless the output
directory already holds the build of today's inputs (generator.site.build_state), in which case nothing is read,
judged or written and the command says so. With `--check` it only tells: exit status 0 when the output is up
to date, 3 when a build is needed. `invoke build` and the benchmark build through it.

Saying "up to date" costs a stat of every input and output file and little else: Pelican, the build and
their libraries are imported only when a build follows. The settings the inputs are found by are read from the
settings file as Pelican reads them (`quick_settings`), for the command lines `invoke build` and the benchmark
use; Pelican reads any other.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.util
import os
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from generator.as_of import resolve_as_of
from generator.site.build_state import (
    ENVIRONMENT,
    InputState,
    input_roots,
    input_state,
    input_values,
    is_up_to_date,
    read_build_state,
)


class _Inputs(NamedTuple):
    """Where a build's inputs are and its dates: what its inputs' state is taken from."""

    output: Path
    data: Path
    content: Path
    theme: Path
    as_of: dt.date
    today: dt.date
    change_history: Path | None
    environment: tuple[tuple[str, str], ...]


# The inputs' state this command took before running Pelican, by what it was taken from: the build that Pelican
# then runs records it rather than reading every input again. The inputs as they were before the build read
# them: any file changed while it ran makes the next build run again.
_checked: dict[_Inputs, InputState] = {}


def build_inputs(settings: Mapping[str, Any]) -> InputState:
    """The state of what a build with these Pelican settings reads, as of its date and today."""
    inputs = _inputs(settings)
    remembered = _checked.get(inputs)
    if remembered is not None:
        return remembered
    state = read_build_state(inputs.output)
    return _input_state(inputs, None if state is None else state.inputs)


def _input_state(inputs: _Inputs, previous: InputState | None) -> InputState:
    roots = input_roots(inputs.data, inputs.content, inputs.theme, inputs.change_history)
    values = input_values(inputs.as_of, inputs.today, dict(inputs.environment))
    return input_state(roots, values, previous)


def _inputs(settings: Mapping[str, Any]) -> _Inputs:
    as_of = resolve_as_of(settings.get("TRUST_AS_OF") or os.environ.get("TRUST_AS_OF"))
    history = settings.get("TRUST_CHANGE_HISTORY")
    return _Inputs(
        Path(settings["OUTPUT_PATH"]),
        Path(settings["TRUST_DATA_PATH"]),
        Path(settings["PATH"]),
        Path(settings["THEME"]),
        as_of,
        resolve_as_of(None),
        Path(history) if history else None,
        tuple((name, os.environ.get(name, "")) for name in ENVIRONMENT),
    )


@contextlib.contextmanager
def _remembered(inputs: _Inputs, state: InputState) -> Iterator[None]:
    """`state` is what build_inputs says for `inputs`, for the one build run meanwhile."""
    _checked[inputs] = state
    try:
        yield
    finally:
        _checked.clear()


NEEDS_BUILD = 3
# The options read without Pelican (see `quick_settings`), each followed by its value.
_VALUE_OPTIONS = ("-s", "--settings", "-o", "--output", "--fatal")
_LONG_NAMES = {"-s": "--settings", "-o": "--output"}
_FATAL_LEVELS = ("warnings", "errors")
# The settings Pelican makes absolute against the settings file's directory, that the inputs are found by.
_PATH_SETTINGS = ("PATH", "OUTPUT_PATH", "THEME")


def quick_settings(arguments: list[str]) -> dict[str, Any] | None:
    """The settings the inputs are found by, as Pelican reads them for this command line, without importing
    Pelican (most of a rebuild's time that has nothing to do); None for a command line or settings file that
    only Pelican can read: options beyond the settings file, output and `--fatal`, a setting missing, a theme
    given by name.

    As pelican.settings.read_settings: the settings file's upper-case names, the paths among them made absolute
    against its directory, then the output given on the command line, absolute against the working directory.
    """
    options: dict[str, str] = {}
    pending = list(arguments)
    while pending:
        option = pending.pop(0)
        name, equals, value = option.partition("=")
        # `--output=site`, as argparse reads it; a short option's `=` would be part of its value.
        if name not in _VALUE_OPTIONS or (equals and not name.startswith("--")):
            return None
        if not equals:
            if not pending:
                return None
            value = pending.pop(0)
        options[_LONG_NAMES.get(name, name)] = value
    path = options.get("--settings")
    if path is None or options.get("--fatal", "errors") not in _FATAL_LEVELS:
        return None
    try:
        settings = _settings_file(path)
    except OSError:
        # Missing or unreadable: Pelican says so in its words.
        return None
    for setting in _PATH_SETTINGS:
        given = settings.get(setting)
        if not isinstance(given, str):
            return None
        settings[setting] = _absolute(given, path)
    if not Path(settings["THEME"]).is_dir() or not isinstance(settings.get("TRUST_DATA_PATH"), str):
        return None
    if "--output" in options:
        settings["OUTPUT_PATH"] = _absolute(options["--output"], None)
    return settings


def _absolute(path: str, settings_file: str | None) -> str:
    """A path made absolute as Pelican makes it: against the settings file's directory, or the working directory
    for an option (os.path's lexical join, where Path.resolve would follow links)."""
    if settings_file is None:
        return os.path.abspath(os.path.expanduser(path))  # noqa: PTH100, PTH111
    if os.path.isabs(path):  # noqa: PTH117
        return path
    return os.path.abspath(os.path.normpath(os.path.join(os.path.dirname(settings_file), path)))  # noqa: PTH100, PTH118, PTH120


def _settings_file(path: str) -> dict[str, Any]:
    """The upper-case names of a settings file, run as Pelican runs it (as a module named by its file)."""
    name = Path(path).stem
    specification = importlib.util.spec_from_file_location(name, path)
    if specification is None or specification.loader is None:
        raise OSError(f"cannot read the settings file {path}")
    module = importlib.util.module_from_spec(specification)
    sys.modules[name] = module
    specification.loader.exec_module(module)
    return {key: value for key, value in vars(module).items() if key.isupper()}


def main(argv: list[str] | None = None) -> int:
    """Build with Pelican's own command line, or say that the output is up to date; the exit status."""
    arguments = sys.argv[1:] if argv is None else argv
    check_only = "--check" in arguments
    arguments = [argument for argument in arguments if argument != "--check"]
    settings = quick_settings(arguments)
    if settings is None:
        # Pelican is imported only when a build may follow: answering "up to date" needs none of it.
        import pelican
        from pelican.settings import read_settings

        parsed = pelican.parse_arguments(arguments)
        if parsed.autoreload or parsed.listen:
            if check_only:
                return NEEDS_BUILD
            pelican.main(arguments)
            return 0
        settings = read_settings(parsed.settings, override=pelican.get_config(parsed))
    inputs = _inputs(settings)
    state = read_build_state(inputs.output)
    current = _input_state(inputs, None if state is None else state.inputs)
    if is_up_to_date(inputs.output, current, state):
        print(f"{inputs.output} is up to date: the same data, content, theme, code, settings and dates built it.")
        return 0
    if check_only:
        return NEEDS_BUILD
    import pelican

    # One build follows, and records this state of its inputs: they are not read a second time.
    with _remembered(inputs, current):
        pelican.main(arguments)
    return 0
