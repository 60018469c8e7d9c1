"""The loader: what it accepts as a curator means it, and every rejection with its file and line."""

from __future__ import annotations

import os
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import VALID

from nkfacts.errors import DataError
from nkfacts.load import load

# Declarations the records below refer to, in a file of their own.
BASE = """
countries:
  - {code: KP, name: North Korea, aliases: [DPRK]}
  - {code: KR, name: South Korea}
  - {code: "NO", name: Norway}
tags:
  - {id: nuclear, description: Nuclear programme}
  - {id: economy, description: Economy}
"""

EVENT = """
events:
  - id: test-2016
    date: 2016-01-06
    title: A test
    summary: Something happened.
    tags: [nuclear]
    countries: [KP]
    sources:
      - publisher: Test Press
        title: A report
"""


def problems(directory: Path) -> list[str]:
    """Every problem loading ``directory`` reports, with the directory left out of the file names."""
    with pytest.raises(DataError) as caught:
        load(bundled=False, data_dirs=[directory])
    return [str(p).replace(f"{directory}{os.sep}", "") for p in caught.value.problems]


def check(data_dir: Callable[..., Path], text: str) -> list[str]:
    return problems(data_dir(base=BASE, x=text))


def test_a_valid_record_loads(data_dir: Callable[..., Path]) -> None:
    dataset = load(bundled=False, data_dirs=[data_dir(base=BASE, x=EVENT)])
    [event] = dataset.events
    assert (event.id, str(event.date), event.tags, event.countries) == (
        "test-2016",
        "2016-01-06",
        ("nuclear",),
        ("KP",),
    )
    assert event.sources[0].publisher == "Test Press"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            EVENT.replace("    title: A test\n", "    title: A test\n    title: Another\n"),
            ["x.yaml:5: duplicate key 'title' (first at line 4): keep one"],
            id="duplicate-key",
        ),
        pytest.param(
            EVENT.replace("    title: A test\n", "    titel: A test\n"),
            [
                "x.yaml:2: event 'test-2016': missing required field 'title' (one line)",
                "x.yaml:4: event 'test-2016': unknown field 'titel' (did you mean 'title'?); an event has: "
                "id, date, until, reported, title, summary, tags, countries, places, landmark, notes, sources",
            ],
            id="unknown-field",
        ),
        pytest.param(
            EVENT.replace("date: 2016-01-06", "date: 2023-02-30"),
            [
                "x.yaml:3: event 'test-2016': 'date': '2023-02-30' is not a real date: day 30 does not exist: "
                "February 2023 has 28 days"
            ],
            id="impossible-date",
        ),
        pytest.param(
            EVENT.replace("date: 2016-01-06", "date: 2016-13"),
            ["x.yaml:3: event 'test-2016': 'date': '2016-13' is not a real date: month 13 does not exist"],
            id="month-13",
        ),
        pytest.param(
            EVENT.replace("date: 2016-01-06", 'date: "0000"'),
            ["x.yaml:3: event 'test-2016': 'date': '0000' is not a real date: year 0 is out of range 1-9999"],
            id="year-0",
        ),
        pytest.param(
            EVENT.replace("date: 2016-01-06", "date: 10/02/2016"),
            ["x.yaml:3: event 'test-2016': 'date': '10/02/2016' is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD"],
            id="slashed-date",
        ),
        pytest.param(
            EVENT.replace("date: 2016-01-06", "date: Feb 2016"),
            ["x.yaml:3: event 'test-2016': 'date': 'Feb 2016' is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD"],
            id="worded-date",
        ),
        pytest.param(
            EVENT.replace("date: 2016-01-06", "date: 2016-01-06 10:00:00"),
            [
                "x.yaml:3: event 'test-2016': 'date': '2016-01-06 10:00:00' is not a date: "
                "expected YYYY, YYYY-MM or YYYY-MM-DD"
            ],
            id="timestamp",
        ),
        pytest.param(
            EVENT.replace("date: 2016-01-06", "date: 2016-01-06\n    until: 2016-01-05"),
            ["x.yaml:4: event 'test-2016': 'until' (2016-01-05) is before 'date' (2016-01-06)"],
            id="until-before-date",
        ),
        pytest.param(
            EVENT.replace("date: 2016-01-06", "date: 2016-01\n    until: 2016-01-20"),
            ["x.yaml:4: event 'test-2016': 'until' (2016-01-20) is before 'date' (2016-01)"],
            id="until-inside-date",
        ),
        pytest.param(
            EVENT.replace("tags: [nuclear]", "tags: [nucelar]"),
            [
                "x.yaml:6: event 'test-2016': 'tags': unknown tag 'nucelar' (did you mean 'nuclear'?); "
                "tags are declared under 'tags'"
            ],
            id="undeclared-tag",
        ),
        pytest.param(
            EVENT.replace("countries: [KP]", "countries: [KP, JP]"),
            [
                "x.yaml:7: event 'test-2016': 'countries': unknown country 'JP'; countries are declared under 'countries'"
            ],
            id="undeclared-country",
        ),
        pytest.param(
            EVENT.replace("countries: [KP]", "countries: [kp]"),
            [
                "x.yaml:7: event 'test-2016': 'countries': 'kp' is not a country code: codes are 2-8 upper-case "
                "letters (write 'KP')"
            ],
            id="lower-case-country",
        ),
        pytest.param(
            EVENT.replace("      - publisher: Test Press\n", "      - note: nothing\n"),
            [
                "x.yaml:9: event 'test-2016', source 1: missing required field 'publisher' "
                "(who published it: an agency, a newspaper, a government body)",
            ],
            id="source-without-publisher",
        ),
        pytest.param(
            EVENT.replace("        title: A report\n", ""),
            [
                "x.yaml:9: event 'test-2016', source 1: missing required field 'title' (the title or headline as published)"
            ],
            id="source-without-title",
        ),
        pytest.param(
            EVENT.replace(
                "    sources:\n      - publisher: Test Press\n        title: A report\n", "    sources: []\n"
            ),
            ["x.yaml:8: event 'test-2016': 'sources' needs at least 1 source"],
            id="no-source",
        ),
        pytest.param(
            EVENT.replace("tags: [nuclear]", "tags: nuclear"),
            ["x.yaml:6: event 'test-2016': 'tags': expected a list, got the text 'nuclear': write [nuclear]"],
            id="text-for-a-list",
        ),
        pytest.param(
            EVENT.replace("tags: [nuclear]", "tags: [nuclear, nuclear]"),
            ["x.yaml:6: event 'test-2016': 'tags': 'nuclear' is listed twice"],
            id="listed-twice",
        ),
        pytest.param(
            EVENT.replace("    title: A test\n", "    title: [A, test]\n"),
            ["x.yaml:4: event 'test-2016': 'title': expected text, got a list"],
            id="list-for-text",
        ),
        pytest.param(
            EVENT.replace("    title: A test\n", "    title: yes please\n    landmark: yes\n"),
            ["x.yaml:5: event 'test-2016': 'landmark': expected true or false, got the text 'yes'"],
            id="yes-is-not-a-boolean",
        ),
        pytest.param(
            EVENT.replace("    title: A test\n", "    title: true\n"),
            ["x.yaml:4: event 'test-2016': 'title': expected text, got true (a yes/no value; quote it if it is text)"],
            id="boolean-for-text",
        ),
        pytest.param(
            EVENT.replace("    title: A test\n", "    title:\n"),
            ["x.yaml:4: event 'test-2016': missing required field 'title' (one line)"],
            id="empty-required-field",
        ),
        pytest.param(
            EVENT.replace("    title: A test\n", '    title: "  "\n'),
            ["x.yaml:4: event 'test-2016': 'title': must not be empty"],
            id="blank-text",
        ),
        pytest.param(
            EVENT.replace("id: test-2016", "id: Test_2016"),
            [
                "x.yaml:2: event 'Test_2016': 'id': 'Test_2016' is not a valid id: use lower-case letters, digits and "
                "single hyphens (kaesong-closure-2016)"
            ],
            id="bad-id",
        ),
        pytest.param(
            EVENT.replace("        title: A report\n", "        title: A report\n        url: example.org/x\n"),
            [
                "x.yaml:11: event 'test-2016', source 1: 'url': 'example.org/x' is not a web address "
                "(http:// or https://, no spaces)"
            ],
            id="bad-url",
        ),
        pytest.param(
            EVENT + EVENT.replace("events:\n", ""),
            ["x.yaml:12: duplicate id 'test-2016': already declared at x.yaml:2"],
            id="duplicate-id-in-a-file",
        ),
        pytest.param(
            "events:\n  - just text\n",
            ["x.yaml:2: event: expected a mapping of fields, got the text 'just text'"],
            id="item-not-a-mapping",
        ),
        pytest.param(
            "events:\n  - id: bare-2016\n",
            [
                "x.yaml:2: event 'bare-2016': missing required field 'countries' (declared country codes)",
                "x.yaml:2: event 'bare-2016': missing required field 'date' "
                "(when it happened, as a local day in Korea, at the precision known)",
                "x.yaml:2: event 'bare-2016': missing required field 'sources' (at least one source)",
                "x.yaml:2: event 'bare-2016': missing required field 'summary' (what happened, in a few sentences)",
                "x.yaml:2: event 'bare-2016': missing required field 'tags' (declared tags)",
                "x.yaml:2: event 'bare-2016': missing required field 'title' (one line)",
            ],
            id="every-required-field-missing",
        ),
        pytest.param(
            "event:\n  - id: x\n",
            [
                "x.yaml:1: unknown top-level key 'event' (did you mean 'events'?); expected some of: "
                "countries, tags, glossary, relations, facts, events"
            ],
            id="unknown-top-level-key",
        ),
        pytest.param(
            "events: a list, surely\n",
            ["x.yaml:1: 'events' must be a list of events ('- ' items), not the text 'a list, surely'"],
            id="top-level-value-not-a-list",
        ),
        pytest.param(
            "- events\n",
            [
                "x.yaml:1: the top level must be a mapping with some of the keys countries, tags, glossary, relations, "
                "facts, events, not a list"
            ],
            id="top-level-not-a-mapping",
        ),
        pytest.param(
            "",
            [
                "x.yaml:1: the file is empty: expected a mapping with some of the keys countries, tags, glossary, "
                "relations, facts, events"
            ],
            id="empty-file",
        ),
        pytest.param(
            "# only a comment\n\n# and another\n",
            [
                "x.yaml:1: the file is empty: expected a mapping with some of the keys countries, tags, glossary, "
                "relations, facts, events"
            ],
            id="only-comments",
        ),
        pytest.param(
            "events: []\n---\nevents: []\n",
            ["x.yaml:2: a second YAML document ('---'): one document per file"],
            id="two-documents",
        ),
    ],
)
def test_a_bad_file_is_refused_with_each_problem_at_its_line(
    data_dir: Callable[..., Path], text: str, expected: list[str]
) -> None:
    assert sorted(check(data_dir, textwrap.dedent(text))) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "relations:\n  - country: KR\n    status: frosty\n    summary: S\n    sources: [{publisher: P, title: T}]\n",
            [
                "x.yaml:3: relation 'KR': 'status': 'frosty' is not a relation status (expected one of: hostile, "
                "adversarial, strained, limited, cordial, partner, ally)"
            ],
            id="status-off-the-scale",
        ),
        pytest.param(
            """
            relations:
              - country: KR
                status: hostile
                summary: S
                history:
                  - {date: 2018, status: cordial}
                  - {date: 1948, status: adversarial}
                  - {date: 2023, status: hostile}
                sources: [{publisher: P, title: T}]
            """,
            [
                "x.yaml:7: relation 'KR': history out of date order: 1948 comes after 2018; list the entries oldest first"
            ],
            id="history-out-of-order",
        ),
        pytest.param(
            """
            relations:
              - country: KR
                status: ally
                summary: S
                history:
                  - {date: 1948, status: adversarial}
                sources: [{publisher: P, title: T}]
            """,
            ["x.yaml:3: relation 'KR': 'status' is ally but the last history entry (1948) says adversarial"],
            id="status-not-the-last-entry",
        ),
        pytest.param(
            """
            relations:
              - country: KR
                status: adversarial
                summary: S
                history:
                  - {date: 1948, status: adversarial, event: no-such-event}
                sources: [{publisher: P, title: T}]
            """,
            ["x.yaml:6: relation 'KR', history entry 1: 'event': unknown event 'no-such-event'"],
            id="history-event-unknown",
        ),
        pytest.param(
            "relations:\n  - country: JP\n    status: hostile\n    summary: S\n    sources: [{publisher: P, title: T}]\n",
            ["x.yaml:2: relation 'JP': 'country': unknown country 'JP'; countries are declared under 'countries'"],
            id="relation-country-undeclared",
        ),
        pytest.param(
            "countries:\n  - {code: KP, name: Again}\n",
            ["x.yaml:2: duplicate country code 'KP': already declared at base.yaml:2"],
            id="country-declared-twice",
        ),
    ],
)
def test_relations_and_declarations_are_checked(data_dir: Callable[..., Path], text: str, expected: list[str]) -> None:
    assert check(data_dir, textwrap.dedent(text)) == expected


def test_a_duplicate_id_across_files_names_both(data_dir: Callable[..., Path]) -> None:
    directory = data_dir(base=BASE, a=EVENT, b=EVENT)
    assert problems(directory) == ["b.yaml:2: duplicate id 'test-2016': already declared at a.yaml:2"]


def test_ids_are_one_namespace_for_events_facts_and_glossary(data_dir: Callable[..., Path]) -> None:
    glossary = "glossary:\n  - {id: test-2016, term: T, variants: [V]}\n"
    assert problems(data_dir(base=BASE, a=EVENT, b=glossary)) == [
        "b.yaml:2: duplicate id 'test-2016': already declared at a.yaml:2"
    ]


def test_every_problem_of_every_file_is_reported_at_once(data_dir: Callable[..., Path]) -> None:
    directory = data_dir(
        base=BASE,
        a=EVENT.replace("date: 2016-01-06", "date: 2016-02-30"),
        b=EVENT.replace("test-2016", "other-2016").replace("[nuclear]", "[nope]"),
    )
    found = problems(directory)
    assert [p.split(":")[0] for p in found] == ["a.yaml", "b.yaml"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param(
            b"events:\n  - id: x\n    title: \xff\xfe\n",
            "x.yaml:3: not valid UTF-8 (byte 0xff): save the file as UTF-8",
            id="invalid-utf8",
        ),
        pytest.param(
            b"events: []\n\x00\n",
            "x.yaml:2: contains a NUL byte: expected UTF-8 text (is this a binary or UTF-16 file?)",
            id="nul-byte",
        ),
        pytest.param(
            b"events:\n  - title: 'unterminated\n",
            "x.yaml:2: YAML syntax error: the quoted text that starts "
            "here is never closed (found unexpected end of stream)",
            id="unterminated-quote",
        ),
        pytest.param(
            b"events:\n  - id: a\n   title: b\n",
            "x.yaml:3: YAML syntax error: did not find expected '-' "
            "indicator (while parsing a block collection at line 2)",
            id="bad-indentation",
        ),
        pytest.param(
            b"events:\n\t- id: a\n",
            "x.yaml:2: YAML syntax error: a tab character; YAML is indented with spaces only",
            id="tab",
        ),
        pytest.param(
            b"events:\n  - id: \x1b[2J\n",
            "x.yaml:2: control character U+001B is not allowed in YAML; write it "
            'as an escape ("\\x1b") inside double quotes if it is really meant',
            id="raw-escape",
        ),
        pytest.param(
            b"events: !!python/object/apply:os.system [echo hacked]\n",
            "x.yaml:1: YAML tag "
            "'tag:yaml.org,2002:python/object/apply:os.system' is not allowed: data files hold plain values "
            "only (quote the value if it is text)",
            id="python-tag",
        ),
        pytest.param(
            b"countries:\n  - &k {code: KZ, name: K}\n  - *k\n",
            "x.yaml:2: anchor '&k': anchors and aliases are not supported; write the value out",
            id="anchor",
        ),
        pytest.param(
            b"events: [" + b"[" * 100 + b"]" * 100 + b"]\n",
            "x.yaml:1: nested more than 32 levels deep: not a nkfacts data file",
            id="deep-nesting",
        ),
    ],
)
def test_unreadable_files_are_refused_with_their_line(
    data_dir: Callable[..., Path], content: bytes, expected: str
) -> None:
    assert problems(data_dir(base=BASE, x=content)) == [expected]


def test_an_alias_bomb_is_refused_at_once(data_dir: Callable[..., Path]) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
    started = time.perf_counter()
    found = problems(data_dir(x="\n".join(lines) + "\n"))
    assert time.perf_counter() - started < 5  # a generous bound: a bomb would take minutes and gigabytes
    assert found == ["x.yaml:1: anchor '&a': anchors and aliases are not supported; write the value out"]


def test_yaml_implicit_types_do_not_corrupt_data(data_dir: Callable[..., Path]) -> None:
    """NO stays Norway's code, 1e3 and 0x10 stay text, an unquoted year is a date."""
    text = EVENT.replace("countries: [KP]", "countries: [KP, NO]").replace("title: A test", "title: 0x10 1e3")
    text = text.replace("date: 2016-01-06", "date: 2016")
    dataset = load(bundled=False, data_dirs=[data_dir(base=BASE, x=text)])
    [event] = dataset.events
    assert event.countries == ("KP", "NO")
    assert event.title == "0x10 1e3"
    assert str(event.date) == "2016"
    assert [c.code for c in dataset.countries] == ["KP", "KR", "NO"]


@pytest.mark.parametrize(
    "transform",
    [
        pytest.param(lambda b: b"\xef\xbb\xbf" + b, id="byte-order-mark"),
        pytest.param(lambda b: b.replace(b"\n", b"\r\n"), id="crlf"),
        pytest.param(lambda b: b.replace(b"date: 2016-01-06", b"date: '2016-01-06'"), id="quoted-date"),
        pytest.param(lambda b: b.replace(b"title: A test", "title: 개성 공업 지구 P'yŏngyang".encode()), id="hangul"),
        pytest.param(lambda b: b.replace(b"title: A test", b"title: " + b"long " * 20000), id="long-text"),
    ],
)
def test_what_a_curator_means_is_accepted(data_dir: Callable[..., Path], transform: Callable[[bytes], bytes]) -> None:
    raw = transform(textwrap.dedent(EVENT).encode())
    [event] = load(bundled=False, data_dirs=[data_dir(base=BASE, x=raw)]).events
    assert event.id == "test-2016"
    assert event.title == transform(b"title: A test").decode("utf-8-sig").split("title: ", 1)[1].strip()


def test_a_missing_data_directory_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(DataError) as caught:
        load(bundled=False, data_dirs=[missing])
    assert [str(p) for p in caught.value.problems] == [
        f"{missing}: no such directory: --data-dir expects a directory of *.yaml files"
    ]


def test_a_file_given_as_a_data_directory_is_named(tmp_path: Path) -> None:
    afile = tmp_path / "events.yaml"
    afile.write_text("events: []\n")
    with pytest.raises(DataError) as caught:
        load(bundled=False, data_dirs=[afile])
    assert [str(p) for p in caught.value.problems] == [
        f"{afile}: not a directory: --data-dir expects a directory of *.yaml files"
    ]


def test_a_directory_named_like_a_data_file_is_named(data_dir: Callable[..., Path]) -> None:
    directory = data_dir(base=BASE)
    (directory / "sub.yaml").mkdir()
    assert problems(directory) == ["sub.yaml: is a directory, expected a YAML file"]


def test_a_symlink_loop_is_named(data_dir: Callable[..., Path], tmp_path: Path) -> None:
    directory = data_dir(base=BASE)
    (directory / "loop.yaml").symlink_to(directory / "loop.yaml")
    assert problems(directory) == ["loop.yaml: cannot read the file: Too many levels of symbolic links"]
    looped = tmp_path / "looped"
    looped.symlink_to(looped)
    with pytest.raises(DataError) as caught:
        load(bundled=False, data_dirs=[looped])
    assert str(caught.value.problems[0]).startswith(f"{looped}: ")


def test_the_test_data_set_loads_whole() -> None:
    dataset = load(bundled=False, data_dirs=[VALID])
    assert dataset.counts() == {"countries": 5, "tags": 4, "glossary": 2, "relations": 2, "facts": 1, "events": 7}
    kr = dataset.relation_by_country["KR"]
    assert str(kr.since) == "2023-11"  # from the last history entry
    assert [e.id for e in dataset.events][:2] == ["founding-1948", "somewhere-in-2016"]


def test_the_bundled_data_is_valid() -> None:
    dataset = load()
    assert all(dataset.counts().values())
