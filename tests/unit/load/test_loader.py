"""The strict loader: values it resolves, hazards it refuses, and that it never fails any other way."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.load.problems import Problem
from generator.load.scalars import resolve_plain
from generator.load.strict_yaml import MAX_DEPTH, load_bytes
from generator.load.yaml_nodes import Document

HERE = Path("case.yaml")


def load(text: str | bytes) -> tuple[Document | None, list[Problem]]:
    raw = text.encode() if isinstance(text, str) else text
    return load_bytes(raw, HERE)


def codes(text: str | bytes) -> list[str]:
    return [problem.code for problem in load(text)[1]]


@pytest.mark.parametrize(
    ("plain", "expected"),
    [
        ("true", True),
        ("false", False),
        ("null", None),
        ("~", None),
        ("", None),
        ("0", 0),
        ("42", 42),
        ("-7", -7),
        ("3.5", 3.5),
        ("1e3", 1000.0),
        ("2024-02-30", "2024-02-30"),  # dates stay text; the model judges them
        ("2024-01-01T10:00:00", "2024-01-01T10:00:00"),
        ("hello world", "hello world"),
        ("Tru", "Tru"),
    ],
)
def test_plain_scalars_resolve_by_a_strict_core_schema(plain: str, expected: object) -> None:
    value, problem = resolve_plain(plain)
    assert problem is None
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    ("plain", "code"),
    [
        *[(word, "yaml11-boolean") for word in ("yes", "No", "ON", "off", "y", "N", "True", "FALSE")],
        *[(number, "implicit-octal") for number in ("0755", "00", "-012", "0o17")],
        *[(number, "sexagesimal") for number in ("1:30", "190:20:30", "-1:00")],
        *[(number, "ambiguous-number") for number in ("0x1F", "0b101", "1_000", ".inf", "-.inf", ".NaN")],
    ],
)
def test_ambiguous_plain_scalars_are_refused(plain: str, code: str) -> None:
    _, problem = resolve_plain(plain)
    assert problem is not None
    assert problem[0] == code


def test_quoted_scalars_are_always_text() -> None:
    document, problems = load("a: 'yes'\nb: \"0755\"\nc: '12'\nd: |\n  true\n")
    assert problems == []
    assert document is not None
    assert document.data() == {"a": "yes", "b": "0755", "c": "12", "d": "true\n"}


def test_problems_point_at_line_and_column_with_the_source_line() -> None:
    _, problems = load("name: ok\nflag: yes\n")
    (problem,) = problems
    assert problem.location is not None
    assert (problem.location.line, problem.location.column, problem.location.width) == (2, 7, 3)
    assert problem.location.source_line == "flag: yes"


def test_every_problem_in_a_file_is_reported_not_just_the_first() -> None:
    assert codes("a: yes\nb: 0755\nc: &x 1\nd: *x\na: 2\n") == [
        "yaml11-boolean",
        "implicit-octal",
        "anchor",
        "alias",
        "duplicate-key",
    ]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("a: 1\n---\nb: 2\n", "multi-document"),
        ("%YAML 1.1\n---\na: 1\n", "directive"),
        ("a: !!str 1\n", "tag"),
        ("a: !!python/object:os.system {}\n", "tag"),
        ("? [a, b]\n: 1\n", "non-string-key"),
        ("1: one\n", "non-string-key"),
        ("true: yes-text\n", "non-string-key"),
        ("base: &b {x: 1}\nother:\n  <<: *b\n", "anchor"),
        ("a: [1, 2\n", "yaml-syntax"),
        ("a:\tb\n", "tab"),
        ("a: b\x00\n", "control-character"),
        ("a: b\x1b[31m\n", "control-character"),
        ("a: b\rc\n", "control-character"),
        ("a: \u202eevil\n", "bidi-character"),
        ("a\u200b: b\n", "invisible-character"),
        ("", "empty-file"),
        ("# only a comment\n", "empty-file"),
    ],
)
def test_hazards_are_refused_with_a_located_code(text: str, code: str) -> None:
    document, problems = load(text)
    assert document is None
    assert code in [problem.code for problem in problems]


def test_merge_keys_are_refused_even_without_an_anchor() -> None:
    assert codes("<<: {a: 1}\n") == ["merge-key"]


def test_non_utf8_bytes_are_located() -> None:
    _, problems = load(b"a: 1\nb: caf\xe9\n")
    (problem,) = problems
    assert problem.code == "not-utf8"
    assert problem.location is not None
    assert (problem.location.line, problem.location.column) == (2, 7)


def test_utf16_is_refused() -> None:
    assert codes("a: 1\n".encode("utf-16")) == ["not-utf8"]


def test_a_utf8_byte_order_mark_is_accepted() -> None:
    document, problems = load(b"\xef\xbb\xbfa: 1\n")
    assert problems == []
    assert document is not None
    assert document.data() == {"a": 1}


def test_crlf_line_endings_are_accepted() -> None:
    document, problems = load(b"a: 1\r\nb: two\r\n")
    assert problems == []
    assert document is not None
    assert document.data() == {"a": 1, "b": "two"}


def test_nesting_up_to_the_limit_is_fine_and_one_more_is_refused() -> None:
    assert load("[" * MAX_DEPTH + "]" * MAX_DEPTH)[1] == []
    assert codes("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)) == ["too-deep"]


def test_the_number_of_problems_reported_per_file_is_capped() -> None:
    text = "".join(f"k{i}: yes\n" for i in range(500))
    problems = load(text)[1]
    assert len(problems) == 51
    assert problems[-1].code == "too-many-problems"


def test_find_follows_a_field_path() -> None:
    document, _ = load("apps:\n  - id: one\n  - id: two\n")
    assert document is not None
    node, key, matched = document.find(("apps", 1, "id"))
    assert matched == 3
    assert key is not None
    assert document.locate(node).line == 3
    assert document.find(("apps", 5, "id"))[2] == 1


# Bombs, runaway nesting and oversized-but-allowed files, from real payload files: refused (or read)
# quickly and without memory growth. Generous bounds: this checks that nothing is expanded or recursed
# into, not how fast the machine is.

PAYLOADS = Path(__file__).resolve().parents[2] / "fixtures" / "payloads"
REFUSED = {
    "alias-bomb.yaml": {"anchor", "alias", "too-many-problems"},
    "merge-key-bomb.yaml": {"anchor", "alias", "merge-key", "too-many-problems"},
    "flow-nesting.yaml": {"too-deep"},
    "block-nesting.yaml": {"too-deep"},
}
READ = ("long-line.yaml", "many-keys.yaml")


def _load_traced(name: str) -> tuple[Document | None, list[Problem], int]:
    """Load a payload; its problems and the peak memory the load allocated (how fast: bench/hazard_payloads.py)."""
    payload = (PAYLOADS / name).read_bytes()
    assert len(payload) < 256 * 1024
    tracemalloc.start()
    document, problems = load_bytes(payload, HERE)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return document, problems, peak


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_bombs_and_deep_nesting_are_refused_before_they_grow(name: str) -> None:
    document, problems, peak = _load_traced(name)
    assert document is None
    assert {p.code for p in problems} == REFUSED[name]
    assert peak < 50 * 1024 * 1024


@pytest.mark.parametrize("name", READ)
def test_large_files_under_the_limit_are_read_in_bounded_memory(name: str) -> None:
    document, problems, peak = _load_traced(name)
    assert problems == []
    assert document is not None
    assert peak < 50 * 1024 * 1024


def test_a_sequence_nesting_bomb_is_refused() -> None:
    assert codes("- " * 100_000 + "x\n") == ["too-deep"]


def test_files_over_the_size_limit_are_refused_before_parsing() -> None:
    assert codes(b"a: " + b"x" * (256 * 1024)) == ["file-too-large"]


# Property tests: whatever the input, the loader returns a document or located problems.


# Problems in one scalar's spelling: the loader still returns the whole document, for the model to check the rest.
SCALAR_CODES = frozenset({"yaml11-boolean", "implicit-octal", "sexagesimal", "ambiguous-number"})


def _check_outcome(document: Document | None, problems: list[Problem]) -> None:
    if document is None:
        assert problems
    else:
        assert {problem.code for problem in problems} <= SCALAR_CODES
    for problem in problems:
        assert problem.code
        assert problem.location is not None
        assert problem.location.path == HERE
    if document is not None:
        document.data()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_give_a_document_or_located_problems(raw: bytes) -> None:
    _check_outcome(*load_bytes(raw, HERE))


YAMLISH = st.text(alphabet=st.sampled_from(list("ab:-[]{},&*!<>|'\"#%? \n\t0-9yes\u202e")), max_size=300)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=500), YAMLISH))
def test_arbitrary_text_gives_a_document_or_located_problems(text: str) -> None:
    _check_outcome(*load_bytes(text.encode("utf-8", errors="surrogatepass"), HERE))


@pytest.mark.parametrize("text", ["enabled: yes\nname: x\n", "mode: 0755\n", "at: 12:30\n", "n: 0x1F\n"])
def test_an_ambiguous_scalar_still_gives_the_whole_document(text: str) -> None:
    document, problems = load(text)
    assert document is not None
    assert [problem.code for problem in problems] != []
    assert {problem.code for problem in problems} <= SCALAR_CODES
    # The ambiguous value stays the text it was written as.
    assert isinstance(document.data(), dict)


def test_a_hazard_after_an_ambiguous_scalar_still_stops_the_document() -> None:
    document, problems = load("a: yes\nb: &anchor 1\n")
    assert document is None
    assert [problem.code for problem in problems] == ["yaml11-boolean", "anchor"]
