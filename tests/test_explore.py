"""relations, facts, show, search, stats, today, tags, countries, export, schema: tables and machine formats."""

from __future__ import annotations

import csv
import io
import json

import pytest
from helpers import GOLDEN, VALID, Run

from nkfacts import query
from nkfacts.load import load


@pytest.mark.parametrize(
    ("args", "golden"),
    [
        (["relations", "--format", "csv"], "relations.csv"),
        (["relations", "kr", "--format", "json"], "relation-kr.json"),
        (["relations", "South Korea", "--format", "markdown"], "relation-kr.md"),
        (["search", "kaesong", "--format", "json"], "search-kaesong.json"),
        (["stats", "--by", "year", "--format", "csv"], "stats-year.csv"),
        (["tags", "--format", "csv"], "tags.csv"),
        (["countries", "--format", "csv"], "countries.csv"),
        (["export", "--format", "json"], "export-all.json"),
    ],
)
def test_machine_formats_match_their_golden_files(valid: Run, args: list[str], golden: str) -> None:
    result = valid(*args)
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == (GOLDEN / golden).read_bytes()


# --- relations -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "status", "since"),
    [
        ("1947", None, None),  # no history yet: no status
        ("1948", "adversarial", "1948"),
        ("2018-04", "cordial", "2018-04-27"),  # a partial date means its end
        ("2018-04-26", "adversarial", "1948"),
        ("2023-10-31", "cordial", "2018-04-27"),
        ("2023-11-01", "hostile", "2023-11"),  # a month-precision entry holds from its first day
    ],
)
def test_as_of_takes_the_last_entry_on_or_before_the_date(
    valid: Run, as_of: str, status: str | None, since: str | None
) -> None:
    rows = {r["country"]: r for r in json.loads(valid("relations", "--as-of", as_of, "--format", "json").stdout)}
    assert (rows["KR"]["status"], rows["KR"]["since"]) == (status, since)


def test_as_of_an_event_is_as_of_its_end(valid: Run) -> None:
    def statuses(as_of: str) -> dict[str, str]:
        rows = json.loads(valid("relations", "--as-of", as_of, "--format", "json").stdout)
        return {r["country"]: r["status"] for r in rows}

    assert statuses("summit-2018") == statuses("2018-04-27") != statuses("2018-04-26")
    result = valid("relations", "--as-of", "sumit-2018")
    assert result.exit_code == 2 and "(did you mean 'summit-2018'?)" in result.stderr


def test_as_of_cuts_the_history_and_events_of_a_card(valid: Run) -> None:
    card = json.loads(valid("relations", "KR", "--as-of", "2018-12-31", "--format", "json").stdout)
    assert card["as_of"] == "2018-12-31"
    assert [h["date"] for h in card["history"]] == ["1948", "2018-04-27"]
    assert [e["id"] for e in card["events"]] == ["summit-2018", "kaesong-closure-2016"]
    assert card["latest_event"] == "2018-04-27"


def test_a_status_with_no_history_yet_is_said_in_words(valid: Run) -> None:
    assert "no relations yet" in valid("relations", "--as-of", "1947").stdout


def test_the_status_filter_uses_the_as_of_status(valid: Run) -> None:
    rows = json.loads(valid("relations", "--status", "cordial", "--as-of", "2019", "--format", "json").stdout)
    assert [r["country"] for r in rows] == ["KR"]
    bad = valid("relations", "--status", "friendly")
    assert bad.exit_code == 2 and "unknown status 'friendly'" in bad.stderr


def test_the_card_shows_history_with_directions_and_recent_events(valid: Run) -> None:
    out = valid("relations", "south korea").stdout
    assert out.splitlines()[0].startswith("North Korea and South Korea  hostile since 2023-11")
    assert "↑ warmer" in out and "↓ colder" in out
    assert "Panmunjom summit" in out and "Test Press: Two Koreas" in out


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["relations", "narnia"], 1, "nkfacts: unknown country 'narnia'"),
        (["relations", "Norway"], 1, "nkfacts: no relation is recorded with Norway (NO)"),
        (["relations", "KR", "--format", "csv"], 2, "a single record is written as table, json or markdown, not csv"),
        (["show", "kaesong-closur"], 1, "nkfacts: unknown id 'kaesong-closur' (did you mean 'kaesong-closure-2016'"),
        (["facts", "--topic", "econmy"], 2, "unknown topic 'econmy' (did you mean 'economy'?)"),
        (["today", "--date", "13-01"], 2, "'13-01' is not a day of the year: expected MM-DD"),
        (
            ["stats", "--since-last", "nucelar"],
            2,
            "Invalid value for '--since-last': unknown tag 'nucelar' (did you mean",
        ),
        (["export", "all", "--format", "csv"], 2, "give a directory with --output"),
        (["export", "--format", "table"], 2, "export writes json, jsonl, csv or markdown"),
        (["search", "--", "--"], 2, "give at least one letter or digit"),
    ],
)
def test_errors_name_the_problem_and_exit_with_their_code(valid: Run, args: list[str], code: int, message: str) -> None:
    result = valid(*args)
    assert result.exit_code == code
    assert message in result.stderr
    assert "Traceback" not in result.output


# --- show, facts, search -----------------------------------------------------------------


def test_show_gives_a_record_with_its_links(valid: Run) -> None:
    event = json.loads(valid("show", "summit-2018", "--format", "json").stdout)
    assert (event["kind"], event["id"], event["links"]["relations"]) == ("event", "summit-2018", ["KR"])
    fact = json.loads(valid("show", "kaesong-complex", "--format", "json").stdout)
    assert fact["kind"] == "fact" and fact["links"]["events"] == [
        "kaesong-closure-2016",
        "summit-2018",
    ]  # most shared first
    term = json.loads(valid("show", "kaesong", "--format", "json").stdout)
    assert term["kind"] == "glossary" and {"kind": "event", "id": "kaesong-closure-2016"} in term["links"]["records"]
    country = json.loads(valid("show", "kr", "--format", "json").stdout)
    assert country["kind"] == "relation" and country["status"] == "hostile"
    assert json.loads(valid("show", "NO", "--format", "json").stdout)["kind"] == "country"
    assert "Seoul suspends the Kaesong complex" in valid("show", "kaesong-closure-2016").stdout


def test_facts_filter_by_topic_tag_country_and_text(valid: Run) -> None:
    def ids(*args: str) -> list[str]:
        return [f["id"] for f in json.loads(valid("facts", *args, "--format", "json").stdout)]

    assert ids() == ["kaesong-complex"]
    assert ids("--topic", "economy") == ids("--tag", "inter-korean") == ids("--country", "south korea") == ids("개성")
    assert ids("--topic", "economy", "--country", "US") == []


@pytest.mark.parametrize("spelling", ["kaesong", "Kaesong", "Gaeseong", "Kaesŏng", "KAE-SONG", "개성"])
def test_every_spelling_finds_the_same_records(valid: Run, spelling: str) -> None:
    rows = json.loads(valid("search", spelling, "--format", "json").stdout)
    assert [(r["kind"], r["id"]) for r in rows] == [
        ("glossary", "kaesong"),
        ("fact", "kaesong-complex"),
        ("event", "kaesong-closure-2016"),
    ]


def test_a_title_match_ranks_before_a_summary_match(valid: Run) -> None:
    rows = json.loads(valid("search", "korea", "--format", "json").stdout)
    scores = [r["score"] for r in rows]
    assert scores == sorted(scores, reverse=True)
    kinds = {r["kind"] for r in rows}
    assert {"country", "relation"} <= kinds


@pytest.mark.parametrize("spelling", ["kim jong-un", "Kim Jong Un", "kim jong un", "Kim Chŏng-ŭn", "김정은"])
def test_names_match_whatever_the_romanisation(valid: Run, spelling: str) -> None:
    rows = json.loads(valid("search", spelling, "--format", "json").stdout)
    assert ("event", "summit-2018") in [(r["kind"], r["id"]) for r in rows]


# --- stats, today, vocabularies, export ----------------------------------------------------


@pytest.mark.parametrize("by", ["year", "decade", "tag", "country"])
def test_stats_counts_each_event_once_per_bucket(valid: Run, by: str) -> None:
    rows = list(csv.DictReader(io.StringIO(valid("stats", "--by", by, "--format", "csv").stdout)))
    assert list(rows[0]) == [by, "count"]
    assert all(int(r["count"]) > 0 for r in rows)  # empty buckets are left out
    if by in ("year", "decade"):
        assert sum(int(r["count"]) for r in rows) == 7


def test_stats_draws_bars(valid: Run) -> None:
    lines = valid("stats", "--by", "decade", env={"COLUMNS": "60"}).stdout.splitlines()
    assert lines[0].startswith("1940s") and lines[0].endswith("1") and "█" in lines[0]
    assert max(len(line) for line in lines) <= 60
    longest = max(lines, key=lambda line: line.count("█"))
    assert longest.startswith("2010s")


def test_since_last_counts_days_from_the_latest_event(valid: Run) -> None:
    env = {"NKFACTS_TODAY": "2016-01-16"}
    [row] = json.loads(valid("stats", "--since-last", "nuclear", "--format", "json", env=env).stdout)
    assert (row["id"], row["days"], row["date"]) == ("nuclear-test-2016", 10, "2016-01-06")
    assert valid("stats", "--since-last", "nuclear", env=env).stdout.startswith("10 days ago (2016-01-06)")


def test_today_finds_past_years_on_this_day(valid: Run) -> None:
    rows = json.loads(valid("today", "--date", "01-06", "--format", "json").stdout)
    assert [r["id"] for r in rows] == ["nuclear-test-2016"]
    assert valid("today", env={"NKFACTS_TODAY": "2030-09-09"}).stdout.count("The DPRK is founded") == 1
    assert valid("today", "--date", "02-29").stderr == (
        "Nothing recorded on 29 February. Nearest: 10 February (nkfacts today --date 02-10)"
        " and 27 April (nkfacts today --date 04-27).\n"
    )
    # round the turn of the year; a day with events is not its own neighbour
    assert query.nearest_days(load(bundled=False, data_dirs=[VALID]), 12, 31) == [(9, 9), (1, 6)]
    assert query.nearest_days(load(bundled=False, data_dirs=[VALID]), 1, 6) == [(9, 9), (2, 10)]


def test_export_all_as_csv_writes_one_file_per_kind(valid: Run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = valid("export", "all", "--format", "csv", "--output", str(tmp_path / "out"))
    assert result.exit_code == 0
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == ["countries.csv", "events.csv", "facts.csv", "glossary.csv", "relations.csv", "tags.csv"]
    with open(tmp_path / "out" / "events.csv", newline="", encoding="utf-8") as stream:
        events = list(csv.DictReader(stream))
    assert len(events) == 7


def test_export_jsonl_names_each_record_kind(valid: Run) -> None:
    kinds = [json.loads(line)["kind"] for line in valid("export", "--format", "jsonl").stdout.splitlines()]
    assert kinds.count("event") == 7 and kinds.count("glossary") == 2 and kinds[0] == "country"


def test_the_schema_describes_the_field_table(cli: Run) -> None:
    schema = json.loads(cli("schema").stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    event = schema["$defs"]["event"]
    assert event["required"] == ["id", "date", "title", "summary", "tags", "countries", "sources"]
    assert event["additionalProperties"] is False
    assert schema["$defs"]["relation"]["properties"]["status"]["enum"][0] == "hostile"


# --- completion ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("nkfacts timeline --tag nu", ["nuclear"]),
        ("nkfacts timeline --country US", ["US", "USA"]),
        ("nkfacts timeline --country nor", ["north Korea", "norway"]),
        ("nkfacts relations south", ["south Korea"]),
        ("nkfacts show kaesong-c", ["kaesong-closure-2016", "kaesong-complex"]),
        ("nkfacts facts --topic eco", ["economy"]),
        ("nkfacts stats --since-last ex", ["exercises"]),
        ("nkfacts timeline --from nu", ["nuclear-test-2016"]),
        ("nkfacts relations --as-of su", ["summit-2018"]),
    ],
)
def test_completion_offers_tags_countries_and_ids(valid: Run, words: str, expected: list[str]) -> None:
    # Completion reads the command line from COMP_WORDS, global options included.
    words = words.replace("nkfacts ", f"nkfacts --no-bundled --data-dir {VALID} ", 1)
    env = {"_NKFACTS_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - 1)}
    result = valid(env=env)
    assert result.exit_code == 0
    assert sorted(result.stdout.splitlines()) == sorted(expected)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2017", "--to", "2016"], "Error: --from 2017 is after --to 2016: nothing can match"),
        (["--year", "2016", "--to", "2017"], "Error: --year cannot be combined with --from or --to"),
    ],
)
def test_stats_checks_its_date_range_as_timeline_does(valid: Run, args: list[str], message: str) -> None:
    for command in ("timeline", "stats"):
        result = valid(command, *args)
        assert result.exit_code == 2 and message in result.stderr, command


def test_stats_counts_one_year(valid: Run) -> None:
    rows = list(csv.DictReader(io.StringIO(valid("stats", "--by", "tag", "--year", "2016", "--format", "csv").stdout)))
    assert {r["tag"]: int(r["count"]) for r in rows} == {"economy": 3, "inter-korean": 1, "nuclear": 1}


@pytest.mark.parametrize(
    ("date", "until", "shown"),
    [
        ("2019-06-20", None, "2019-06-20"),
        ("2019-06-20", "2019-06-21", "2019-06-20/21"),
        ("2026-03-12", "2026-06-11", "2026-03-12/06-11"),
        ("2023-12-30", "2024-01-02", "2023-12-30/2024-01-02"),
        ("2023", "2024", "2023/2024"),
        ("2023-08", "2023-09-01", "2023-08/2023-09-01"),
    ],
)
def test_cards_write_spans_in_the_short_iso_form(date: str, until: str | None, shown: str) -> None:
    from nkfacts.render import short_span

    assert short_span(date, until) == shown


def test_cards_print_each_web_address_whole_on_its_own_line(cli: Run) -> None:
    out = cli("relations", "china", env={"COLUMNS": "60"}).stdout
    url = "https://www.reuters.com/article/us-china-korea-north-factbox/factbox-ties-binding-china-and-north-korea-idUSTRE67P0QF20100826"
    assert f"\n    {url}\n" in out
    assert "2019-06-20/21  Xi Jinping makes a state visit" in out
