"""What each listing writes: its rows (the JSON shape) and the CSV/Markdown columns.

Rows are plain dicts built from the records' ``to_dict()``; the table renderers read the
same keys, so every format agrees. The column lists are a public contract (see
docs/data-format.md): add at the end, never reorder, and change the golden files in
tests/golden/ on purpose.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from nkfacts import query
from nkfacts.dates import PartialDate
from nkfacts.formats import Column, columns
from nkfacts.model import STATUSES, Dataset, Event, Fact, Relation

__all__ = [
    "COUNTRY_COLUMNS",
    "EVENT_COLUMNS",
    "EXPORT_COLUMNS",
    "FACT_COLUMNS",
    "GLOSSARY_COLUMNS",
    "RELATION_COLUMNS",
    "SEARCH_COLUMNS",
    "TAG_COLUMNS",
    "country_rows",
    "links",
    "relation_card",
    "relation_rows",
    "search_rows",
    "stats_columns",
    "tag_rows",
]

Row = dict[str, Any]


def _when(row: Row) -> Any:
    return f"{row['date']}/{row['until']}" if row.get("until") else row["date"]


EVENT_COLUMNS = columns(
    "id", "date", "start", "end", "title", "summary", "tags", "countries", "places", "landmark", "sources",
    "reported", "notes",
    date=_when,
)  # fmt: skip
FACT_COLUMNS = columns("id", "topic", "title", "text", "tags", "countries", "as_of", "notes", "sources")
RELATION_COLUMNS = columns(
    "country", "name", "status", "since", "summary", "latest_event", "points", "history", "notes", "sources"
)
TAG_COLUMNS = columns("id", "description", "count")
COUNTRY_COLUMNS = columns("code", "name", "type", "count", "aliases")
GLOSSARY_COLUMNS = columns("id", "term", "variants", "note", "sources")
SEARCH_COLUMNS = columns("kind", "id", "title", "date", "score")
EXPORT_COLUMNS: dict[str, tuple[Column, ...]] = {
    "events": EVENT_COLUMNS,
    "facts": FACT_COLUMNS,
    "relations": columns("country", "name", "status", "since", "summary", "points", "history", "notes", "sources"),
    "countries": columns("code", "name", "type", "aliases"),
    "tags": columns("id", "description"),
    "glossary": GLOSSARY_COLUMNS,
}


# The name of one record of each kind, as search results and JSON lines of 'export all' give it.
KIND_NAMES = {
    "events": "event",
    "facts": "fact",
    "relations": "relation",
    "countries": "country",
    "tags": "tag",
    "glossary": "glossary",
}


def stats_columns(by: str) -> tuple[Column, ...]:
    return columns(by, "count")


def export_rows(dataset: Dataset, kind: str) -> list[Row]:
    """Every record of a kind, every field; relations with their country's name."""
    if kind == "relations":
        return [_with_name(dataset, r, r.to_dict()) for r in dataset.relations]
    return [r.to_dict() for r in getattr(dataset, kind)]


def _with_name(dataset: Dataset, relation: Relation, row: Row) -> Row:
    country = dataset.country_by_code.get(relation.country)
    return {"country": relation.country, "name": country.name if country else relation.country, **row}


# --- Relations ---------------------------------------------------------------------------


def relation_rows(dataset: Dataset, as_of: PartialDate | None = None, statuses: set[str] | None = None) -> list[Row]:
    """The relations table, as it stood at ``as_of`` (status None: no relations yet)."""
    rows = []
    for relation in dataset.relations:
        row = _relation_row(dataset, relation, as_of)
        if statuses is None or row["status"] in statuses:
            rows.append(row)
    # Warmest first, as a reader scans for allies and adversaries; unknown last.
    return sorted(rows, key=lambda r: (-STATUSES.index(r["status"]) if r["status"] else 1, r["name"]))


def _relation_row(dataset: Dataset, relation: Relation, as_of: PartialDate | None) -> Row:
    entry = query.entry_at(relation, as_of)
    row = _with_name(dataset, relation, relation.to_dict())
    history = [h for h in relation.history if as_of is None or h.date.start <= as_of.end]
    events = _events_until(dataset, relation.country, as_of)
    row.update(
        status=entry.status if entry else None,
        since=str(entry.date) if entry else None,
        history=[h.to_dict() for h in history],
        latest_event=str(events[0].date) if events else None,
    )
    if as_of is None and entry is None:
        row["status"] = relation.status  # undated, but the curator's current status stands
    return {k: row[k] for k in ("country", "name", "status", "since", "summary", "latest_event", "points",
                                "history", "notes", "sources")}  # fmt: skip


def _events_until(dataset: Dataset, code: str, as_of: PartialDate | None) -> list[Event]:
    events = query.events_of(dataset, code)
    return events if as_of is None else [e for e in events if e.start <= as_of.end]


def relation_card(dataset: Dataset, relation: Relation, as_of: PartialDate | None = None) -> Row:
    """One relation with its name, history (with each change's direction) and related events, newest first."""
    row = _relation_row(dataset, relation, as_of)
    previous = None
    for item in row["history"]:
        item["change"] = query.direction(previous, item["status"])
        previous = item["status"]
    row["as_of"] = str(as_of) if as_of else None
    row["events"] = [e.to_dict() for e in _events_until(dataset, relation.country, as_of)]
    return row


# --- Vocabularies, search, links -----------------------------------------------------------


def tag_rows(dataset: Dataset) -> list[Row]:
    used, _ = query.uses(dataset)
    return [{**t.to_dict(), "count": used[t.id]} for t in dataset.tags]


def country_rows(dataset: Dataset) -> list[Row]:
    _, used = query.uses(dataset)
    return [{**c.to_dict(), "count": used[c.code]} for c in dataset.countries]


def search_rows(hits: list[query.Hit]) -> list[Row]:
    rows = []
    for hit in hits:
        record = hit.record.to_dict()
        date = hit.record.when if isinstance(hit.record, Event) else None
        rows.append({"kind": hit.kind, "id": hit.key, "title": hit.title, "date": date, "score": hit.score, **record})
    return rows


def links(dataset: Dataset, kind: str, record: Any) -> Row:
    """What links to a record: relations whose history cites an event, records sharing its tags."""
    if kind in ("event", "fact"):
        cited = [r.country for r in dataset.relations if any(h.event == record.id for h in r.history)]
        return {
            **({"relations": cited} if kind == "event" else {}),
            "facts": [f.id for f in _sharing(record, dataset.facts)],
            "events": [e.id for e in _sharing(record, dataset.events)],
        }
    if kind == "glossary":
        hits = query.search(dataset, query.TextQuery.parse(record.term, dataset.glossary))
        return {"records": [{"kind": h.kind, "id": h.key} for h in hits if h.kind != "glossary"][:10]}
    return {}


def _sharing(record: Event | Fact, candidates: Sequence[Any], count: int = 5) -> list[Any]:
    """Records that share at least two tags, countries (North Korea, on nearly all of them, does
    not count) or a fact's topic with ``record``: most shared first, then the nearest in time."""
    tags, countries = set(record.tags), set(record.countries) - {"KP"}
    start = record.start.toordinal() if isinstance(record, Event) else None
    scored = []
    for other in candidates:
        if other.id == record.id:
            continue
        shared = len(tags & set(other.tags)) + len(countries & set(other.countries))
        if isinstance(record, Fact) and isinstance(other, Fact) and other.topic == record.topic:
            shared += 1
        if shared >= 2:
            distance = abs(other.start.toordinal() - start) if start is not None and isinstance(other, Event) else 0
            scored.append((-shared, distance, other.id, other))
    return [item[-1] for item in sorted(scored, key=lambda s: s[:3])[:count]]


def record_row(dataset: Dataset, kind: str, record: Any) -> Row:
    """A record for ``show``: its fields, its kind, and what links to it."""
    if kind == "country":
        relation = dataset.relation_by_country.get(record.code)
        row = relation_card(dataset, relation) if relation else {**record.to_dict()}
        return {"kind": "relation" if relation else "country", **row}
    return {"kind": kind, **record.to_dict(), "links": links(dataset, kind, record)}
