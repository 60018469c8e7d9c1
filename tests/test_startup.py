"""The common path stays light: no Rich, no pydantic, and no YAML once the cache is warm."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

PROBE = """
import json, sys
sys.argv = ["nkfacts", *sys.argv[1:]]
from nkfacts.cli import run
try:
    run()
except SystemExit as end:
    code = end.code
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"rich", "pydantic", "yaml"})
sys.stderr.write(json.dumps({"code": code, "imported": heavy}))
"""


def probe(*args: str) -> dict[str, object]:
    """Run the installed CLI in a fresh interpreter; report its exit code and heavy imports."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        env=os.environ,
        check=False,
        cwd=os.path.dirname(os.path.dirname(sys.executable)),
    )
    return json.loads(done.stderr.splitlines()[-1])


def test_the_csv_path_imports_neither_rich_nor_pydantic() -> None:
    first = probe("timeline", "--format", "csv")  # fills the cache: YAML is read
    assert first == {"code": 0, "imported": ["yaml"]}
    again = probe("timeline", "--format", "csv")  # from the cache: not even YAML
    assert again == {"code": 0, "imported": []}


@pytest.mark.parametrize("fmt", ["json", "jsonl", "markdown"])
def test_other_machine_formats_stay_light_too(fmt: str) -> None:
    probe("timeline")  # warm the cache
    assert probe("timeline", "--format", fmt)["imported"] == []


def test_the_table_brings_rich_in() -> None:
    assert "rich" in probe("timeline", "--limit", "1")["imported"]  # type: ignore[operator]
