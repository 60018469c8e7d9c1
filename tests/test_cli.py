"""The command line through Typer's runner: exit codes, messages, and the output contracts."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from helpers import GOLDEN, VALID, Run


@pytest.mark.parametrize(
    ("args", "golden"),
    [
        (["--format", "csv"], "timeline.csv"),
        (["--format", "json"], "timeline.json"),
        (["--format", "jsonl", "--limit", "2"], "timeline.jsonl"),
        (["--format", "markdown"], "timeline.md"),
    ],
)
def test_timeline_formats_match_their_golden_files(valid: Run, args: list[str], golden: str) -> None:
    result = valid("timeline", *args)
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == (GOLDEN / golden).read_bytes()


def test_csv_has_the_contracted_columns_and_one_row_per_event(valid: Run) -> None:
    result = valid("timeline", "--from", "2016-01", "--to", "2016-02", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    assert list(rows[0])[:11] == [
        "id",
        "date",
        "start",
        "end",
        "title",
        "summary",
        "tags",
        "countries",
        "places",
        "landmark",
        "sources",
    ]
    assert [(r["id"], r["date"], r["start"], r["end"]) for r in rows] == [
        ("somewhere-in-2016", "2016", "2016-01-01", "2016-12-31"),
        ("nuclear-test-2016", "2016-01-06", "2016-01-06", "2016-01-06"),
        ("kaesong-closure-2016", "2016-02-10", "2016-02-10", "2016-02-10"),
    ]


def test_json_keeps_yaml_names_and_adds_start_and_end(valid: Run) -> None:
    [drills] = json.loads(valid("timeline", "--year", "2023", "--format", "json").stdout)
    assert (drills["date"], drills["until"], drills["reported"]) == ("2023-08-21", "2023-08-31", "2023-08-14")
    assert (drills["start"], drills["end"]) == ("2023-08-21", "2023-08-31")


def test_a_country_by_name_and_by_code_give_the_same_rows(valid: Run) -> None:
    by_name = valid("timeline", "--country", "United States", "--format", "csv")
    by_code = valid("timeline", "--country", "us", "--format", "csv")
    assert by_name.exit_code == by_code.exit_code == 0
    assert by_name.stdout == by_code.stdout
    assert by_name.stdout_bytes.count(b"\r\n") == 3  # header, march-2016, drills-2023


@pytest.mark.parametrize(
    ("by_event", "by_date"),
    [
        (
            ["--from", "nuclear-test-2016", "--to", "kaesong-closure-2016"],
            ["--from", "2016-01-06", "--to", "2016-02-10"],
        ),
        (["--from", "drills-2023"], ["--from", "2023-08-21"]),  # from the start of a span
        (["--to", "drills-2023"], ["--to", "2023-08-31"]),  # to its end
        (["--to", "march-2016"], ["--to", "2016-03"]),  # at the event's own precision
    ],
)
def test_an_event_id_stands_for_its_date(valid: Run, by_event: list[str], by_date: list[str]) -> None:
    first = valid("timeline", *by_event, "--format", "csv")
    assert first.exit_code == 0, first.output
    assert first.stdout == valid("timeline", *by_date, "--format", "csv").stdout


def test_reverse_limit_gives_the_five_latest(cli: Run) -> None:
    rows = list(csv.DictReader(io.StringIO(cli("timeline", "--reverse", "--limit", "5", "--format", "csv").stdout)))
    assert len(rows) == 5
    assert [r["start"] for r in rows] == sorted((r["start"] for r in rows), reverse=True)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--country", "narnia"], "Error: Invalid value for '--country': unknown country 'narnia'"),
        (
            ["--country", "Sout Korea"],
            "Error: Invalid value for '--country': unknown country 'Sout Korea' (did you mean 'South Korea'?)",
        ),
        (["--tag", "nucelar"], "Error: Invalid value for '--tag': unknown tag 'nucelar' (did you mean 'nuclear'?)"),
        (
            ["--from", "2016-13"],
            "Error: Invalid value for '--from': '2016-13' is not a real date: month 13 does not exist",
        ),
        (
            ["--to", "Feb 2016"],
            "Error: Invalid value for '--to': 'Feb 2016' is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        (["--year", "2016", "--from", "2016"], "Error: --year cannot be combined with --from or --to"),
        (["--from", "2017", "--to", "2016"], "Error: --from 2017 is after --to 2016: nothing can match"),
        (["--format", "xml"], "Error: Invalid value for '--format' / '-f': 'xml' is not one of"),
        (
            ["--from", "nuclear-test-2061"],
            "Error: Invalid value for '--from': 'nuclear-test-2061' is neither a date (YYYY, YYYY-MM or YYYY-MM-DD)"
            " nor an event id (did you mean 'nuclear-test-2016'?)",
        ),
        (
            ["--from", "summit-2018", "--to", "founding-1948"],
            "Error: --from summit-2018 is after --to founding-1948: nothing can match",
        ),
    ],
)
def test_a_usage_error_exits_2_with_one_clear_message(valid: Run, args: list[str], message: str) -> None:
    result = valid("timeline", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.output


def test_an_empty_result_succeeds_with_a_note(valid: Run) -> None:
    result = valid("timeline", "--year", "1999")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "No events match.\n")
    csv_result = valid("timeline", "--year", "1999", "--format", "csv")
    assert csv_result.stdout.startswith("id,date,start,end,")  # the header, for scripts
    assert valid("timeline", "--year", "1999", "--format", "json").stdout == "[]\n"


def test_the_table_groups_by_year_and_prints_data_as_text(valid: Run) -> None:
    result = valid("timeline", env={"COLUMNS": "80"})
    lines = result.stdout.splitlines()
    assert result.exit_code == 0
    assert all(len(line) <= 80 for line in lines)
    years = [line.split()[0] for line in lines if line[:4].isdigit() and len(line.split()) == 1]
    assert years == ["1948", "2016", "2018", "2023"]
    assert "21–31 Aug" in result.stdout and "★ Fourth nuclear test" in result.stdout
    assert "\x1b" not in result.stdout  # not a terminal: no colour codes


def test_the_table_reads_well_when_wide(valid: Run) -> None:
    result = valid("timeline", "--sources", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert any(len(line) > 120 for line in result.stdout.splitlines())
    assert "Test Press: Drills" in result.stdout and "https://example.org/test" in result.stdout


def test_output_writes_the_file_and_nothing_to_stdout(valid: Run, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    result = valid("timeline", "--format", "csv", "--output", str(target))
    assert (result.exit_code, result.stdout) == (0, "")
    assert target.read_bytes() == (GOLDEN / "timeline.csv").read_bytes()


def test_validate_summarises_a_valid_set(valid: Run) -> None:
    result = valid("validate")
    assert (result.exit_code, result.stdout) == (
        0,
        "valid: 5 countries, 4 tags, 2 glossary terms, 2 relations, 1 fact, 7 events\n",
    )


def test_validate_lists_every_problem_and_exits_1(cli: Run, data_dir) -> None:  # type: ignore[no-untyped-def]
    broken = data_dir(x="events:\n  - id: x\n    date: 2016-02-30\n")
    result = cli("--no-bundled", "validate", str(broken))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert (
        f"{broken}/x.yaml:3: event 'x': 'date': '2016-02-30' is not a real date: day 30 does not exist: February 2016 has 29 days"
        in lines
    )
    assert lines[-1] == "nkfacts: 6 problems in the data"
    assert "Traceback" not in result.output


def test_validate_checks_what_the_other_commands_load(cli: Run, data_dir) -> None:  # type: ignore[no-untyped-def]
    extra = data_dir(x="events:\n  - id: x\n")
    assert cli("--data-dir", str(extra), "validate").exit_code == 1
    assert cli("--data-dir", str(extra), "timeline").exit_code == 1
    assert cli("validate").exit_code == 0


def test_data_dirs_come_from_the_environment_too(cli: Run) -> None:
    result = cli("--no-bundled", "validate", env={"NKFACTS_DATA_DIR": str(VALID)})
    assert result.stdout.startswith("valid: 5 countries")


def test_version(cli: Run) -> None:
    from nkfacts import __version__

    assert cli("--version").stdout == f"nkfacts {__version__}\n"
