"""The docs and the help stay true: every field documented, every command helped and shown."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import Run

from nkfacts.model import SPECS
from nkfacts.schema import data_file_schema

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = ["timeline", "relations", "facts", "show", "search", "stats", "today", "tags", "countries", "export",
            "validate", "schema"]  # fmt: skip


def section(text: str, heading: str) -> str:
    """The part of a Markdown document under ``### heading``, up to the next heading."""
    match = re.search(rf"^### {re.escape(heading)}\n(.*?)(?=^#)", text, re.S | re.M)
    assert match, heading
    return match.group(1)


@pytest.mark.parametrize("kind", list(SPECS))
def test_every_field_is_in_the_data_format_reference(kind: str) -> None:
    text = section((ROOT / "docs" / "data-format.md").read_text(encoding="utf-8"), kind.capitalize())
    for field in SPECS[kind].fields:
        row = next((line for line in text.splitlines() if line.startswith(f"| `{field.name}` |")), None)
        assert row, f"{kind}.{field.name} is not documented"
        assert ("required" if field.required else "optional") in row
        assert field.doc in row


def test_the_schema_copy_in_docs_is_current() -> None:
    assert json.loads((ROOT / "docs" / "nkfacts.schema.json").read_text(encoding="utf-8")) == data_file_schema()


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example_and_a_place_in_the_readme(cli: Run, command: str) -> None:
    result = cli(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.stdout
    assert f"nkfacts {command}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_command_list_is_complete(cli: Run) -> None:
    listed = re.findall(r"^│ (\w+) ", cli("--help").stdout, re.M)
    assert [c for c in listed if c in COMMANDS] == COMMANDS


def test_the_docs_name_every_exit_code() -> None:
    errors = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    for code in ("0", "1", "2", "130", "141"):
        assert f"| {code} |" in errors
