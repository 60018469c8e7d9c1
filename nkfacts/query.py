"""Pure questions about a Dataset: filters, text matching, search, as-of status, counts.

Functions take records and return new lists; nothing here prints, reads files or mutates.
"""

# No __future__ annotations: NamedTuple would compile each string annotation at every start.
import datetime as dt
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from nkfacts.dates import PartialDate
from nkfacts.errors import Unknown, suggest
from nkfacts.model import (
    STATUSES,
    Country,
    Dataset,
    Event,
    Fact,
    GlossaryTerm,
    HistoryEntry,
    Relation,
    Tag,
    status_began,
)

__all__ = [
    "Hit",
    "TextQuery",
    "count_events",
    "direction",
    "entry_at",
    "events_of",
    "facts",
    "find_record",
    "fold",
    "latest_event",
    "on_this_day",
    "resolve_country",
    "resolve_tag",
    "search",
    "since_last",
    "suggest",
    "status_as_of",
    "status_began",
    "timeline",
    "uses",
]

# Apostrophes of every kind vanish like spaces and hyphens: P'yŏngyang == Pyongyang.
_FOLD_CACHE: dict[str, str] = {}


def fold(text: str) -> str:
    """Text reduced to what matching compares: no case, accents, punctuation or spacing.

    ``Kim Jong-un``, ``kim jong un`` and ``KIM JONGUN`` all fold to ``kimjongun``;
    ``P'yŏngyang`` folds to ``pyongyang``. Hangul is kept (as its decomposed letters).
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed.casefold() if ch.isalnum() and not unicodedata.combining(ch))


# --- Text queries ----------------------------------------------------------------------


class TextQuery(NamedTuple):
    """A text query as groups of alternatives: every group must match some field.

    Words are grouped where a run of them names a glossary term or a variant, and the
    group then matches any spelling of that term: ``gaeseong`` finds ``Kaesong``.
    """

    text: str
    groups: tuple[frozenset[str], ...]

    @classmethod
    def parse(cls, text: str, glossary: Sequence[GlossaryTerm] = ()) -> "TextQuery":
        spellings = _spellings(glossary)
        words = [w for w in (fold(part) for part in text.split()) if w]
        groups: list[frozenset[str]] = []
        i = 0
        while i < len(words):
            # the longest run of words starting here that is a known spelling
            for j in range(len(words), i, -1):
                joined = "".join(words[i:j])
                if joined in spellings:
                    groups.append(spellings[joined])
                    i = j
                    break
            else:
                groups.append(frozenset((words[i],)))
                i += 1
        return cls(text, tuple(groups))

    def __bool__(self) -> bool:
        return bool(self.groups)

    def score(self, weighted: Iterable[tuple[int, str]]) -> int:
        """0 if some group matches no field; else the sum of each group's best field weight."""
        folded = [(weight, fold(text)) for weight, text in weighted if text]
        total = 0
        for group in self.groups:
            best = max((w for w, f in folded if any(alt in f for alt in group)), default=0)
            if not best:
                return 0
            total += best
        return total


def _spellings(glossary: Sequence[GlossaryTerm]) -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for term in glossary:
        names = {fold(n) for n in (term.term, *term.variants)} - {""}
        for name in names:
            index.setdefault(name, set()).update(names)
    return {name: frozenset(names) for name, names in index.items()}


# Weights: a match in a title or a name outranks one in a summary, which outranks the rest.
TITLE, BODY, OTHER = 3, 2, 1


def _country_names(dataset: Dataset, codes: Iterable[str]) -> list[tuple[int, str]]:
    names: list[tuple[int, str]] = []
    for code in codes:
        country = dataset.country_by_code.get(code)
        if country:
            names += [(OTHER, country.name), *((OTHER, a) for a in country.aliases)]
    return names


def event_fields(dataset: Dataset, event: Event) -> list[tuple[int, str]]:
    return [
        (TITLE, event.title),
        (BODY, event.summary),
        *((OTHER, p) for p in event.places),
        (OTHER, event.notes or ""),
        *((OTHER, t) for t in event.tags),
        *_country_names(dataset, event.countries),
    ]


def fact_fields(dataset: Dataset, fact: Fact) -> list[tuple[int, str]]:
    return [
        (TITLE, fact.title),
        (BODY, fact.text),
        (OTHER, fact.topic),
        (OTHER, fact.notes or ""),
        *((OTHER, t) for t in fact.tags),
        *_country_names(dataset, fact.countries),
    ]


def relation_fields(dataset: Dataset, relation: Relation) -> list[tuple[int, str]]:
    country = dataset.country_by_code.get(relation.country)
    names = [country.name, *country.aliases] if country else [relation.country]
    return [
        *((TITLE, n) for n in names),
        (BODY, relation.summary),
        *((OTHER, p) for p in relation.points),
        *((OTHER, h.note or "") for h in relation.history),
        (OTHER, relation.notes or ""),
    ]


def country_fields(country: Country) -> list[tuple[int, str]]:
    return [(TITLE, country.name), (TITLE, country.code), *((BODY, a) for a in country.aliases)]


def glossary_fields(term: GlossaryTerm) -> list[tuple[int, str]]:
    return [(TITLE, term.term), *((BODY, v) for v in term.variants), (OTHER, term.note or "")]


# --- Names -------------------------------------------------------------------------------


def resolve_country(dataset: Dataset, name: str) -> Country:
    """A country by code, name or alias, ignoring case and accents; Unknown otherwise."""
    wanted = fold(name)
    names: dict[str, Country] = {}
    for country in dataset.countries:
        for label in (country.code, country.name, *country.aliases):
            names.setdefault(fold(label), country)
    if wanted in names:
        return names[wanted]
    close = suggest(wanted, names, count=3, cutoff=0.75)
    suggestions = list(dict.fromkeys(names[c].name for c in close))
    raise Unknown("country", name, suggestions)


def resolve_tag(dataset: Dataset, name: str) -> Tag:
    wanted = name.strip().lower()
    for tag in dataset.tags:
        if tag.id == wanted:
            return tag
    raise Unknown("tag", name, suggest(wanted, [t.id for t in dataset.tags], count=3))


# --- Events ------------------------------------------------------------------------------


def timeline(
    dataset: Dataset,
    *,
    start: PartialDate | None = None,
    end: PartialDate | None = None,
    tags: Iterable[str] = (),
    countries: Iterable[str] = (),
    landmarks: bool = False,
    text: TextQuery | None = None,
    reverse: bool = False,
    limit: int | None = None,
) -> list[Event]:
    """Events in date order that pass every filter.

    ``start`` keeps what ends on or after its first day, ``end`` what starts on or before
    its last day, so a partial date keeps every event whose days overlap it. A repeated
    tag or country matches any of them. ``limit`` applies after ordering.
    """
    tag_set, country_set = frozenset(tags), frozenset(countries)
    first = start.start if start else dt.date.min
    last = end.end if end else dt.date.max
    found = [
        e
        for e in dataset.events
        if e.overlaps(first, last)
        and (not tag_set or not tag_set.isdisjoint(e.tags))
        and (not country_set or not country_set.isdisjoint(e.countries))
        and (not landmarks or e.landmark)
        and (not text or text.score(event_fields(dataset, e)) > 0)
    ]
    if reverse:
        found.reverse()
    return found if limit is None else found[:limit]


def events_of(dataset: Dataset, code: str) -> list[Event]:
    """Events that involve a country, newest first."""
    return [e for e in reversed(dataset.events) if code in e.countries]


def latest_event(dataset: Dataset, code: str) -> Event | None:
    return next(iter(events_of(dataset, code)), None)


def on_this_day(dataset: Dataset, month: int, day: int) -> list[Event]:
    """Events dated to the day with this month and day, oldest first."""
    return [e for e in dataset.events if e.date.day == day and e.date.month == month]


def nearest_days(dataset: Dataset, month: int, day: int) -> list[tuple[int, int]]:
    """The nearest (month, day) before and after this one, round the year, that have events."""
    ordinal = dt.date(2000, month, day).toordinal()  # 2000 is a leap year: 29 February exists
    days = {(e.date.month, e.date.day) for e in dataset.events if e.date.day}
    offsets = {(dt.date(2000, m, d).toordinal() - ordinal) % 366: (m, d) for m, d in days}
    offsets.pop(0, None)
    if not offsets:
        return []
    after, before = offsets[min(offsets)], offsets[max(offsets)]
    return [before] if before == after else [before, after]


def since_last(dataset: Dataset, tag: str, today: dt.date) -> tuple[Event, int] | None:
    """The latest event with the tag that started on or before today, and days since its end."""
    for event in reversed(dataset.events):
        if tag in event.tags and event.start <= today:
            return event, max((today - event.end).days, 0)
    return None


def count_events(dataset: Dataset, by: str, events: Sequence[Event] | None = None) -> list[tuple[str, int]]:
    """Counts per year, decade, tag or country; each event once per bucket, by its start."""
    events = dataset.events if events is None else events
    counts: Counter[str] = Counter()
    for event in events:
        if by == "year":
            counts[str(event.start.year)] += 1
        elif by == "decade":
            counts[f"{event.start.year // 10 * 10}s"] += 1
        elif by == "tag":
            counts.update(event.tags)
        elif by == "country":
            counts.update(event.countries)
        else:
            raise ValueError(f"cannot count by {by!r}")
    if by in ("year", "decade"):
        return sorted(counts.items())
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def uses(dataset: Dataset) -> tuple[Counter[str], Counter[str]]:
    """How many events and facts use each tag, and each country code."""
    tags: Counter[str] = Counter()
    countries: Counter[str] = Counter()
    records: list[Event | Fact] = [*dataset.events, *dataset.facts]
    for record in records:
        tags.update(record.tags)
        countries.update(record.countries)
    return tags, countries


# --- Relations ---------------------------------------------------------------------------


def status_as_of(relation: Relation, when: PartialDate) -> HistoryEntry | None:
    """The status in force at ``when``, dated from when it began.

    That is the last history entry starting on or before the end of ``when``, with the
    date of the first entry of its run: entries that repeat a status do not restart it.
    """
    count = sum(1 for entry in relation.history if entry.date.start <= when.end)
    return status_began(relation.history[:count])


def entry_at(relation: Relation, when: PartialDate | None) -> HistoryEntry | None:
    """The status in force at ``when`` as a dated entry; None if there was none yet.

    Without a date, the current status since ``since`` (None if the curator gave no date).
    """
    if when is not None:
        return status_as_of(relation, when)
    return HistoryEntry(relation.since, relation.status) if relation.since else None


def direction(before: str | None, after: str) -> str:
    """'warmer', 'colder', 'same' or 'start' for a change of status."""
    if before is None:
        return "start"
    change = STATUSES.index(after) - STATUSES.index(before)
    return "warmer" if change > 0 else "colder" if change < 0 else "same"


# --- Facts, records, search --------------------------------------------------------------


def facts(
    dataset: Dataset,
    *,
    topic: str | None = None,
    tags: Iterable[str] = (),
    countries: Iterable[str] = (),
    text: TextQuery | None = None,
) -> list[Fact]:
    tag_set, country_set = frozenset(tags), frozenset(countries)
    return [
        f
        for f in dataset.facts
        if (topic is None or f.topic == topic)
        and (not tag_set or not tag_set.isdisjoint(f.tags))
        and (not country_set or not country_set.isdisjoint(f.countries))
        and (not text or text.score(fact_fields(dataset, f)) > 0)
    ]


class Hit(NamedTuple):
    kind: str  # event, fact, relation, country, glossary
    key: str  # the id, or the country code
    title: str
    score: int
    record: Any


_KIND_ORDER = {"relation": 0, "country": 1, "glossary": 2, "fact": 3, "event": 4}


def search(dataset: Dataset, query: TextQuery) -> list[Hit]:
    """Every kind of record that matches, best first: title matches before summary matches."""
    hits: list[Hit] = []

    def consider(kind: str, key: str, title: str, fields: list[tuple[int, str]], record: Any) -> None:
        score = query.score(fields)
        if score:
            hits.append(Hit(kind, key, title, score, record))

    for e in dataset.events:
        consider("event", e.id, e.title, event_fields(dataset, e), e)
    for f in dataset.facts:
        consider("fact", f.id, f.title, fact_fields(dataset, f), f)
    for r in dataset.relations:
        name = dataset.country_by_code[r.country].name if r.country in dataset.country_by_code else r.country
        consider("relation", r.country, f"North Korea and {name}", relation_fields(dataset, r), r)
    for c in dataset.countries:
        consider("country", c.code, c.name, country_fields(c), c)
    for g in dataset.glossary:
        consider("glossary", g.id, g.term, glossary_fields(g), g)
    # Best score first; among equals, the kinds that summarise before the events, newest events first.
    hits.sort(key=lambda h: (-h.score, _KIND_ORDER[h.kind], _newest_first(h)))
    return hits


def _newest_first(hit: Hit) -> tuple[int, str]:
    if isinstance(hit.record, Event):
        return (-hit.record.start.toordinal(), hit.key)
    return (0, hit.title)


def event_date(dataset: Dataset, event_id: str, *, end: bool = False) -> PartialDate:
    """The date of the event with this id, or with ``end`` the date it ended (its ``until``)."""
    for event in dataset.events:
        if event.id == event_id:
            return (event.until or event.date) if end else event.date
    raise Unknown("event", event_id, suggest(event_id, [e.id for e in dataset.events], count=2))


def find_record(dataset: Dataset, key: str) -> tuple[str, Any]:
    """An event, fact or glossary term by id, or a country by code; Unknown otherwise."""
    for kind, records in (("event", dataset.events), ("fact", dataset.facts), ("glossary", dataset.glossary)):
        for record in records:
            if record.id == key:
                return kind, record
    country = dataset.country_by_code.get(key.upper())
    if country:
        return "country", country
    with_ids: list[Event | Fact | GlossaryTerm] = [*dataset.events, *dataset.facts, *dataset.glossary]
    known = [r.id for r in with_ids] + list(dataset.country_by_code)
    raise Unknown("id", key, suggest(key, known, count=3))
