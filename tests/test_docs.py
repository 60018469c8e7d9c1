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


def readme_examples() -> list[tuple[str, list[str]]]:
    """Each '$ command' of the README's console blocks with the lines shown after it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    examples: list[tuple[str, list[str]]] = []
    for block in re.findall(r"^```console\n(.*?)^```", readme, re.S | re.M):
        for line in block.splitlines():
            if line.startswith("$ "):
                examples.append((line[2:], []))
            else:
                examples[-1][1].append(line.rstrip())
    return examples


def matches(shown: list[str], got: list[str]) -> bool:
    """Whether the lines shown match the lines printed; a line '...' stands for any lines."""
    if not shown:
        return not got
    if shown[0].strip() == "...":
        return any(matches(shown[1:], got[i:]) for i in range(len(got) + 1))
    return bool(got) and shown[0] == got[0] and matches(shown[1:], got[1:])


@pytest.mark.parametrize(("command", "shown"), readme_examples(), ids=lambda v: v if isinstance(v, str) else "")
def test_the_readme_shows_real_output(command: str, shown: list[str]) -> None:
    """The tour is the bundled data's real output at 80 columns, so it cannot drift."""
    import os
    import shutil
    import subprocess
    import sys

    for tool in ("jq", "csvlook"):  # beyond what every machine has
        if re.search(rf"\| *{tool}\b", command) and not shutil.which(tool):
            pytest.skip(f"{tool} is not installed")
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""), "COLUMNS": "80"}
    result = subprocess.run(["bash", "-o", "pipefail", "-c", command], env=env, capture_output=True, text=True)
    assert result.returncode in (0, 141), result.stderr  # 141: head closed the pipe
    got = [line.rstrip() for line in result.stdout.splitlines()]
    assert matches(shown, got), "\n".join(got)


def test_the_readme_counts_the_bundled_data_right() -> None:
    from nkfacts.load import load

    data = load()
    intro = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split("## Set up")[0].split())
    counts = re.search(
        r"holds (\d+) events .* relations with (\d+) .* (\d+) facts and a glossary of (\d+) names", intro
    )
    assert counts, intro
    assert tuple(map(int, counts.groups())) == (
        len(data.events), len(data.relations), len(data.facts), len(data.glossary)
    )  # fmt: skip
