"""Bad input gets a clear error, no data file can harm the user, and output is safe wherever it goes."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import GOLDEN, VALID, Run

from nkfacts.errors import DataError
from nkfacts.load import load
from nkfacts.model import SPECS, Field

# --- every field, every wrong type ---------------------------------------------------------

BASE = """
countries:
  - {code: KP, name: North Korea}
tags:
  - {id: nuclear, description: Nuclear}
events:
  - id: base-2016
    date: "2016"
    title: T
    summary: S
    tags: [nuclear]
    countries: [KP]
    sources: [{publisher: P, title: T}]
"""

# A valid record of each kind, as YAML flow mappings, keyed by the top-level key.
VALID_RECORD = {
    "event": "{id: e-2016, date: '2016', title: T, summary: S, tags: [nuclear], countries: [KP], "
    "sources: [{publisher: P, title: T}]}",
    "fact": "{id: f, topic: economy, title: T, text: X, sources: [{publisher: P, title: T}]}",
    "relation": "{country: KP, status: hostile, summary: S, sources: [{publisher: P, title: T}]}",
    "country": "{code: ZZ, name: Z}",
    "tag": "{id: zz, description: Z}",
    "glossary term": "{id: g, term: T, variants: [V]}",
}
PLURAL = {spec.kind: spec.plural for spec in SPECS.values()}


def wrong_value(field: Field) -> str:
    """A value of the wrong type for the field, as YAML."""
    if field.type in ("list", "records"):
        return "just text" if field.type == "list" else "{a: b}"
    if field.type == "bool":
        return "'yes'"
    return "[a, list]"


def top_level_fields() -> list[tuple[str, Field]]:
    return [(kind, f) for kind in VALID_RECORD for f in SPECS[kind].fields]


def load_problems(directory: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load(bundled=False, data_dirs=[directory])
    return [str(p).replace(f"{directory}{os.sep}", "") for p in caught.value.problems]


@pytest.mark.parametrize(("kind", "field"), top_level_fields(), ids=lambda v: getattr(v, "name", v))
def test_every_field_with_a_wrong_type_is_named_at_its_line(
    data_dir: Callable[..., Path], kind: str, field: Field
) -> None:
    text = f"{PLURAL[kind]}:\n  - {_with(VALID_RECORD[kind], field.name, wrong_value(field))}\n"
    found = load_problems(data_dir(base=BASE, x=text))
    assert len(found) == 1 and found[0].startswith("x.yaml:2: "), found
    assert f"'{field.name}'" in found[0]
    assert "expected" in found[0] or "must be" in found[0]


def _with(record: str, name: str, value: str) -> str:
    """The flow mapping with ``name`` set to ``value`` (replaced or added)."""
    import re

    pattern = re.compile(rf"(?<=[{{ ]){re.escape(name)}: (\[[^\]]*\]|\{{[^}}]*\}}|'[^']*'|[^,}}]*)")
    if pattern.search(record):
        return pattern.sub(f"{name}: {value}".replace("\\", "\\\\"), record, count=1)
    return record[:-1] + f", {name}: {value}}}"


@pytest.mark.parametrize(
    ("kind", "field"),
    [(kind, f) for kind in VALID_RECORD for f in SPECS[kind].fields if f.required],
    ids=lambda v: getattr(v, "name", v),
)
def test_every_missing_required_field_is_named(data_dir: Callable[..., Path], kind: str, field: Field) -> None:
    record = VALID_RECORD[kind]
    import re

    without = re.sub(rf"(\{{|, ){field.name}: (\[[^\]]*\]|\{{[^}}]*\}}|'[^']*'|[^,}}]*)", r"\1", record, count=1)
    without = without.replace("{, ", "{").replace(", ,", ",")
    found = load_problems(data_dir(base=BASE, x=f"{PLURAL[kind]}:\n  - {without}\n"))
    assert any(f"missing required field '{field.name}'" in p and p.startswith("x.yaml:2: ") for p in found), found


# --- output is inert ------------------------------------------------------------------------

HOSTILE_TEXT = {
    "title": "[bold red]Markup[/] \x1b[2J\x1b]8;;https://evil.example\x07link\x1b]8;;\x07 \r\u202eevil",
    "summary": '=HYPERLINK("https://evil.example")',
    "notes": "+1 line\nsecond line\rcarriage \u2066isolate\u2069",
}


@pytest.fixture
def hostile(data_dir: Callable[..., Path]) -> Path:
    """A valid data set whose text holds markup, escape sequences, formulas and bidi controls."""
    event = textwrap.dedent(
        f"""
        events:
          - id: hostile-2020
            date: "2020-01-01"
            title: {json.dumps(HOSTILE_TEXT["title"])}
            summary: {json.dumps(HOSTILE_TEXT["summary"])}
            notes: {json.dumps(HOSTILE_TEXT["notes"])}
            tags: [nuclear]
            countries: [KP]
            places: ["@SUM(A1)"]
            sources: [{{publisher: "-2+3", title: "\\t=cmd"}}]
        relations:
          - country: KP
            status: hostile
            summary: {json.dumps(HOSTILE_TEXT["title"])}
            sources: [{{publisher: P, title: T}}]
        """
    )
    return data_dir(base=BASE.replace("\nevents:", "\nfacts: []\nevents:"), x=event)


UNSAFE = ["\x1b", "\r", "\u202e", "\u2066", "\x07"]


@pytest.mark.parametrize(
    "args",
    [
        ["timeline"],
        ["timeline", "--sources"],
        ["show", "hostile-2020"],
        ["search", "markup"],
        ["relations"],
        ["relations", "KP"],
        ["timeline", "--format", "markdown"],
        ["show", "hostile-2020", "--format", "markdown"],
    ],
)
def test_tables_and_cards_print_data_as_inert_text(cli: Run, hostile: Path, args: list[str]) -> None:
    for env in ({}, {"FORCE_COLOR": "1"}):
        result = cli("--no-bundled", "--data-dir", str(hostile), *args, env=env)
        assert result.exit_code == 0, result.output
        out = result.stdout
        if env:  # with colour, escapes appear, but only Rich's own colour codes (SGR: ESC [ ... m)
            import re

            out = re.sub(r"\x1b\[[0-9;]*m", "", out)
        assert not [c for c in UNSAFE if c in out], repr(out)
        if args[-1] != "markdown" and "markdown" not in args:
            assert "[bold red]Markup[/]" in out  # markup printed as written


def test_machine_formats_keep_the_data_exact(cli: Run, hostile: Path) -> None:
    [event] = json.loads(
        cli("--no-bundled", "--data-dir", str(hostile), "timeline", "--year", "2020", "--format", "json").stdout
    )
    assert (event["title"], event["summary"], event["notes"]) == (
        HOSTILE_TEXT["title"], HOSTILE_TEXT["summary"], HOSTILE_TEXT["notes"]
    )  # fmt: skip
    [line] = cli(
        "--no-bundled", "--data-dir", str(hostile), "timeline", "-y", "2020", "--format", "jsonl"
    ).stdout.splitlines()
    assert json.loads(line)["notes"] == HOSTILE_TEXT["notes"]


def test_csv_neutralises_formulas_by_default(cli: Run, hostile: Path) -> None:
    raw = cli(
        "--no-bundled", "--data-dir", str(hostile), "timeline", "-y", "2020", "--format", "csv"
    ).stdout_bytes.decode()
    [row] = list(csv.DictReader(io.StringIO(raw, newline="")))
    assert row["summary"] == "'" + HOSTILE_TEXT["summary"]
    assert row["notes"] == "'" + HOSTILE_TEXT["notes"]
    assert row["places"] == "'@SUM(A1)"
    assert row["sources"] == "'-2+3: \t=cmd"
    assert row["title"] == HOSTILE_TEXT["title"]  # starts with '[': not a formula, kept as is


def test_csv_keeps_formulas_when_asked_and_speaks_excel(cli: Run, hostile: Path) -> None:
    args = ["--no-bundled", "--data-dir", str(hostile), "timeline", "--year", "2020", "--format", "csv"]
    raw = cli(*args, "--keep-formulas").stdout_bytes.decode()
    [row] = list(csv.DictReader(io.StringIO(raw, newline="")))
    assert row["summary"] == HOSTILE_TEXT["summary"] and row["notes"] == HOSTILE_TEXT["notes"]
    excel = cli(*args, "--excel").stdout_bytes
    assert excel.startswith(b"\xef\xbb\xbfid,date,")


def test_csv_quotes_every_field_that_needs_it(cli: Run, hostile: Path) -> None:
    raw = cli("--no-bundled", "--data-dir", str(hostile), "timeline", "-y", "2020", "--format", "csv").stdout_bytes
    # the notes hold a line feed and a lone carriage return: the field is quoted, the record ends in CRLF
    assert raw.count(b"\r\n") == 2
    [row] = list(csv.DictReader(io.StringIO(raw.decode(), newline="")))
    assert row["notes"] == "'" + HOSTILE_TEXT["notes"]  # every reader sees the same single row
    assert b"\"'+1 line\nsecond line\rcarriage" in raw


# --- process behaviour -----------------------------------------------------------------------


def nkfacts_command() -> list[str]:
    script = Path(sys.executable).with_name("nkfacts")
    return [str(script)] if script.exists() else [sys.executable, "-m", "nkfacts"]


def test_a_closed_pipe_ends_quietly() -> None:
    shell = (
        f"{' '.join(nkfacts_command())} export events --format jsonl | head -c 100 >/dev/null; "
        'echo "${PIPESTATUS[0]}"'
    )
    done = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, check=True, timeout=60)
    assert done.stdout.strip() in ("0", "141")
    assert done.stderr == ""


def big_data(directory: Path, count: int) -> Path:
    """A valid data directory of ``count`` events."""
    directory.mkdir()
    lines = [BASE.replace("events:", "").rsplit("  - id: base-2016", 1)[0], "events:"]
    for n in range(count):
        lines.append(
            f"  - {{id: e-{n}, date: '{1950 + n % 70}-{1 + n % 12:02d}-{1 + n % 28:02d}', title: Event {n}, "
            f"summary: Summary {n}, tags: [nuclear], countries: [KP], sources: [{{publisher: P, title: T{n}}}]}}"
        )
    (directory / "big.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return directory


def test_ctrl_c_ends_with_130_and_no_traceback(tmp_path: Path) -> None:
    data = big_data(tmp_path / "big", 60000)
    env = {**os.environ, "NKFACTS_CACHE_DIR": str(tmp_path / "cache")}
    process = subprocess.Popen(
        [*nkfacts_command(), "--no-bundled", "--no-cache", "--data-dir", str(data), "timeline", "--format", "csv"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True,
    )  # fmt: skip
    time.sleep(1.5)  # past the imports, into the loading
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "Traceback" not in stderr


def test_output_refuses_a_directory(valid: Run, tmp_path: Path) -> None:
    result = valid("timeline", "--format", "csv", "--output", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == f"nkfacts: {tmp_path}: is a directory; --output expects a file name\n"


def test_a_failed_write_leaves_the_old_file_whole(valid: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.csv"
    target.write_text("the old file\n")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    result = valid("timeline", "--format", "csv", "--output", str(target))
    assert result.exit_code == 1
    assert result.stderr == f"nkfacts: {target}: cannot write the file: No space left on device\n"
    assert target.read_text() == "the old file\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]  # no partial file left behind


def test_a_crash_while_writing_leaves_the_old_file_whole(
    valid: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import nkfacts.formats as formats

    target = tmp_path / "out.json"
    target.write_text("[]\n")

    def crash(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setitem(formats.WRITERS, formats.OutputFormat.json, crash)
    assert valid("timeline", "--format", "json", "--output", str(target)).exit_code == 130
    assert target.read_text() == "[]\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_output_keeps_an_existing_files_permissions(valid: Run, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old")
    target.chmod(0o640)
    assert valid("timeline", "--format", "csv", "--output", str(target)).exit_code == 0
    assert target.stat().st_mode & 0o777 == 0o640
    assert target.read_bytes() == (GOLDEN / "timeline.csv").read_bytes()


@pytest.mark.parametrize(
    ("env", "colour"),
    [
        ({}, False),  # not a terminal
        ({"FORCE_COLOR": "1"}, True),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        ({"FORCE_COLOR": "1", "TERM": "dumb"}, False),
    ],
)
def test_colour_follows_the_conventions(valid: Run, env: dict[str, str], colour: bool) -> None:
    out = valid("relations", env=env).stdout
    assert ("\x1b[31m" in out or "\x1b[1;31m" in out) is colour  # 'hostile' in red


@pytest.mark.parametrize(
    "args",
    [["timeline"], ["timeline", "--sources"], ["relations"], ["relations", "KR"], ["facts"], ["search", "korea"],
     ["tags"], ["countries"], ["stats"], ["show", "drills-2023"]],
)  # fmt: skip
def test_narrow_terminals_keep_every_line_within_the_width(valid: Run, args: list[str]) -> None:
    for width in (40, 80, 200):
        result = valid(*args, env={"COLUMNS": str(width)})
        assert result.exit_code == 0
        assert max(len(line) for line in result.stdout.splitlines()) <= width, (width, result.stdout)


# --- hostile files cannot hurt ----------------------------------------------------------------

ALIAS_BOMB = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]" for i in range(20)]
)
HOSTILE_FILES: dict[str, bytes] = {
    "bomb": ALIAS_BOMB.encode(),
    "deep": b"events: " + b"[" * 1_000_000 + b"]" * 1_000_000 + b"\n",
    "deep-maps": b"events:\n" + b"".join(b"  " * i + b"a:\n" for i in range(2000)),
    "python": b"events: !!python/object/apply:os.system ['touch /tmp/nkfacts-pwned']\n",
    "nul": b"events: []\n\x00",
    "utf16": "events: []\n".encode("utf-16"),
    "binary": bytes(range(256)) * 4,
    "long-line": b"events: [" + b"x" * 5_000_000 + b"]\n",
}


def test_a_directory_of_hostile_files_gives_clean_errors_quickly(cli: Run, tmp_path: Path) -> None:
    hostile = tmp_path / "hostile"
    hostile.mkdir()
    for name, content in HOSTILE_FILES.items():
        (hostile / f"{name}.yaml").write_bytes(content)
    started = time.perf_counter()
    result = cli("--data-dir", str(hostile), "timeline")
    assert time.perf_counter() - started < 30  # generous; it takes well under a second here
    assert result.exit_code == 1
    assert "Traceback" not in result.output and not Path("/tmp/nkfacts-pwned").exists()
    lines = result.stderr.splitlines()
    for name in HOSTILE_FILES:
        assert any(line.startswith(f"{hostile}/{name}.yaml:") for line in lines), (name, lines)
    assert not [c for c in UNSAFE if c in result.stderr]


PROBE = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # 1 GiB: a bomb would need far more
from nkfacts.errors import DataError
from nkfacts.load import load
from pathlib import Path
try:
    load(bundled=False, data_dirs=[Path(sys.argv[1])])
except DataError as exc:
    print(exc.problems[0])
"""


@pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "darwin", reason="RLIMIT_AS is a Linux budget")
@pytest.mark.parametrize("name", ["bomb", "deep", "deep-maps", "long-line"])
def test_a_hostile_file_stays_within_a_time_and_memory_budget(tmp_path: Path, name: str) -> None:
    (tmp_path / "x.yaml").write_bytes(HOSTILE_FILES[name])
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert time.perf_counter() - started < 30
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"{tmp_path}/x.yaml:")


def test_a_large_valid_file_still_loads(tmp_path: Path) -> None:
    dataset = load(bundled=False, data_dirs=[big_data(tmp_path / "big", 20000)])
    assert len(dataset.events) == 20000


def test_the_bundled_data_is_untouched_by_a_broken_data_dir(cli: Run, data_dir: Callable[..., Path]) -> None:
    before = cli("timeline", "--format", "csv").stdout
    assert cli("--data-dir", str(data_dir(x="events: [")), "timeline").exit_code == 1
    assert cli("timeline", "--format", "csv").stdout == before


def test_errors_never_show_a_traceback_unless_asked(cli: Run, data_dir: Callable[..., Path]) -> None:
    broken = data_dir(x="events:\n  - {id: x}\n")
    assert "Traceback" not in cli("--data-dir", str(broken), "timeline").output
    with pytest.raises(DataError):  # NKFACTS_DEBUG=1 lets the exception through
        cli("--data-dir", str(broken), "timeline", env={"NKFACTS_DEBUG": "1"})


def test_an_unexpected_failure_is_one_line_without_debug(cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    import nkfacts.query as query

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(query, "timeline", broken)
    result = cli("timeline")
    assert result.exit_code == 1
    assert result.stderr == "nkfacts: internal error: RuntimeError: boom (set NKFACTS_DEBUG=1 for the traceback)\n"


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_data_dirs_from_the_environment_are_a_path_list(cli: Run, data_dir: Callable[..., Path]) -> None:
    one = data_dir(x="tags:\n  - {id: one, description: One}\n")
    two = data_dir(x="tags:\n  - {id: two, description: Two}\n")
    result = cli("--no-bundled", "tags", "--format", "csv", env={"NKFACTS_DATA_DIR": f"{one}{os.pathsep}{two}"})
    assert result.stdout.splitlines()[1:] == ["one,One,0", "two,Two,0"]


def test_the_valid_set_is_still_valid() -> None:  # the fixtures above are built from it
    assert load(bundled=False, data_dirs=[VALID]).counts()["events"] == 7
