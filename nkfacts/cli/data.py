"""Commands about the data itself: validate, tags, countries, export, schema."""

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from nkfacts import views
from nkfacts.cli.app import (
    ExcelOpt,
    FormatOpt,
    KeepFormulasOpt,
    OutputOpt,
    Settings,
    UsageError,
    app,
    drawing,
    emit,
    settings_of,
)
from nkfacts.formats import WRITERS, OutputFormat, WriteOptions
from nkfacts.model import KINDS, Dataset

if TYPE_CHECKING:
    pass


@app.command()
def validate(
    ctx: typer.Context,
    dirs: Annotated[
        list[Path] | None,
        typer.Argument(metavar="[DIR]...", help="More data directories to check with the rest.", show_default=False),
    ] = None,
) -> None:
    """Check the data and list every problem with its file and line.

    Checks what the other commands would load, plus any DIR given here.

    Example: nkfacts --no-bundled validate my-data/
    """
    settings = settings_of(ctx)
    settings = Settings(data_dirs=[*settings.data_dirs, *(dirs or [])], bundled=settings.bundled, use_cache=False)
    print(f"valid: {counted(settings.dataset())}")


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


@app.command()
def tags(
    ctx: typer.Context,
    fmt: FormatOpt = OutputFormat.table,
    output: OutputOpt = None,
    keep_formulas: KeepFormulasOpt = False,
    excel: ExcelOpt = False,
) -> None:
    """The tags, with how many events and facts use each.

    Example: nkfacts tags --format csv
    """
    rows = views.tag_rows(settings_of(ctx).dataset())

    emit(
        lambda: rows,
        views.TAG_COLUMNS,
        fmt,
        output,
        drawing("tags_table", rows),
        empty=not rows,
        empty_note="No tags are declared.",
        keep_formulas=keep_formulas,
        excel=excel,
    )


@app.command()
def countries(
    ctx: typer.Context,
    fmt: FormatOpt = OutputFormat.table,
    output: OutputOpt = None,
    keep_formulas: KeepFormulasOpt = False,
    excel: ExcelOpt = False,
) -> None:
    """The countries and organisations, with their other names.

    Example: nkfacts countries
    """
    rows = views.country_rows(settings_of(ctx).dataset())

    emit(
        lambda: rows,
        views.COUNTRY_COLUMNS,
        fmt,
        output,
        drawing("countries_table", rows),
        empty=not rows,
        empty_note="No countries are declared.",
        keep_formulas=keep_formulas,
        excel=excel,
    )


class Kind(StrEnum):
    all = "all"
    events = "events"
    facts = "facts"
    relations = "relations"
    countries = "countries"
    tags = "tags"
    glossary = "glossary"


@app.command()
def export(
    ctx: typer.Context,
    kind: Annotated[
        Kind,
        typer.Argument(
            metavar="[KIND]",
            help="all (the default), events, facts, relations, countries, tags or glossary.",
            show_default=False,
        ),
    ] = Kind.all,
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="json, jsonl, csv or markdown.", case_sensitive=False)
    ] = OutputFormat.json,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            show_default=False,
            help="Write to this file (atomically); for 'all' as CSV, a directory for one file per kind.",
        ),
    ] = None,
    keep_formulas: KeepFormulasOpt = False,
    excel: ExcelOpt = False,
) -> None:
    """Every record with every field, for scripts (JSON by default).

    Example: nkfacts export events | jq '.[] | select(.landmark) | .title'
    """
    from nkfacts.output import destination

    if fmt is OutputFormat.table:
        raise UsageError("export writes json, jsonl, csv or markdown; for a table, use the listing commands")
    dataset = settings_of(ctx).dataset()
    options = WriteOptions(keep_formulas=keep_formulas, excel=excel)
    kinds = list(KINDS) if kind is Kind.all else [kind.value]
    if kind is Kind.all and fmt in (OutputFormat.csv, OutputFormat.markdown):
        _export_files(dataset, kinds, fmt, output, options)
        return
    with destination(output) as stream:
        if kind is not Kind.all:
            WRITERS[fmt](views.export_rows(dataset, kind.value), views.EXPORT_COLUMNS[kind.value], stream, options)
        elif fmt is OutputFormat.json:
            WRITERS[fmt]({k: views.export_rows(dataset, k) for k in kinds}, (), stream, options)
        else:  # jsonl: one record a line, each with its kind
            rows = [{"kind": views.KIND_NAMES[k], **row} for k in kinds for row in views.export_rows(dataset, k)]
            WRITERS[fmt](rows, (), stream, options)


def _export_files(
    dataset: Dataset, kinds: list[str], fmt: OutputFormat, output: Path | None, options: WriteOptions
) -> None:
    from nkfacts.output import OutputError, destination

    if output is None:
        raise UsageError(f"'export all --format {fmt}' writes one file per kind: give a directory with --output")
    if output.exists() and not output.is_dir():
        raise OutputError(f"{output}: is a file; 'export all --format {fmt}' needs a directory")
    output.mkdir(parents=True, exist_ok=True)
    suffix = "csv" if fmt is OutputFormat.csv else "md"
    for name in kinds:
        with destination(output / f"{name}.{suffix}") as stream:
            WRITERS[fmt](views.export_rows(dataset, name), views.EXPORT_COLUMNS[name], stream, options)


@app.command()
def schema(output: OutputOpt = None) -> None:
    """The JSON Schema (draft 2020-12) of a data file, for editors.

    Example: nkfacts schema --output nkfacts.schema.json
    """
    import json

    from nkfacts.output import destination
    from nkfacts.schema import data_file_schema

    with destination(output) as stream:
        json.dump(data_file_schema(), stream, ensure_ascii=False, indent=2)
        stream.write("\n")
