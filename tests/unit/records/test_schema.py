"""One model, one schema: the committed JSON Schema matches the model and admits every demo record."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from generator.load.strict_yaml import load_bytes, load_file
from generator.load.validation import validate_document
from generator.records.evidence import Verification
from generator.records.json_schema import SCHEMA_DIRECTORY, RecordKind, schema_text
from generator.records.partner import App, Partner

REPO = Path(__file__).resolve().parents[3]
# Where the README tells people to copy each reference record.
COPIED_TO = {
    "partner": REPO / "data" / "partners" / "your-id" / "partner.yaml",
    "app": REPO / "data" / "partners" / "your-id" / "apps" / "your-app.yaml",
    "verification": REPO / "data" / "verifications" / "your-id.yaml",
    "timeline": REPO / "data" / "program" / "timeline.yaml",
}
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def _kind_of(path: Path) -> RecordKind:
    if path.name == "partner.yaml":
        return RecordKind.PARTNER
    if path.parent.name == "apps":
        return RecordKind.APP
    if path.parent.name == "verifications":
        return RecordKind.VERIFICATION
    return RecordKind(path.stem)


def _record_files() -> list[Path]:
    data = sorted((REPO / "data").rglob("*.yaml"))
    reference = sorted((REPO / "docs" / "reference").glob("*.yaml"))
    return data + reference


def _kind_of_any(path: Path) -> RecordKind:
    if path.parent.name == "reference":
        return RecordKind(path.stem)
    return _kind_of(path)


@pytest.mark.parametrize("kind", list(RecordKind))
def test_committed_schema_equals_the_generated_one(kind: RecordKind) -> None:
    committed = (REPO / SCHEMA_DIRECTORY / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(kind), "run: invoke schema"


@pytest.mark.parametrize("kind", list(RecordKind))
def test_schemas_are_valid_draft_2020_12(kind: RecordKind) -> None:
    schema = json.loads(schema_text(kind))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", _record_files(), ids=lambda p: str(p.relative_to(REPO)))
def test_every_record_passes_our_model_and_an_independent_validator(path: Path) -> None:
    kind = _kind_of_any(path)
    document, problems = load_file(path)
    assert problems == []
    assert document is not None
    record, problems = validate_document(document, kind.model)
    assert problems == []
    assert record is not None
    schema = json.loads((REPO / SCHEMA_DIRECTORY / f"{kind}.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = [f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(document.data())]
    assert errors == []


@pytest.mark.parametrize("path", _record_files(), ids=lambda p: str(p.relative_to(REPO)))
def test_every_record_names_its_schema_for_editors(path: Path) -> None:
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    match = SCHEMA_LINE.match(first_line)
    assert match, f"first line should be '# yaml-language-server: $schema=…' (got {first_line!r})"
    # A reference record is right where partners and maintainers are told to copy it, not where it is kept.
    where = COPIED_TO[path.stem] if path.parent.name == "reference" else path
    target = (where.parent / match.group(1)).resolve()
    assert target == (REPO / SCHEMA_DIRECTORY / f"{_kind_of_any(path)}.schema.json").resolve()


def test_the_independent_validator_rejects_what_the_model_rejects() -> None:
    schema = json.loads(schema_text(RecordKind.APP))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    bad = {
        "id": "x-app",
        "name": "X",
        "hosting": ["cloud", "cloud"],
        "listing_url": "http://x.example.com",
        "colour": "red",
    }
    messages = " | ".join(error.message for error in validator.iter_errors(bad))
    assert "Additional properties are not allowed ('colour'" in messages
    assert "non-unique elements" in messages
    assert "does not match" in messages


STRICTNESS = [
    ("hosting: [cloud]\nbug_bounty:\n  since: 20200316\n", "bad-date"),
    ("hosting: [cloud]\nbug_bounty:\n  since: '2020-3-16'\n", "bad-date"),
    ("hosting: [cloud]\nbug_bounty:\n  since: 2021-02-29\n", "bad-date"),
    ("hosting: cloud\n", "wrong-type"),
    ("hosting: [Cloud]\n", "not-one-of"),
    ("hosting: []\n", "wrong-length"),
    ("hosting: [cloud, cloud]\n", "duplicate-item"),
    ("hosting: [cloud]\nlisting_url: http://apps.example.com/x\n", "bad-url"),
    ("hosting: [cloud]\nlisting_url: https://user:pw@apps.example.com/x\n", "bad-url"),
    ("hosting: [cloud]\nlisting_url: javascript:alert(1)\n", "bad-url"),
    ("hosting: [cloud]\ndescription: ''\n", "empty-text"),
    ('hosting: [cloud]\nname: "Acme\\u200dSync"\n', "bad-text"),
]


@pytest.mark.parametrize(("extra", "code"), STRICTNESS)
def test_no_lax_coercion(extra: str, code: str) -> None:
    base = {"id": "some-app", "name": "Some App", "listing_url": "https://apps.example.com/some-app"}
    lines = [f"{key}: {value}" for key, value in base.items() if f"\n{key}:" not in "\n" + extra]
    document, problems = load_bytes(("\n".join(lines) + "\n" + extra).encode(), Path("x.yaml"))
    assert problems == []
    assert document is not None
    record, problems = validate_document(document, App)
    assert record is None
    assert code in [problem.code for problem in problems]


def test_a_quoted_number_is_not_a_number_and_the_hint_says_so() -> None:
    text = (
        (REPO / "docs/reference/verification.yaml")
        .read_text()
        .replace("researchers_engaged: 42", "researchers_engaged: '42'")
    )
    document, _ = load_bytes(text.encode(), Path("v.yaml"))
    assert document is not None
    _, problems = validate_document(document, Verification)
    (problem,) = problems
    assert problem.code == "wrong-type"
    assert problem.message == "researchers_engaged: expected a whole number (got '42')"
    assert problem.hint == "remove the quotes"


def test_unknown_fields_are_errors_with_a_suggestion() -> None:
    text = (REPO / "docs/reference/partner.yaml").read_text().replace("website:", "websit:")
    document, _ = load_bytes(text.encode(), Path("p.yaml"))
    assert document is not None
    _, problems = validate_document(document, Partner)
    assert [(p.code, p.hint) for p in problems] == [
        ("missing-key", "add 'website:' with its value"),
        ("unknown-key", "did you mean 'website'?"),
    ]


def test_an_unknown_rule_kind_in_the_policy_is_located_with_a_suggestion() -> None:
    text = (REPO / "data/program/policy.yaml").read_text().replace("rule: vulnerability-scan\n", "rule: vuln-scan\n")
    document, _ = load_bytes(text.encode(), Path("policy.yaml"))
    assert document is not None
    _, problems = validate_document(document, RecordKind.POLICY.model)
    (problem,) = problems
    assert problem.code == "not-one-of"
    assert problem.message.startswith("rule must be one of bug-bounty-tenure, ")
    assert problem.field_path == "badges[2].criteria[0].rule"
    assert problem.hint == "did you mean 'vulnerability-scan'?"
    assert problem.location is not None
    assert problem.location.source_line is not None
    assert problem.location.source_line.strip() == "- rule: vuln-scan"


def test_a_misspelt_parameter_of_a_rule_is_located_without_the_union_tag() -> None:
    text = (REPO / "data/program/policy.yaml").read_text().replace("min_researchers: 10", "min_researchers: -1")
    document, _ = load_bytes(text.encode(), Path("policy.yaml"))
    assert document is not None
    _, problems = validate_document(document, RecordKind.POLICY.model)
    (problem,) = problems
    assert problem.code == "out-of-range"
    assert problem.field_path == "badges[0].criteria[1].min_researchers"
