"""Property tests over arbitrary input: the only outcomes are valid output or a clean error."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path
from typing import Any

import yaml
from helpers import Run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nkfacts.errors import DataError
from nkfacts.load import load
from nkfacts.model import SPECS

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

BASE = """
countries:
  - {code: KP, name: North Korea}
tags:
  - {id: nuclear, description: Nuclear}
"""

FIELD_NAMES = sorted({f.name for spec in SPECS.values() for f in spec.fields} | {"events", "facts", "relations"})
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10, 3000), st.text(max_size=20),
    st.sampled_from(["2016", "2016-02-30", "KP", "NO", "nuclear", "hostile", "https://x.org", ""]),
)  # fmt: skip
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=8)), children, max_size=5),
    ),
    max_leaves=25,
)


def load_one(content: bytes) -> object:
    """Load BASE plus one file holding ``content``: a Dataset, or the DataError raised."""
    with tempfile.TemporaryDirectory() as directory:
        Path(directory, "base.yaml").write_text(BASE, encoding="utf-8")
        Path(directory, "x.yaml").write_bytes(content)
        try:
            return load(bundled=False, data_dirs=[Path(directory)])
        except DataError as exc:
            assert exc.problems
            for problem in exc.problems:
                assert problem.file.startswith(directory) and problem.message
                assert problem.line is None or problem.line >= 1
            return exc


@FUZZ
@given(st.dictionaries(st.sampled_from(["events", "facts", "relations", "glossary", "tags", "countries", "other"]),
                       documents, max_size=3))  # fmt: skip
def test_any_yaml_document_loads_or_is_refused_cleanly(document: dict[str, Any]) -> None:
    load_one(yaml.safe_dump(document, allow_unicode=True).encode())


@FUZZ
@given(st.binary(max_size=300))
def test_any_bytes_load_or_are_refused_cleanly(content: bytes) -> None:
    load_one(content)


@FUZZ
@given(st.text(max_size=300))
def test_any_text_loads_or_is_refused_cleanly(text: str) -> None:
    load_one(text.encode("utf-8", "surrogatepass"))


# Any text a curator might enter, control characters and scripts of every kind included.
field_text = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=60).filter(str.strip)


@settings(FUZZ, max_examples=40)  # each example runs the command line five times
@given(title=field_text, summary=field_text, notes=field_text, place=field_text, publisher=field_text)
def test_any_text_comes_out_exact_in_machine_formats_and_inert_in_tables(
    cli: Run, title: str, summary: str, notes: str, place: str, publisher: str
) -> None:
    event = {
        "id": "fuzz-2020", "date": "2020-02-02", "title": title, "summary": summary, "notes": notes,
        "places": [place], "tags": ["nuclear"], "countries": ["KP"], "sources": [{"publisher": publisher, "title": "T"}],
    }  # fmt: skip
    with tempfile.TemporaryDirectory() as directory:
        Path(directory, "base.yaml").write_text(BASE, encoding="utf-8")
        # Double-quoted, so that line breaks such as U+0085 are written as escapes, not folded.
        text = yaml.safe_dump({"events": [event]}, allow_unicode=True, default_style='"')
        Path(directory, "x.yaml").write_text(text, encoding="utf-8")
        args = ["--no-bundled", "--no-cache", "--data-dir", directory]
        result = cli(*args, "timeline", "--format", "json")
        assert result.exit_code == 0, result.stderr
        [got] = json.loads(result.stdout)
        assert (got["title"], got["summary"], got["notes"], got["places"], got["sources"][0]["publisher"]) == (
            title, summary, notes, [place], publisher
        )  # fmt: skip

        raw = cli(*args, "timeline", "--format", "csv", "--keep-formulas").stdout_bytes.decode("utf-8")
        [row] = list(csv.DictReader(io.StringIO(raw, newline="")))
        assert (row["title"], row["summary"], row["notes"], row["places"]) == (title, summary, notes, place)

        for fmt in (["--format", "table"], ["--format", "markdown"]):
            shown = cli(*args, "timeline", "--sources", *fmt, env={"COLUMNS": "60"}).stdout
            assert not set(shown) & set("\x1b\r\x07\x00\u202e\u2066\u2028"), repr(shown)
