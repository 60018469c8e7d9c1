"""Commands about dated events: timeline, stats, today."""

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from nkfacts import query
from nkfacts.cli.app import (
    CountryOpt,
    DateArg,
    ExcelOpt,
    FormatOpt,
    FromOpt,
    KeepFormulasOpt,
    LandmarksOpt,
    OutputOpt,
    TagOpt,
    ToOpt,
    YearOpt,
    app,
    complete_tags,
    country_codes,
    date_range,
    drawing,
    emit,
    settings_of,
    tag_ids,
    today_date,
)
from nkfacts.dates import MONTH_NAMES, days_in_month
from nkfacts.errors import NotFound
from nkfacts.formats import OutputFormat, columns
from nkfacts.model import Dataset, Event
from nkfacts.views import EVENT_COLUMNS, stats_columns

if TYPE_CHECKING:
    from rich.console import RenderableType


@app.command()
def timeline(
    ctx: typer.Context,
    text: Annotated[
        str | None,
        typer.Argument(metavar="[TEXT]", help="Only events matching this text (any spelling).", show_default=False),
    ] = None,
    start: FromOpt = None,
    end: ToOpt = None,
    year: YearOpt = None,
    tag: TagOpt = None,
    country: CountryOpt = None,
    landmarks: LandmarksOpt = False,
    reverse: Annotated[bool, typer.Option("--reverse", "-r", help="Newest first.")] = False,
    limit: Annotated[
        int | None,
        typer.Option("--limit", "-n", min=0, metavar="N", help="At most N events, after ordering.", show_default=False),
    ] = None,
    sources: Annotated[bool, typer.Option("--sources", "-s", help="Show each event's sources in the table.")] = False,
    fmt: FormatOpt = OutputFormat.table,
    output: OutputOpt = None,
    keep_formulas: KeepFormulasOpt = False,
    excel: ExcelOpt = False,
) -> None:
    """Events in date order, filtered by date, tag, country or text.

    Example: nkfacts timeline --from 2016-01 --to 2016-02 --format csv
    """
    dataset = settings_of(ctx).dataset()
    events = _filtered(
        dataset,
        (start, end, year),
        tag,
        country,
        landmarks=landmarks,
        text=query.TextQuery.parse(text, dataset.glossary) if text else None,
        reverse=reverse,
        limit=limit,
    )

    emit(
        lambda: [e.to_dict() for e in events],
        EVENT_COLUMNS,
        fmt,
        output,
        drawing("events_table", events, sources=sources),
        empty=not events,
        empty_note="No events match.",
        keep_formulas=keep_formulas,
        excel=excel,
    )


def _filtered(
    dataset: Dataset,
    when: tuple[DateArg | None, DateArg | None, int | None],
    tags: list[str] | None,
    countries: list[str] | None,
    **more: Any,
) -> list[Event]:
    """The events that the shared filter options (--from/--to/--year, --tag, --country) select."""
    first, last = date_range(dataset, *when)
    return query.timeline(
        dataset,
        start=first,
        end=last,
        tags=tag_ids(dataset, tags),
        countries=country_codes(dataset, countries),
        **more,
    )


class By(StrEnum):
    year = "year"
    decade = "decade"
    tag = "tag"
    country = "country"


@app.command()
def stats(
    ctx: typer.Context,
    by: Annotated[By, typer.Option("--by", "-b", help="Count events per year, decade, tag or country.")] = By.year,
    since_last: Annotated[
        str | None,
        typer.Option(
            "--since-last",
            metavar="TAG",
            help="Days since the latest event with this tag, and what it was.",
            autocompletion=complete_tags,
            show_default=False,
        ),
    ] = None,
    start: FromOpt = None,
    end: ToOpt = None,
    year: YearOpt = None,
    tag: TagOpt = None,
    country: CountryOpt = None,
    landmarks: LandmarksOpt = False,
    fmt: FormatOpt = OutputFormat.table,
    output: OutputOpt = None,
    keep_formulas: KeepFormulasOpt = False,
    excel: ExcelOpt = False,
) -> None:
    """Count events per year, decade, tag or country, drawn as bars.

    Each event counts once, by its start; empty buckets are left out.

    Example: nkfacts stats --by decade --tag missile    or    nkfacts stats --since-last nuclear
    """
    dataset = settings_of(ctx).dataset()
    if since_last is not None:
        _since_last(dataset, tag_ids(dataset, [since_last], "--since-last")[0], fmt, output)
        return
    events = _filtered(dataset, (start, end, year), tag, country, landmarks=landmarks)
    rows = [{by.value: key, "count": count} for key, count in query.count_events(dataset, by.value, events)]

    emit(
        lambda: rows,
        stats_columns(by.value),
        fmt,
        output,
        drawing("bars", rows, by.value),
        empty=not rows,
        empty_note="No events match.",
        keep_formulas=keep_formulas,
        excel=excel,
    )


def _since_last(dataset: Dataset, tag: str, fmt: OutputFormat, output: Path | None) -> None:
    today = today_date()
    found = query.since_last(dataset, tag, today)
    if found is None:
        raise NotFound(f"no event with the tag '{tag}' on or before {today}")
    event, days = found
    row = {
        "tag": tag,
        "days": days,
        "today": today.isoformat(),
        "date": event.when,
        "id": event.id,
        "title": event.title,
    }

    def line(width: int) -> "RenderableType":
        from rich.text import Text

        from nkfacts.render import text

        when = "today" if days == 0 else f"{days} day{'s' if days != 1 else ''} ago"
        return Text.assemble((f"{when}", "bold"), f" ({event.when}): ", text(event.title), (f"  [{event.id}]", "dim"))

    emit(lambda: [row], columns("tag", "days", "today", "date", "id", "title"), fmt, output, line)


@app.command()
def today(
    ctx: typer.Context,
    date: Annotated[
        str | None, typer.Option("--date", "-d", metavar="MM-DD", help="Another day than today.", show_default=False)
    ] = None,
    fmt: FormatOpt = OutputFormat.table,
    output: OutputOpt = None,
    keep_formulas: KeepFormulasOpt = False,
    excel: ExcelOpt = False,
) -> None:
    """On this day in past years: events dated to this month and day.

    Example: nkfacts today --date 06-25
    """
    month, day = _month_day(date) if date else (today_date().month, today_date().day)
    dataset = settings_of(ctx).dataset()
    events = query.on_this_day(dataset, month, day)

    emit(
        lambda: [e.to_dict() for e in events],
        EVENT_COLUMNS,
        fmt,
        output,
        drawing("events_table", events),
        empty=not events,
        empty_note=_nothing_on(dataset, month, day),
        keep_formulas=keep_formulas,
        excel=excel,
    )


def _nothing_on(dataset: Dataset, month: int, day: int) -> str:
    note = f"Nothing recorded on {day} {MONTH_NAMES[month]}."
    nearest = query.nearest_days(dataset, month, day)
    if nearest:
        days = [f"{d} {MONTH_NAMES[m]} (nkfacts today --date {m:02d}-{d:02d})" for m, d in nearest]
        note += f" Nearest: {' and '.join(days)}."
    return note


def _month_day(text: str) -> tuple[int, int]:
    parts = text.strip().split("-")
    if len(parts) == 2 and all(p.isdigit() and len(p) == 2 for p in parts):
        month, day = int(parts[0]), int(parts[1])
        if 1 <= month <= 12 and 1 <= day <= days_in_month(2000, month):  # 2000: a leap year, so 02-29 exists
            return month, day
    raise typer.BadParameter(f"'{text}' is not a day of the year: expected MM-DD, such as 06-25", param_hint="'--date'")
