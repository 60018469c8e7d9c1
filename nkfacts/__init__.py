"""nkfacts: curated, sourced facts and dated events about North Korea.

The Python API is small: ``load()`` gives a checked :class:`Dataset`, and the functions
in ``nkfacts.query`` answer questions about it. Nothing here imports Typer or Rich.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from nkfacts.dates import PartialDate
    from nkfacts.errors import DataError, Problem
    from nkfacts.load import load
    from nkfacts.model import Country, Dataset, Event, Fact, GlossaryTerm, Relation, Source, Tag

# Imported on first use, so that the command line pays only for what a command needs.
_LAZY = {
    "PartialDate": "nkfacts.dates",
    "DataError": "nkfacts.errors",
    "Problem": "nkfacts.errors",
    "load": "nkfacts.load",
    **dict.fromkeys(
        ("Country", "Dataset", "Event", "Fact", "GlossaryTerm", "Relation", "Source", "Tag"), "nkfacts.model"
    ),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'nkfacts' has no attribute {name!r}")


__all__ = [
    "Country",
    "DataError",
    "Dataset",
    "Event",
    "Fact",
    "GlossaryTerm",
    "PartialDate",
    "Problem",
    "Relation",
    "Source",
    "Tag",
    "__version__",
    "load",
]
