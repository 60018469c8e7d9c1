"""What each listing writes: its rows (the JSON shape) and the CSV/Markdown columns.

The column lists are a public contract (see docs/data-format.md): add at the end,
never reorder, and change the golden files in tests/golden/ on purpose.
"""

from __future__ import annotations

from nkfacts.formats import columns

__all__ = ["EVENT_COLUMNS"]


def _when(row: dict[str, object]) -> object:
    return f"{row['date']}/{row['until']}" if row.get("until") else row["date"]


EVENT_COLUMNS = columns(
    "id",
    "date",
    "start",
    "end",
    "title",
    "summary",
    "tags",
    "countries",
    "places",
    "landmark",
    "sources",
    "reported",
    "notes",
    date=_when,
)
