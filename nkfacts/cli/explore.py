"""Commands that answer "how does North Korea stand with X" and "what is this": relations, facts, show, search."""

from typing import TYPE_CHECKING, Annotated

import typer

from nkfacts import query, views
from nkfacts.cli.app import (
    AsOfOpt,
    CardFormatOpt,
    CountryOpt,
    ExcelOpt,
    FormatOpt,
    KeepFormulasOpt,
    OutputOpt,
    TagOpt,
    app,
    complete_countries,
    complete_ids,
    complete_topics,
    country_codes,
    drawing,
    emit,
    emit_card,
    resolve_date,
    settings_of,
    tag_ids,
)
from nkfacts.errors import NotFound, Unknown
from nkfacts.formats import CardFormat, OutputFormat
from nkfacts.model import STATUSES

if TYPE_CHECKING:
    pass


@app.command()
def relations(
    ctx: typer.Context,
    country: Annotated[
        str | None,
        typer.Argument(
            metavar="[COUNTRY]",
            help="Show one relation's card: a code, name or alias.",
            autocompletion=complete_countries,
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOpt = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status", help=f"Only relations with this status (repeatable): {', '.join(STATUSES)}.", show_default=False
        ),
    ] = None,
    fmt: FormatOpt = OutputFormat.table,
    output: OutputOpt = None,
    keep_formulas: KeepFormulasOpt = False,
    excel: ExcelOpt = False,
) -> None:
    """How North Korea stands with each country, and since when; or one relation's card.

    The table has one line a relation, with a summary from 100 columns up; the card has it all.

    Example: nkfacts relations --as-of 2018-06-30    or    nkfacts relations russia
    """
    dataset = settings_of(ctx).dataset()
    when = resolve_date(dataset, as_of, "--as-of", end=True)
    for wanted in status or ():
        if wanted not in STATUSES:
            raise typer.BadParameter(
                str(Unknown("status", wanted, query.suggest(wanted, STATUSES))), param_hint="'--status'"
            )
    if country is not None:
        try:
            found = query.resolve_country(dataset, country)
        except Unknown as exc:
            raise NotFound(str(exc)) from None
        relation = dataset.relation_by_country.get(found.code)
        if relation is None:
            raise NotFound(f"no relation is recorded with {found.name} ({found.code}); see: nkfacts relations")
        row = views.relation_card(dataset, relation, when)

        emit_card(row, fmt, output, drawing("relation_card", row))
        return
    rows = views.relation_rows(dataset, when, set(status) if status else None)

    emit(
        lambda: rows,
        views.RELATION_COLUMNS,
        fmt,
        output,
        drawing("relations_table", rows),
        empty=not rows,
        empty_note="No relations match.",
        keep_formulas=keep_formulas,
        excel=excel,
    )


@app.command()
def facts(
    ctx: typer.Context,
    text: Annotated[
        str | None,
        typer.Argument(metavar="[TEXT]", help="Only facts matching this text (any spelling).", show_default=False),
    ] = None,
    topic: Annotated[
        str | None,
        typer.Option("--topic", help="Only facts on this topic.", autocompletion=complete_topics, show_default=False),
    ] = None,
    tag: TagOpt = None,
    country: CountryOpt = None,
    fmt: FormatOpt = OutputFormat.table,
    output: OutputOpt = None,
    keep_formulas: KeepFormulasOpt = False,
    excel: ExcelOpt = False,
) -> None:
    """Standing facts about North Korea, by topic.

    Example: nkfacts facts --topic internet
    """
    dataset = settings_of(ctx).dataset()
    topics = sorted({f.topic for f in dataset.facts})
    if topic is not None and topic.lower() not in topics:
        raise typer.BadParameter(
            str(Unknown("topic", topic, query.suggest(topic.lower(), topics))), param_hint="'--topic'"
        )
    found = query.facts(
        dataset,
        topic=topic.lower() if topic else None,
        tags=tag_ids(dataset, tag),
        countries=country_codes(dataset, country),
        text=query.TextQuery.parse(text, dataset.glossary) if text else None,
    )
    found.sort(key=lambda f: (f.topic, f.title))
    rows = [f.to_dict() for f in found]

    emit(
        lambda: rows,
        views.FACT_COLUMNS,
        fmt,
        output,
        drawing("facts_table", rows),
        empty=not rows,
        empty_note="No facts match.",
        keep_formulas=keep_formulas,
        excel=excel,
    )


@app.command()
def show(
    ctx: typer.Context,
    record_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="An event, fact or glossary id, or a country code.", autocompletion=complete_ids
        ),
    ],
    fmt: CardFormatOpt = CardFormat.table,
    output: OutputOpt = None,
) -> None:
    """One record by id, with its sources and what links to it.

    A country code shows its relation card.

    Example: nkfacts show kaesong-closure-2016
    """
    dataset = settings_of(ctx).dataset()
    try:
        kind, record = query.find_record(dataset, record_id)
    except Unknown as exc:
        raise NotFound(str(exc)) from None
    row = views.record_row(dataset, kind, record)

    emit_card(row, fmt, output, drawing("card", row))


@app.command()
def search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="Words to find, in any spelling: kim jong-un, P'yŏngyang, 개성.")],
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=0, metavar="N", help="At most N results.", show_default=False)
    ] = None,
    fmt: FormatOpt = OutputFormat.table,
    output: OutputOpt = None,
    keep_formulas: KeepFormulasOpt = False,
    excel: ExcelOpt = False,
) -> None:
    """Find records of every kind, best matches first.

    A match in a title ranks before one in a summary; spelling variants count.

    Example: nkfacts search kaesong
    """
    dataset = settings_of(ctx).dataset()
    words = query.TextQuery.parse(text, dataset.glossary)
    if not words:
        raise typer.BadParameter("give at least one letter or digit to search for", param_hint="'TEXT'")
    hits = query.search(dataset, words)[:limit]
    rows = views.search_rows(hits)

    emit(
        lambda: rows,
        views.SEARCH_COLUMNS,
        fmt,
        output,
        drawing("search_table", rows),
        empty=not rows,
        empty_note=f"Nothing matches '{text}'.",
        keep_formulas=keep_formulas,
        excel=excel,
    )
