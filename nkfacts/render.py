"""Rich renderables for people: tables, cards and bars. Builds them; prints nothing.

Data always enters as ``Text`` (never markup) and through ``clean``, so a title holding
``[bold]`` prints those characters, and no control or escape character reaches the terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from nkfacts.errors import printable
from nkfacts.model import Event, Source

__all__ = [
    "bars",
    "card",
    "clean",
    "countries_table",
    "events_table",
    "facts_table",
    "relation_card",
    "relations_table",
    "search_table",
    "tags_table",
]

Row = dict[str, Any]

_MONTH = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
NARROW = 60  # below this width, tables fold their side columns under the main one
WIDE = 100  # from this width, tables have room for a one-line summary


clean = printable  # every string of data goes through it before it becomes Text


def text(value: str, style: str = "") -> Text:
    return Text(clean(value), style=style)


def day_label(event: Event) -> str:
    """The date within its year, for a table grouped by year: '6 Jan', 'Feb', '21–31 Aug'."""
    start = _label(event.date.month, event.date.day) or str(event.date.year)
    if event.until is None:
        return start
    end = _label(event.until.month, event.until.day) or str(event.until.year)
    if event.until.year != event.date.year:
        return (
            f"{start} {event.date.year}–{end} {event.until.year}"
            if event.date.month
            else f"{event.date.year}–{event.until.year}"
        )
    if event.date.month == event.until.month and event.date.day and event.until.day:
        return f"{event.date.day}–{event.until.day} {_MONTH[event.date.month]}"
    return f"{start}–{end}"


def short_span(date: str, until: str | None) -> str:
    """A date, or a span in ISO 8601's short form, which leaves out what the end shares with
    the start: '2019-06-20/21', '2026-03-12/06-11', '2023/2024'."""
    if not until:
        return date
    start, end = date.split("-"), until.split("-")
    if len(start) == len(end):
        while len(end) > 1 and start[len(start) - len(end)] == end[0]:
            end = end[1:]
    return f"{date}/{'-'.join(end)}"


def _label(month: int, day: int) -> str:
    if not month:
        return ""
    return f"{day} {_MONTH[month]}" if day else _MONTH[month]


def source_line(source: Source | Row, *, url: bool = True) -> Text:
    """'Publisher: Title (date) url', from a record or its dict."""
    data = source.to_dict() if isinstance(source, Source) else source
    line = text(f"{data['publisher']}: {data['title']}")
    if data.get("date"):
        line.append(f" ({data['date']})")
    if url and data.get("url"):
        line.append(" ")
        line.append(clean(data["url"]), style="underline")
    return line


def tag_text(tags: Sequence[str]) -> Text:
    return text(", ".join(tags), style="cyan")


def events_table(events: Sequence[Event], *, width: int, sources: bool = False) -> RenderableType:
    """Events grouped by year: date, title, tags and countries; landmarks starred."""
    narrow = width < NARROW
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False)
    table.add_column("Date", no_wrap=True, style="dim")
    table.add_column("Event", ratio=1, overflow="fold")
    if not narrow:  # side columns stay modest so that titles keep the room
        table.add_column("Tags", max_width=24 if width >= WIDE else 16, overflow="fold")
        table.add_column("Countries", max_width=14 if width >= WIDE else 9, overflow="fold")
    year = None
    for event in events:
        if event.date.year != year:
            if year is not None:
                table.add_section()
            year = event.date.year
            table.add_row(Text(str(year), style="bold"), *([""] * (len(table.columns) - 1)))
        title = Text()
        if event.landmark:
            title.append("★ ", style="yellow")
        title.append_text(text(event.title, style="bold" if event.landmark else ""))
        lines: list[RenderableType] = [title]
        if narrow:
            lines.append(Text.assemble(tag_text(event.tags), "  ", text(" ".join(event.countries), style="dim")))
        if sources:
            lines += [Text.assemble("  ", source_line(s), style="dim") for s in event.sources]
        cells: list[RenderableType] = [Text(day_label(event)), Group(*lines) if len(lines) > 1 else title]
        if not narrow:
            cells += [tag_text(event.tags), text(" ".join(event.countries))]
        table.add_row(*cells)
    return table


# --- Relations -------------------------------------------------------------------------

STATUS_STYLE = {
    "hostile": "bold red",
    "adversarial": "red",
    "strained": "dark_orange",
    "limited": "yellow",
    "cordial": "cyan",
    "partner": "green",
    "ally": "bold green",
}
CHANGE_MARK = {"warmer": ("↑ warmer", "green"), "colder": ("↓ colder", "red"), "same": ("=", "dim"), "start": ("", "")}


def status_text(status: str | None) -> Text:
    if status is None:
        return Text("no relations yet", style="dim")
    return Text(status, style=STATUS_STYLE.get(status, ""))


def _table(width: int, *titles: str) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False)
    for title in titles:
        table.add_column(title)
    return table


def relations_table(rows: Sequence[Row], *, width: int) -> RenderableType:
    """Country, status (coloured on the scale), since, summary, latest event."""
    # One line per relation: the summary gets what room is left, cut short; the card has it whole.
    summary, latest = width >= WIDE, width >= NARROW
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False)
    table.add_column("Code", no_wrap=True, style="dim")
    table.add_column("Country", no_wrap=True, overflow="ellipsis", max_width=24, ratio=None if summary else 1)
    table.add_column("Status", no_wrap=True, min_width=11)
    table.add_column("Since", no_wrap=True, min_width=10, style="dim")
    if summary:
        table.add_column("Summary", ratio=1, no_wrap=True, overflow="ellipsis")
    if latest:
        table.add_column("Latest event", no_wrap=True, min_width=10, style="dim")
    for row in rows:
        cells: list[RenderableType] = [
            text(row["country"]),
            text(row["name"]),
            status_text(row["status"]),
            text(row["since"] or ""),
        ]
        if summary:
            cells.append(text(row["summary"]))
        if latest:
            cells.append(text(row["latest_event"] or ""))
        table.add_row(*cells)
    return table


def bullets(items: Sequence[RenderableType], mark: str = "•") -> Table:
    """A list with a hanging indent: wrapped lines start under the text, not under the mark."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    for item in items:
        grid.add_row(f"  {mark}", item)
    return grid


def relation_card(row: Row, *, width: int, events: int = 8) -> RenderableType:
    """A relation: status and since, summary, points, history with directions, recent events, sources."""
    parts: list[RenderableType] = []
    head = Text.assemble(("North Korea and ", "bold"), text(row["name"], style="bold"), "  ")
    head.append_text(status_text(row["status"]))
    if row["since"]:
        head.append(f" since {row['since']}", style="dim")
    if row.get("as_of"):
        head.append(f"  (as of {row['as_of']})", style="italic")
    parts += [head, Text(), text(row["summary"])]
    if row["points"]:
        parts += [Text(), Text("Key points", style="bold")]
        parts.append(bullets([text(point) for point in row["points"]]))
    if row["history"]:
        parts += [Text(), Text("History", style="bold")]
        history = Table(box=None, pad_edge=False, show_header=False, expand=True)
        history.add_column(no_wrap=True, style="dim")
        history.add_column(no_wrap=True)
        history.add_column(no_wrap=True)
        history.add_column(ratio=1, overflow="fold")
        for item in row["history"]:
            mark, style = CHANGE_MARK[item.get("change", "start")]
            history.add_row(
                "  " + item["date"], status_text(item["status"]), Text(mark, style=style), text(item["note"] or "")
            )
        parts.append(history)
    if row["events"]:
        shown = row["events"][:events]
        parts += [Text(), Text("Recent events", style="bold")]
        recent = Table(box=None, pad_edge=False, show_header=False, expand=True)
        recent.add_column(no_wrap=True, style="dim")
        recent.add_column(ratio=1, overflow="fold")
        for event in shown:
            recent.add_row("  " + short_span(event["date"], event["until"]), text(event["title"]))
        parts.append(recent)
        if len(row["events"]) > len(shown):
            parts.append(
                Text(
                    f"  ... {len(row['events']) - len(shown)} more: nkfacts timeline --country {row['country']}",
                    style="dim",
                )
            )
    parts += _sources(row["sources"])
    return Group(*parts)


def _sources(sources: Sequence[Row]) -> list[RenderableType]:
    if not sources:
        return []
    parts: list[RenderableType] = [Text(), Text("Sources", style="bold")]
    for source in sources:
        parts.append(bullets([source_line(source, url=False)], mark="-"))
        if source.get("url"):
            # on a line of its own, never folded: the terminal's own wrapping keeps it one
            # address that can be clicked or copied (cards are printed uncropped)
            parts.append(Text(f"    {clean(source['url'])}", style="underline", no_wrap=True, overflow="ignore"))
    return parts


# --- Other listings ----------------------------------------------------------------------


def facts_table(rows: Sequence[Row], *, width: int) -> RenderableType:
    """Facts grouped by topic: title and text, tags, as of."""
    narrow = width < NARROW
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False)
    table.add_column("Fact", ratio=1, overflow="fold")
    if not narrow:
        table.add_column("Tags", max_width=16, overflow="fold")
        table.add_column("As of", no_wrap=True, style="dim")
    topic = None
    for row in rows:
        if row["topic"] != topic:
            if topic is not None:
                table.add_section()
            topic = row["topic"]
            table.add_row(text(topic.replace("-", " ").capitalize(), style="bold"), *([""] * (len(table.columns) - 1)))
        body = Group(
            text(row["title"], style="bold"), text(row["text"], style=""), Text(f"id: {row['id']}", style="dim")
        )
        cells: list[RenderableType] = [body]
        if not narrow:
            cells += [tag_text(row["tags"]), text(row["as_of"] or "")]
        table.add_row(*cells)
    return table


def search_table(rows: Sequence[Row], *, width: int) -> RenderableType:
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False)
    table.add_column("Kind", no_wrap=True, style="dim")
    table.add_column("Title and id", ratio=1, overflow="fold")
    if width >= NARROW:
        table.add_column("Date", no_wrap=True, style="dim")
    for row in rows:
        title = Text.assemble(text(row["title"]), "\n", text(row["id"], style="cyan"))
        cells: list[RenderableType] = [Text(row["kind"]), title]
        if width >= NARROW:
            cells.append(text(short_span(*row["date"].partition("/")[::2]) if row["date"] else ""))
        table.add_row(*cells)
    return table


def tags_table(rows: Sequence[Row], *, width: int) -> RenderableType:
    table = _table(width, "Tag", "Description", "Count")
    table.columns[0].style, table.columns[2].justify = "cyan", "right"
    for row in rows:
        table.add_row(text(row["id"]), text(row["description"]), str(row["count"]))
    return table


def countries_table(rows: Sequence[Row], *, width: int) -> RenderableType:
    table = _table(width, "Code", "Name", "Type", "Count")
    table.columns[3].justify = "right"
    for row in rows:
        name = text(row["name"])
        if row["aliases"] and width >= NARROW:
            name.append("  " + clean(", ".join(row["aliases"])), style="dim")
        table.add_row(text(row["code"]), name, text(row["type"] or ""), str(row["count"]))
    return table


def bars(rows: Sequence[Row], by: str, *, width: int) -> RenderableType:
    """Counts as horizontal bars scaled to the width."""
    label_width = max((len(str(r[by])) for r in rows), default=4)
    count_width = max((len(str(r["count"])) for r in rows), default=1)
    room = max(width - label_width - count_width - 4, 5)
    top = max((r["count"] for r in rows), default=1)
    table = Table(box=None, pad_edge=False, show_header=False)
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True, style="cyan")
    table.add_column(no_wrap=True, justify="right")
    for row in rows:
        length = max(1, round(row["count"] / top * room))
        table.add_row(text(str(row[by])), "█" * length, str(row["count"]))
    return table


# --- Single records ----------------------------------------------------------------------


def card(row: Row, *, width: int) -> RenderableType:
    """An event, fact, glossary term or country: its fields, body, notes, sources and links."""
    kind = row["kind"]
    if kind == "relation":
        return relation_card(row, width=width)
    title = row.get("title") or row.get("term") or row.get("name") or ""
    parts: list[RenderableType] = [Text.assemble((kind + "  ", "dim"), text(title, style="bold"))]
    meta = Table(box=None, pad_edge=False, show_header=False)
    meta.add_column(style="dim", no_wrap=True)
    meta.add_column(overflow="fold")
    for key in ("id", "code", "date", "until", "reported", "topic", "as_of", "type"):
        if row.get(key):
            meta.add_row(key, text(str(row[key])))
    for key in ("tags", "countries", "places", "variants", "aliases"):
        if row.get(key):
            meta.add_row(key, tag_text(row[key]) if key == "tags" else text(", ".join(row[key])))
    if row.get("landmark"):
        meta.add_row("landmark", Text("★ yes", style="yellow"))
    parts += [meta]
    for key in ("summary", "text", "note"):
        if row.get(key):
            parts += [Text(), text(row[key])]
    if row.get("notes"):
        parts += [Text(), Text("Notes", style="bold"), text(row["notes"], style="italic")]
    parts += _sources(row.get("sources", ()))
    linked = [(name, ids) for name, ids in row.get("links", {}).items() if ids]
    if linked:
        parts += [Text(), Text("Linked", style="bold")]
        items = []
        for name, ids in linked:
            names = [i if isinstance(i, str) else f"{i['kind']} {i['id']}" for i in ids]
            items.append(Text.assemble(f"{name}: ", text(", ".join(names), style="cyan")))
        parts.append(bullets(items, mark=" "))
    return Group(*parts)
