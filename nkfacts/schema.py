"""The JSON Schema (draft 2020-12) of a data file, made from the same field table the loader checks.

Editors that read JSON Schema (the YAML language server, for one) then flag a curator's
mistakes as they type. The loader remains the judge: the schema cannot say that a tag is
declared elsewhere, or that a date exists in the calendar.
"""

from __future__ import annotations

from typing import Any

from nkfacts.model import COUNTRY_TYPES, KINDS, SPECS, STATUSES, TOP_LEVEL, Field, RecordSpec

__all__ = ["data_file_schema"]

SCHEMA_ID = "https://nkfacts.invalid/schema/data-file.json"  # an identifier, not a place to fetch

_ID = {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}
_CODE = {"type": "string", "pattern": "^[A-Z]{2,8}$"}
_RULES: dict[str, dict[str, Any]] = {
    "text": {"type": "string", "minLength": 1, "pattern": "\\S"},
    "id": _ID,
    "code": _CODE,
    "word": {"type": "string", "pattern": "^[a-z]+(-[a-z]+)*$"},
    # YAML reads an unquoted year as a number; the loader accepts both.
    "date": {
        "anyOf": [
            {"type": "string", "pattern": "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"},
            {"type": "integer", "minimum": 1, "maximum": 9999},
        ]
    },
    "bool": {"type": "boolean"},
    "url": {"type": "string", "pattern": "^https?://[^\\s/]+\\S*$"},
    "status": {"enum": list(STATUSES)},
    "country-type": {"enum": list(COUNTRY_TYPES)},
    "tag-ref": _ID,
    "country-ref": _CODE,
    "event-ref": _ID,
}


def data_file_schema() -> dict[str, Any]:
    definitions = {_name(spec): _record(spec) for spec in SPECS.values()}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "nkfacts data file",
        "description": "A YAML data file of nkfacts: some of " + ", ".join(KINDS) + ". See docs/data-format.md.",
        "type": "object",
        "additionalProperties": False,
        "minProperties": 1,
        "properties": {
            plural: {"type": ["array", "null"], "items": {"$ref": f"#/$defs/{_name(spec)}"}}
            for plural, spec in TOP_LEVEL.items()
        },
        "$defs": definitions,
    }


def _name(spec: RecordSpec) -> str:
    return spec.kind.replace(" ", "-")


def _record(spec: RecordSpec) -> dict[str, Any]:
    return {
        "type": "object",
        "description": spec.doc,
        "additionalProperties": False,
        "required": [f.name for f in spec.fields if f.required],
        "properties": {f.name: _field(f) for f in spec.fields},
    }


def _field(field: Field) -> dict[str, Any]:
    if field.type == "list":
        assert field.item is not None
        shape: dict[str, Any] = {"type": "array", "items": _RULES[field.item], "uniqueItems": True}
    elif field.type == "records":
        assert field.record is not None
        shape = {"type": "array", "items": {"$ref": f"#/$defs/{_name(SPECS[field.record])}"}}
    else:
        shape = dict(_RULES[field.type])
    if field.min_items:
        shape["minItems"] = field.min_items
    return {"description": field.doc, **shape}
