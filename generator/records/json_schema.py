"""The records' JSON Schema (draft 2020-12): one file per record kind, generated from the record models."""

from __future__ import annotations

import enum
import json
from pathlib import Path
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from generator.records.evidence import Verification
from generator.records.fields import Record
from generator.records.partner import App, Partner
from generator.records.policy import Policy
from generator.records.repository import Repository
from generator.records.timeline import Timeline


class RecordKind(enum.StrEnum):
    """Each kind of record file, named as its schema file is."""

    PARTNER = "partner"
    APP = "app"
    VERIFICATION = "verification"
    TIMELINE = "timeline"
    POLICY = "policy"
    REPOSITORY = "repository"

    @property
    def model(self) -> type[Record]:
        return _MODELS[self]


_MODELS: dict[RecordKind, type[Record]] = {
    RecordKind.PARTNER: Partner,
    RecordKind.APP: App,
    RecordKind.VERIFICATION: Verification,
    RecordKind.TIMELINE: Timeline,
    RecordKind.POLICY: Policy,
    RecordKind.REPOSITORY: Repository,
}

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
# Where the committed schema files live, relative to the repository root.
SCHEMA_DIRECTORY = Path("schema")


class OmitNullsSchemaGenerator(GenerateJsonSchema):
    """Optional fields are left out, never null: the schema says so too."""

    def nullable_schema(self, schema: core_schema.NullableSchema) -> JsonSchemaValue:
        return self.generate_inner(schema["schema"])

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> JsonSchemaValue:
        inner = self.generate_inner(schema["schema"])
        default = schema.get("default")
        if default is None or default == () or default == {}:
            return inner
        return super().default_schema(schema)


def json_schema(kind: RecordKind) -> dict[str, Any]:
    """The draft 2020-12 JSON Schema of one kind of record file."""
    body = kind.model.model_json_schema(schema_generator=OmitNullsSchemaGenerator, mode="validation")
    return {"$schema": SCHEMA_DIALECT, "$id": f"{kind}.schema.json", **body}


def schema_text(kind: RecordKind) -> str:
    """The schema as committed: stable key order, two-space indent, final newline."""
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"


def write_schemas(directory: Path) -> list[Path]:
    """Write every record kind's schema file into `directory`; the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in RecordKind:
        path = directory / f"{kind}.schema.json"
        path.write_text(schema_text(kind), encoding="utf-8")
        written.append(path)
    return written
