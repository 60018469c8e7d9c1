"""Typed, immutable records, and the field table that defines them.

The field table (``SPECS``) is the single description of the data format: the loader
checks files against it, ``nkfacts schema`` turns it into a JSON Schema, and the tests
hold the docs to it. No I/O here.
"""

# No "from __future__ import annotations" here: NamedTuple compiles every string annotation
# into a ForwardRef at import, which costs more start-up than all the rest of this module.

import datetime as dt
from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import Any, NamedTuple

from nkfacts.dates import PartialDate

__all__ = [
    "STATUSES",
    "status_began",
    "COUNTRY_TYPES",
    "KINDS",
    "Country",
    "Dataset",
    "Event",
    "Fact",
    "Field",
    "GlossaryTerm",
    "HistoryEntry",
    "Relation",
    "RecordSpec",
    "Source",
    "SPECS",
    "Tag",
]

# Coldest to warmest. The order is meaningful: it gives each change a direction.
STATUSES = ("hostile", "adversarial", "strained", "limited", "cordial", "partner", "ally")
COUNTRY_TYPES = ("state", "organisation")


class Source(NamedTuple):
    publisher: str
    title: str
    date: PartialDate | None = None
    url: str | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "publisher": self.publisher,
            "title": self.title,
            "date": _text(self.date),
            "url": self.url,
            "note": self.note,
        }

    def __str__(self) -> str:
        return f"{self.publisher}: {self.title}"


class Event(NamedTuple):
    id: str
    date: PartialDate
    title: str
    summary: str
    tags: tuple[str, ...]
    countries: tuple[str, ...]
    sources: tuple[Source, ...]
    until: PartialDate | None = None
    reported: PartialDate | None = None
    places: tuple[str, ...] = ()
    landmark: bool = False
    notes: str | None = None

    @property
    def start(self) -> dt.date:
        return self.date.start

    @property
    def end(self) -> dt.date:
        return (self.until or self.date).end

    @property
    def when(self) -> str:
        """The date as written, a span as ``START/UNTIL``."""
        return f"{self.date}/{self.until}" if self.until else str(self.date)

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        return self.start <= end and self.end >= start

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": str(self.date),
            "until": _text(self.until),
            "reported": _text(self.reported),
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "title": self.title,
            "summary": self.summary,
            "tags": list(self.tags),
            "countries": list(self.countries),
            "places": list(self.places),
            "landmark": self.landmark,
            "notes": self.notes,
            "sources": [s.to_dict() for s in self.sources],
        }


class Fact(NamedTuple):
    id: str
    topic: str
    title: str
    text: str
    sources: tuple[Source, ...]
    tags: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    as_of: PartialDate | None = None
    notes: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "topic": self.topic,
            "title": self.title,
            "text": self.text,
            "tags": list(self.tags),
            "countries": list(self.countries),
            "as_of": _text(self.as_of),
            "notes": self.notes,
            "sources": [s.to_dict() for s in self.sources],
        }


class HistoryEntry(NamedTuple):
    date: PartialDate
    status: str
    note: str | None = None
    event: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"date": str(self.date), "status": self.status, "note": self.note, "event": self.event}


class Relation(NamedTuple):
    country: str
    status: str
    summary: str
    sources: tuple[Source, ...]
    since: PartialDate | None = None
    points: tuple[str, ...] = ()
    history: tuple[HistoryEntry, ...] = ()  # oldest first
    notes: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "country": self.country,
            "status": self.status,
            "since": _text(self.since),
            "summary": self.summary,
            "points": list(self.points),
            "history": [h.to_dict() for h in self.history],
            "notes": self.notes,
            "sources": [s.to_dict() for s in self.sources],
        }


def status_began(history: Sequence[HistoryEntry]) -> HistoryEntry | None:
    """The last entry's status, dated from the first entry of the run that ends the history.

    Entries that repeat a status record events, not changes: they do not restart "since".
    """
    if not history:
        return None
    first = len(history) - 1
    while first > 0 and history[first - 1].status == history[-1].status:
        first -= 1
    return history[-1]._replace(date=history[first].date)


class Country(NamedTuple):
    code: str
    name: str
    aliases: tuple[str, ...] = ()
    type: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "aliases": list(self.aliases), "type": self.type}


class Tag(NamedTuple):
    id: str
    description: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "description": self.description}


class GlossaryTerm(NamedTuple):
    id: str
    term: str
    variants: tuple[str, ...]
    note: str | None = None
    sources: tuple[Source, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "term": self.term,
            "variants": list(self.variants),
            "note": self.note,
            "sources": [s.to_dict() for s in self.sources],
        }


def _text(value: object | None) -> str | None:
    return None if value is None else str(value)


# --- The field table -------------------------------------------------------------------


class Field(NamedTuple):
    """One field of a record as written in a data file.

    ``type`` names a value rule shared by the loader and the schema: ``text``, ``id``,
    ``code``, ``word``, ``date``, ``bool``, ``url``, ``status``, ``country-type``,
    ``tag-ref``, ``country-ref``, ``event-ref``, ``list`` (of ``item``) or ``records``
    (of ``record``).
    """

    name: str
    type: str
    required: bool
    doc: str
    item: str | None = None
    record: str | None = None
    min_items: int = 0


class RecordSpec(NamedTuple):
    kind: str  # singular, as in messages: "event"
    plural: str  # the top-level key: "events"
    cls: type
    key: str | None  # the field that names the record in messages
    fields: tuple[Field, ...]
    doc: str
    by_name: Mapping[str, Field]


def _spec(kind: str, plural: str, cls: type, key: str | None, fields: tuple[Field, ...], doc: str) -> RecordSpec:
    return RecordSpec(kind, plural, cls, key, fields, doc, {f.name: f for f in fields})


_SOURCE = _spec(
    "source",
    "sources",
    Source,
    None,
    (
        Field("publisher", "text", True, "Who published it: an agency, a newspaper, a government body."),
        Field("title", "text", True, "The title or headline as published."),
        Field("date", "date", False, "Publication date, at the precision known."),
        Field("url", "url", False, "Address of a page actually seen; never a guessed one."),
        Field("note", "text", False, "What the source supports, or a caveat."),
    ),
    "A published source that supports the record.",
)

_HISTORY = _spec(
    "history entry",
    "history",
    HistoryEntry,
    "date",
    (
        Field("date", "date", True, "When the relation changed."),
        Field("status", "status", True, "The status from that date on."),
        Field("note", "text", False, "What happened, in one sentence."),
        Field("event", "event-ref", False, "The id of the event behind the change."),
    ),
    "A dated change of a relation's status.",
)

_SOURCES = Field("sources", "records", True, "At least one source.", record="source", min_items=1)

SPECS: dict[str, RecordSpec] = {
    spec.kind: spec
    for spec in (
        _SOURCE,
        _HISTORY,
        _spec(
            "country",
            "countries",
            Country,
            "code",
            (
                Field(
                    "code",
                    "code",
                    True,
                    "ISO 3166-1 alpha-2 code, or a short upper-case code for an organisation (UN, EU, IAEA).",
                ),
                Field("name", "text", True, "Common English name."),
                Field("aliases", "list", False, "Other names, official names and old names.", item="text"),
                Field("type", "country-type", False, "state or organisation."),
            ),
            "A state or organisation, declared once and referred to by its code.",
        ),
        _spec(
            "tag",
            "tags",
            Tag,
            "id",
            (
                Field("id", "id", True, "The tag as written in records."),
                Field("description", "text", True, "What the tag covers."),
            ),
            "A tag, declared once and used by events and facts.",
        ),
        _spec(
            "glossary term",
            "glossary",
            GlossaryTerm,
            "id",
            (
                Field("id", "id", True, "Unique id."),
                Field("term", "text", True, "The usual English spelling."),
                Field(
                    "variants",
                    "list",
                    True,
                    "Other spellings: romanisations, the DPRK's own spelling, Hangul.",
                    item="text",
                    min_items=1,
                ),
                Field("note", "text", False, "What the term names, in one line."),
                Field("sources", "records", False, "Sources for the spellings.", record="source"),
            ),
            "A name or term with its spelling variants; searching for one variant finds the others.",
        ),
        _spec(
            "relation",
            "relations",
            Relation,
            "country",
            (
                Field(
                    "country", "country-ref", True, "The code of a declared country or organisation; one relation each."
                ),
                Field("status", "status", True, "Current status; with a history, the last entry's status."),
                Field("summary", "text", True, "The relation in one or two sentences."),
                Field(
                    "since",
                    "date",
                    False,
                    "Since when the status holds; defaults to when the history's last run of one status began.",
                ),
                Field("points", "list", False, "Key points, one line each.", item="text"),
                Field("history", "records", False, "Dated changes of status, oldest first.", record="history entry"),
                Field("notes", "text", False, "Curator's notes."),
                _SOURCES,
            ),
            "North Korea's relation with a state or organisation.",
        ),
        _spec(
            "fact",
            "facts",
            Fact,
            "id",
            (
                Field("id", "id", True, "Unique id."),
                Field("topic", "word", True, "One lower-case word, e.g. internet."),
                Field("title", "text", True, "One line."),
                Field("text", "text", True, "The fact in a few sentences."),
                Field("tags", "list", False, "Declared tags.", item="tag-ref"),
                Field("countries", "list", False, "Declared country codes.", item="country-ref"),
                Field("as_of", "date", False, "When the fact was last known to be true."),
                Field("notes", "text", False, "Curator's notes: corrections, disagreements between sources."),
                _SOURCES,
            ),
            "A standing fact about North Korea.",
        ),
        _spec(
            "event",
            "events",
            Event,
            "id",
            (
                Field("id", "id", True, "Unique id, e.g. kaesong-closure-2016."),
                Field("date", "date", True, "When it happened, as a local day in Korea, at the precision known."),
                Field("until", "date", False, "End of a span; not before date."),
                Field("reported", "date", False, "When a source first reported it, if different."),
                Field("title", "text", True, "One line."),
                Field("summary", "text", True, "What happened, in a few sentences."),
                Field("tags", "list", True, "Declared tags.", item="tag-ref", min_items=1),
                Field("countries", "list", True, "Declared country codes.", item="country-ref", min_items=1),
                Field("places", "list", False, "Places involved.", item="text"),
                Field("landmark", "bool", False, "A turning point of North Korea's history."),
                Field("notes", "text", False, "Curator's notes: corrections, disagreements between sources."),
                _SOURCES,
            ),
            "A dated event.",
        ),
    )
}

# The top-level keys of a data file, in the order they are loaded and exported.
KINDS = ("countries", "tags", "glossary", "relations", "facts", "events")
TOP_LEVEL = {spec.plural: spec for spec in SPECS.values() if spec.plural in KINDS}


class Dataset:
    """Everything loaded, checked and cross-referenced; events in date order."""

    def __init__(
        self,
        countries: tuple[Country, ...] = (),
        tags: tuple[Tag, ...] = (),
        glossary: tuple[GlossaryTerm, ...] = (),
        relations: tuple[Relation, ...] = (),
        facts: tuple[Fact, ...] = (),
        events: tuple[Event, ...] = (),
    ) -> None:
        self.countries, self.tags, self.glossary = countries, tags, glossary
        self.relations, self.facts, self.events = relations, facts, events

    def counts(self) -> dict[str, int]:
        return {kind: len(getattr(self, kind)) for kind in KINDS}

    @cached_property
    def country_by_code(self) -> dict[str, Country]:
        return {c.code: c for c in self.countries}

    @cached_property
    def relation_by_country(self) -> dict[str, Relation]:
        return {r.country: r for r in self.relations}
