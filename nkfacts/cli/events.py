"""Commands about dated events: timeline."""

from typing import TYPE_CHECKING, Annotated

import typer

from nkfacts import query
from nkfacts.cli.app import (
    CountryOpt,
    ExcelOpt,
    FormatOpt,
    KeepFormulasOpt,
    OutputOpt,
    TagOpt,
    UsageError,
    app,
    country_codes,
    emit,
    parse_date,
    settings_of,
    tag_ids,
)
from nkfacts.dates import PartialDate
from nkfacts.formats import OutputFormat

if TYPE_CHECKING:
    from rich.console import RenderableType


@app.command()
def timeline(
    ctx: typer.Context,
    text: Annotated[
        str | None,
        typer.Argument(metavar="[TEXT]", help="Only events matching this text (any spelling).", show_default=False),
    ] = None,
    start: Annotated[
        PartialDate | None,
        typer.Option(
            "--from",
            parser=parse_date,
            metavar="DATE",
            help="Only events that end on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).",
            show_default=False,
        ),
    ] = None,
    end: Annotated[
        PartialDate | None,
        typer.Option(
            "--to",
            parser=parse_date,
            metavar="DATE",
            help="Only events that start on or before DATE.",
            show_default=False,
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            "-y",
            min=1,
            max=9999,
            help="Only events overlapping this year (same as --from Y --to Y).",
            show_default=False,
        ),
    ] = None,
    tag: TagOpt = None,
    country: CountryOpt = None,
    landmarks: Annotated[bool, typer.Option("--landmarks", "-l", help="Only the turning points.")] = False,
    reverse: Annotated[bool, typer.Option("--reverse", "-r", help="Newest first.")] = False,
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=0, help="At most N events, after ordering.", show_default=False)
    ] = None,
    sources: Annotated[bool, typer.Option("--sources", "-s", help="Show each event's sources in the table.")] = False,
    fmt: FormatOpt = OutputFormat.table,
    output: OutputOpt = None,
    keep_formulas: KeepFormulasOpt = False,
    excel: ExcelOpt = False,
) -> None:
    """Events in date order, filtered.

    Example: nkfacts timeline --from 2016-01 --to 2016-02 --format csv
    """
    if year is not None:
        if start or end:
            raise UsageError("--year cannot be combined with --from or --to")
        start = end = PartialDate(year)
    if start and end and start.start > end.end:
        raise UsageError(f"--from {start} is after --to {end}: nothing can match")
    dataset = settings_of(ctx).dataset()
    events = query.timeline(
        dataset,
        start=start,
        end=end,
        tags=tag_ids(dataset, tag),
        countries=country_codes(dataset, country),
        landmarks=landmarks,
        text=query.TextQuery.parse(text, dataset.glossary) if text else None,
        reverse=reverse,
        limit=limit,
    )
    from nkfacts.views import EVENT_COLUMNS

    def table(width: int) -> "RenderableType":
        from nkfacts.render import events_table

        return events_table(events, width=width, sources=sources)

    emit(
        lambda: [e.to_dict() for e in events],
        EVENT_COLUMNS,
        fmt,
        output,
        table,
        empty=not events,
        empty_note="No events match.",
        keep_formulas=keep_formulas,
        excel=excel,
    )
