"""Writers for the machine formats: one function per format, found through ``WRITERS``.

Every writer takes the same rows (the JSON shape of each record, a dict) and the
columns that CSV and Markdown flatten them into, so every format agrees.
"""

# No __future__ annotations: NamedTuple would compile each string annotation at every start.
import csv
import json
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import Any, NamedTuple, TextIO

from nkfacts.errors import printable

__all__ = [
    "CardFormat",
    "Column",
    "OutputFormat",
    "WriteOptions",
    "WRITERS",
    "cell",
    "columns",
]

Row = dict[str, Any]


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"


class CardFormat(StrEnum):
    """The formats of a single record (``show``, ``relations COUNTRY``)."""

    table = "table"
    json = "json"
    markdown = "markdown"


class Column(NamedTuple):
    name: str
    get: Callable[[Row], Any]


def columns(*names: str, **special: Callable[[Row], Any]) -> tuple[Column, ...]:
    """Columns that read the row key of the same name, unless given a getter."""
    return tuple(Column(n, special.get(n) or _key(n)) for n in names)


def _key(name: str) -> Callable[[Row], Any]:
    return lambda row: row.get(name)


class WriteOptions(NamedTuple):
    keep_formulas: bool = False  # CSV: leave cells that a spreadsheet would run as they are
    excel: bool = False  # CSV: start with a byte-order mark so Excel reads UTF-8


# A cell starting with one of these is a formula to a spreadsheet.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> str:
    """One value as CSV/Markdown text: lists joined with '; ', sources as 'Publisher: Title'."""
    if type(value) is str:
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(_item(v) for v in value)
    return str(value)


def _item(value: Any) -> str:
    if isinstance(value, dict):
        if "publisher" in value:
            return f"{value['publisher']}: {value['title']}"
        if "status" in value:
            return f"{value['date']} {value['status']}"
        return json.dumps(value, ensure_ascii=False)
    return cell(value)


def write_csv(rows: Sequence[Row], cols: Sequence[Column], out: TextIO, options: WriteOptions) -> None:
    if options.excel:
        out.write("\ufeff")
    # RFC 4180: CRLF line ends; a field with a comma, quote, CR or LF is quoted.
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([c.name for c in cols])
    for row in rows:
        cells = [cell(c.get(row)) for c in cols]
        if not options.keep_formulas:
            cells = ["'" + v if v.startswith(_FORMULA_STARTS) else v for v in cells]
        writer.writerow(cells)


def write_json(rows: Sequence[Row] | Row, cols: Sequence[Column], out: TextIO, options: WriteOptions) -> None:
    json.dump(rows, out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_jsonl(rows: Sequence[Row], cols: Sequence[Column], out: TextIO, options: WriteOptions) -> None:
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False))
        out.write("\n")


def write_markdown(rows: Sequence[Row], cols: Sequence[Column], out: TextIO, options: WriteOptions) -> None:
    out.write("| " + " | ".join(c.name for c in cols) + " |\n")
    out.write("|" + "|".join(" --- " for _ in cols) + "|\n")
    for row in rows:
        out.write("| " + " | ".join(markdown_text(cell(c.get(row))) for c in cols) + " |\n")


def markdown_text(text: str) -> str:
    """Text that stays on one line, renders as written, and shows control characters as escapes.

    Markdown is for people: an escape sequence in it could only ever drive a terminal.
    """
    for special in ("\\", "|", "*", "_", "`", "[", "]", "<", ">"):
        text = text.replace(special, "\\" + special)
    return printable(" ".join(text.split()))


def write_markdown_card(row: Row, out: TextIO) -> None:
    """One record as a Markdown document: a heading, its fields, then its lists as sections."""
    relation = "status" in row and "country" in row
    title = row.get("title") or row.get("term") or (f"North Korea and {row['name']}" if relation else None)
    title = title or row.get("name") or row.get("id") or ""
    out.write(f"# {markdown_text(str(title))}\n\n")
    sections = []
    for key, value in row.items():
        if key in ("title", "term") or value in (None, [], {}):
            continue
        if isinstance(value, dict):
            value = [f"{k}: {cell(v)}" for k, v in value.items() if v]
            if not value:
                continue
        if isinstance(value, list) and value and isinstance(value[0], (dict, list)) or key in ("points", "links"):
            sections.append((key, value))
        elif key in ("summary", "text", "note", "notes"):
            sections.append((key, str(value)))
        else:
            out.write(f"- **{key}**: {markdown_text(cell(value))}\n")
    for key, value in sections:
        out.write(f"\n## {key.replace('_', ' ').capitalize()}\n\n")
        if isinstance(value, str):
            out.write(markdown_text(value) + "\n")
        else:
            for item in value:
                out.write(f"- {_card_item(item)}\n")


def _card_item(item: Any) -> str:
    """One list item of a card as Markdown: text escaped, a source's address kept whole as a link."""
    if isinstance(item, dict) and "title" in item and "id" in item:  # an event in a card
        when = f"{item['date']}/{item['until']}" if item.get("until") else item.get("date", "")
        return markdown_text(f"{when} {item['title']} ({item['id']})")
    if isinstance(item, dict) and "status" in item:  # a history entry
        note = f": {item['note']}" if item.get("note") else ""
        return markdown_text(f"{item['date']} {item['status']}{note}")
    if isinstance(item, dict) and "publisher" in item:
        text = markdown_text(
            f"{item['publisher']}: {item['title']}" + (f" ({item['date']})" if item.get("date") else "")
        )
        url = printable(item.get("url") or "")
        return text + (f" <{url}>" if url and not any(c in url for c in "<> ") else "")
    return markdown_text(cell(item))


Writer = Callable[[Any, Sequence[Column], TextIO, WriteOptions], None]

WRITERS: dict[OutputFormat, Writer] = {
    OutputFormat.csv: write_csv,
    OutputFormat.json: write_json,
    OutputFormat.jsonl: write_jsonl,
    OutputFormat.markdown: write_markdown,
}
