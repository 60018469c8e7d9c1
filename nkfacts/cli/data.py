"""Commands about the data itself: validate."""

from pathlib import Path
from typing import Annotated

import typer

from nkfacts.cli.app import Settings, app, settings_of
from nkfacts.model import Dataset


@app.command()
def validate(
    ctx: typer.Context,
    dirs: Annotated[
        list[Path] | None,
        typer.Argument(metavar="[DIR]...", help="More data directories to check with the rest.", show_default=False),
    ] = None,
) -> None:
    """Check the data the other commands would load, plus any DIR: every problem with its file and line.

    Example: nkfacts --no-bundled validate my-data/
    """
    settings = settings_of(ctx)
    settings = Settings(data_dirs=[*settings.data_dirs, *(dirs or [])], bundled=settings.bundled, use_cache=False)
    dataset = settings.dataset()
    print(f"valid: {counted(dataset)}")


_NOUNS = {
    "countries": ("country", "countries"),
    "tags": ("tag", "tags"),
    "glossary": ("glossary term", "glossary terms"),
    "relations": ("relation", "relations"),
    "facts": ("fact", "facts"),
    "events": ("event", "events"),
}


def counted(dataset: Dataset) -> str:
    """'5 countries, 1 tag, ...': how much a data set holds, in words."""
    return ", ".join(f"{n} {_NOUNS[kind][n != 1]}" for kind, n in dataset.counts().items())
