"""Filter semantics over partial dates, names and text."""

from __future__ import annotations

import pytest
from helpers import VALID
from hypothesis import given
from hypothesis import strategies as st

from nkfacts.dates import PartialDate
from nkfacts.errors import Unknown
from nkfacts.load import load
from nkfacts.model import Dataset
from nkfacts.query import TextQuery, fold, resolve_country, resolve_tag, timeline


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load(bundled=False, data_dirs=[VALID])


def ids(events: list) -> list[str]:
    return [e.id for e in events]


def test_no_filter_gives_every_event_in_date_order(dataset: Dataset) -> None:
    assert ids(timeline(dataset)) == [
        "founding-1948",
        "somewhere-in-2016",
        "nuclear-test-2016",
        "kaesong-closure-2016",
        "march-2016",
        "summit-2018",
        "drills-2023",
    ]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        # every event whose days overlap January-February 2016, the one dated just 2016 included
        ("2016-01", "2016-02", ["somewhere-in-2016", "nuclear-test-2016", "kaesong-closure-2016"]),
        ("2016-02-11", "2016-02-28", ["somewhere-in-2016"]),
        ("2016-03-31", None, ["somewhere-in-2016", "march-2016", "summit-2018", "drills-2023"]),
        (None, "1948", ["founding-1948"]),
        # a span counts on every one of its days
        ("2023-08-31", "2023-08-31", ["drills-2023"]),
        ("2023-09", None, []),
    ],
)
def test_from_and_to_keep_what_overlaps(
    dataset: Dataset, start: str | None, end: str | None, expected: list[str]
) -> None:
    found = timeline(dataset, start=start and PartialDate.parse(start), end=end and PartialDate.parse(end))
    assert ids(found) == expected


def test_filters_combine_with_and_and_repeats_with_or(dataset: Dataset) -> None:
    assert ids(timeline(dataset, tags=["economy"], countries=["US"])) == ["march-2016"]
    assert ids(timeline(dataset, tags=["nuclear", "exercises"])) == [
        "founding-1948",
        "nuclear-test-2016",
        "drills-2023",
    ]
    assert ids(timeline(dataset, landmarks=True)) == ["founding-1948", "nuclear-test-2016"]


def test_reverse_then_limit_gives_the_latest(dataset: Dataset) -> None:
    assert ids(timeline(dataset, reverse=True, limit=2)) == ["drills-2023", "summit-2018"]
    assert ids(timeline(dataset, limit=1)) == ["founding-1948"]


@pytest.mark.parametrize("name", ["US", "us", "United States", "united states", "USA", "america", "United-States"])
def test_a_country_is_found_by_code_name_or_alias(dataset: Dataset, name: str) -> None:
    assert resolve_country(dataset, name).code == "US"


def test_an_unknown_country_suggests_the_nearest(dataset: Dataset) -> None:
    with pytest.raises(Unknown) as caught:
        resolve_country(dataset, "Sout Korea")
    assert str(caught.value) == "unknown country 'Sout Korea' (did you mean 'South Korea'?)"
    with pytest.raises(Unknown) as caught:
        resolve_country(dataset, "narnia")
    assert str(caught.value) == "unknown country 'narnia'"


def test_an_unknown_tag_suggests_the_nearest(dataset: Dataset) -> None:
    assert resolve_tag(dataset, "Nuclear").id == "nuclear"
    with pytest.raises(Unknown) as caught:
        resolve_tag(dataset, "economic")
    assert str(caught.value) == "unknown tag 'economic' (did you mean 'economy'?)"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kaesong", ["kaesong-closure-2016"]),
        ("Gaeseong", ["kaesong-closure-2016"]),  # a glossary variant finds the usual spelling
        ("개성", ["kaesong-closure-2016"]),
        ("kim jong un", ["summit-2018"]),
        ("Kim Chŏng-ŭn", ["summit-2018"]),
        ("punggye ri", ["nuclear-test-2016"]),  # places count
        ("norway", ["somewhere-in-2016"]),  # country names count
        ("guardian", ["drills-2023"]),  # notes count
        ("drills panmunjom", []),  # every word must match
    ],
)
def test_text_matches_any_spelling(dataset: Dataset, text: str, expected: list[str]) -> None:
    assert ids(timeline(dataset, text=TextQuery.parse(text, dataset.glossary))) == expected


@given(st.text())
def test_folding_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(st.text())
def test_a_query_matches_the_text_it_was_made_from(text: str) -> None:
    words = TextQuery.parse(text)
    if words:  # a query of only spaces and punctuation asks for nothing
        assert words.score([(1, text)]) == len(words.groups)


# What people type: Latin letters with McCune-Reischauer breves and accents, digits, Hangul.
TYPED = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ŏŭŎŬéÉ개성평양 -'’"


@given(st.text(alphabet=TYPED))
def test_case_accents_hyphens_apostrophes_and_spacing_do_not_matter(text: str) -> None:
    variant = text.upper().replace(" ", "").replace("-", " ").replace("Ŏ", "O").replace("Ŭ", "U").replace("'", "")
    assert fold(variant) == fold(text)


@pytest.mark.parametrize(
    ("name", "choices", "count", "expected"),
    [
        ("allied", ["hostile", "limited", "ally"], 1, ["ally"]),  # the same start beats a closer spelling
        ("nucelar", ["nuclear", "missile"], 1, ["nuclear"]),  # a typo still finds its word
        ("kim-jong", ["kim-jong-il-death-2011", "kim-jong-un", "kim-jong-il"], 2, ["kim-jong-un", "kim-jong-il"]),
        ("narnia", ["north-korea", "south-korea"], 1, []),
    ],
)
def test_suggestions_prefer_names_that_start_the_same(
    name: str, choices: list[str], count: int, expected: list[str]
) -> None:
    from nkfacts.errors import suggest

    assert suggest(name, choices, count=count) == expected
