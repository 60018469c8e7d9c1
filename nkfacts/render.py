"""Rich renderables for people: tables, cards and bars. Builds them; prints nothing.

Data always enters as ``Text`` (never markup) and through ``clean``, so a title holding
``[bold]`` prints those characters, and no control or escape character reaches the terminal.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from nkfacts.model import Event, Source

__all__ = ["clean", "events_table"]

# C0 and C1 controls (but tab and line feed), DEL, and the invisible marks that reorder
# or hide text: bidirectional overrides and isolates, line and paragraph separators.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_MONTH = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
NARROW = 60  # below this width, tables fold their side columns under the main one


def clean(text: str) -> str:
    """Text with every unsafe character shown as a visible escape (``\\x1b``)."""
    return _UNSAFE.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text
    )


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


def _label(month: int, day: int) -> str:
    if not month:
        return ""
    return f"{day} {_MONTH[month]}" if day else _MONTH[month]


def source_line(source: Source) -> Text:
    line = text(f"{source.publisher}: {source.title}")
    if source.date:
        line.append(f" ({source.date})")
    if source.url:
        line.append(" ")
        line.append(clean(source.url), style="underline")
    return line


def tag_text(tags: Sequence[str]) -> Text:
    return text(", ".join(tags), style="cyan")


def events_table(events: Sequence[Event], *, width: int, sources: bool = False) -> RenderableType:
    """Events grouped by year: date, title, tags and countries; landmarks starred."""
    narrow = width < NARROW
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False)
    table.add_column("Date", no_wrap=True, style="dim")
    table.add_column("Event", ratio=1, overflow="fold")
    if not narrow:
        table.add_column("Tags", max_width=24, overflow="fold")
        table.add_column("Countries", max_width=14, overflow="fold")
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
