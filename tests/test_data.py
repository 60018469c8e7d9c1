"""The bundled data set: its size, its sources, its vocabulary, and every claim of the source article."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from nkfacts.dates import PartialDate
from nkfacts.load import load
from nkfacts.model import Dataset
from nkfacts.query import status_as_of, uses


@pytest.fixture(scope="module")
def data() -> Dataset:
    return load()


def test_the_sizes_of_the_curated_set(data: Dataset) -> None:
    assert len(data.events) >= 150
    assert sum(e.landmark for e in data.events) >= 40
    assert len(data.facts) >= 40 and len({f.topic for f in data.facts}) >= 8
    assert len(data.countries) >= 20
    assert len(data.glossary) >= 30
    assert len(data.relations) >= 12


def test_events_span_the_whole_history(data: Dataset) -> None:
    assert data.events[0].start.year <= 1945 and data.events[-1].start.year >= 2026
    decades = Counter(e.start.year // 10 for e in data.events)
    assert all(decades[d] >= 4 for d in range(194, 203)), decades


def test_every_record_carries_a_source(data: Dataset) -> None:
    for record in (*data.events, *data.facts, *data.relations, *data.glossary):
        assert record.sources, record
        assert all(s.publisher.strip() and s.title.strip() for s in record.sources)


def test_every_tag_makes_a_good_filter(data: Dataset) -> None:
    used, _ = uses(data)
    assert {t.id: used[t.id] for t in data.tags if used[t.id] < 3} == {}


def test_nothing_is_dated_after_today(data: Dataset) -> None:
    assert all(e.start <= dt.date.today() for e in data.events)


def test_event_ids_end_with_their_year(data: Dataset) -> None:
    assert [e.id for e in data.events if not e.id.endswith(str(e.date.year))] == ["famine-1990s"]


def test_history_entries_link_the_event_of_their_day(data: Dataset) -> None:
    """A change of status on the day of a recorded event of that country points at the event."""
    unlinked = [
        (r.country, str(h.date), e.id)
        for r in data.relations
        for h in r.history
        if h.event is None
        for e in data.events
        if r.country in e.countries and e.date == h.date
    ]
    assert unlinked == []


@pytest.mark.parametrize("code", ["CN", "RU", "KR", "US", "JP", "UN"])
def test_the_main_relations_have_full_dated_histories(data: Dataset, code: str) -> None:
    relation = data.relation_by_country[code]
    assert len(relation.history) >= 4
    assert relation.history[0].date.year <= 1960  # from the 1940s or the beginning of relations
    assert relation.history[-1].date.year >= 2023
    assert relation.points and relation.summary


def test_every_relation_has_a_summary_points_and_a_dated_entry(data: Dataset) -> None:
    for relation in data.relations:
        assert relation.summary and relation.points and relation.history, relation.country


@pytest.mark.parametrize("code", ["KR", "RU"])
def test_statuses_changed_between_mid_2018_and_the_end_of_2024(data: Dataset, code: str) -> None:
    relation = data.relation_by_country[code]
    before = status_as_of(relation, PartialDate.parse("2018-06-30"))
    after = status_as_of(relation, PartialDate.parse("2024-12-31"))
    assert before and after and before.status != after.status


ARTICLE_EVENTS = {
    # the munitions-factory inspections: visits on 11-12 August, KCNA report on the 14th
    "kim-munitions-factories-2023": ("2023-08-11", "2023-08-12", "2023-08-14"),
    "ulchi-freedom-shield-2023": ("2023-08-21", "2023-08-31", None),
    "nk-denounces-ufs-2023": ("2023-08-22", None, None),
    "us-accuses-nk-arms-to-russia-2023": ("2023-07-27", None, None),
    "typhoon-khanun-2023": ("2023-08-10", None, None),
    "kim-visits-flooded-areas-2023": ("2023-08", None, "2023-08-14"),
    "kaesong-closure-2016": ("2016-02-10", None, None),
}


@pytest.mark.parametrize(("event_id", "dates"), ARTICLE_EVENTS.items())
def test_every_dated_claim_of_the_article_is_present(
    data: Dataset, event_id: str, dates: tuple[str, str | None, str | None]
) -> None:
    event = {e.id: e for e in data.events}[event_id]
    written = (str(event.date), event.until and str(event.until), event.reported and str(event.reported))
    assert written == dates


def test_the_article_claims_are_worded_as_reported(data: Dataset) -> None:
    events = {e.id: e for e in data.events}
    factories = events["kim-munitions-factories-2023"]
    for claim in ("tactical missiles", "armoured vehicle", "multiple-rocket-launcher", "exponential", "drastically"):
        assert claim in factories.summary, claim
    assert "Ulchi Freedom Guardian" in (
        events["ulchi-freedom-shield-2023"].notes or ""
    )  # the article's name, corrected
    accusation = events["us-accuses-nk-arms-to-russia-2023"]
    assert "shells" in accusation.summary and "denied" in accusation.summary
    assert {"US", "KP", "RU"} <= set(accusation.countries)


@pytest.mark.parametrize(
    "fact_id",
    ["personality-cult", "restricted-internet", "kwangmyong-intranet", "kaesong-industrial-complex",
     "pyongyang-metro", "pyongyang-metro-museum", "mass-games"],
)  # fmt: skip
def test_every_fact_of_the_article_is_present(data: Dataset, fact_id: str) -> None:
    assert fact_id in {f.id for f in data.facts}


def test_the_kaesong_fact_says_where_who_and_when_it_closed(data: Dataset) -> None:
    fact = {f.id: f for f in data.facts}["kaesong-industrial-complex"]
    assert "DMZ" in fact.text and "2016" in fact.text and "South Korean" in fact.text


def test_the_relations_of_the_article_are_present(data: Dataset) -> None:
    assert {"CN", "RU", "KR", "US", "JP", "UN"} <= set(data.relation_by_country)
    assert "abduct" in data.relation_by_country["JP"].summary.lower() + " ".join(data.relation_by_country["JP"].points)
    assert (
        "armistice"
        in (data.relation_by_country["KR"].summary + " ".join(data.relation_by_country["KR"].points)).lower()
    )


def test_the_glossary_gives_each_term_hangul_and_romanisations(data: Dataset) -> None:
    def hangul(text: str) -> bool:
        return any("\uac00" <= ch <= "\ud7a3" for ch in text)

    without = [g.id for g in data.glossary if not any(hangul(v) for v in g.variants)]
    assert without == []
    terms = {g.id: g for g in data.glossary}
    assert {"Kaesŏng", "개성"} <= set(terms["kaesong"].variants)


@pytest.mark.parametrize(
    "spellings",
    [
        ["kaesong", "Gaeseong", "Kaesŏng", "개성"],
        ["kim jong-un", "Kim Jong Un", "김정은"],
        ["P'yŏngyang", "Pyongyang", "평양"],
    ],
)
def test_the_bundled_glossary_makes_every_spelling_find_the_same(data: Dataset, spellings: list[str]) -> None:
    from nkfacts.query import TextQuery, search

    found = [[(h.kind, h.key) for h in search(data, TextQuery.parse(s, data.glossary))] for s in spellings]
    assert found[0] and all(f == found[0] for f in found)
    if spellings[0] == "kaesong":
        assert ("fact", "kaesong-industrial-complex") in found[0] and ("event", "kaesong-closure-2016") in found[0]
