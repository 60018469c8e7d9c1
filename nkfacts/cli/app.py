"""The application: the one exit point, the global options, and what every command shares.

Commands stay thin (options -> query -> writer or renderer). Rich is imported only when
a table is drawn, YAML only when the cache misses, so the common machine-format path
starts about as fast as Typer itself.
"""

# No __future__ annotations: Typer reads every command's annotations at each start, and
# string annotations would be compiled again every time.
import datetime as dt
import gc
import io
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, NoReturn

import typer
from typer.core import TyperGroup

from nkfacts import __version__, query
from nkfacts.dates import DateFormatError, PartialDate
from nkfacts.errors import DataError, ExitCode, NkfactsError, Unknown, printable
from nkfacts.formats import WRITERS, CardFormat, Column, OutputFormat, WriteOptions
from nkfacts.model import Dataset, Event, Fact, GlossaryTerm

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

# Typer 0.28 vendors Click; its base exception is reached through a public subclass.
ClickException: type[Exception] = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")
UsageError: type[Exception] = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")


class NkfactsGroup(TyperGroup):
    """The one exit point: every error becomes a message on stderr and an exit code."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra: Any) -> NoReturn:  # type: ignore[override]
        extra.pop("standalone_mode", None)
        debug = os.environ.get("NKFACTS_DEBUG") == "1"
        try:
            result = super().main(args, prog_name or "nkfacts", standalone_mode=False, **extra)
            code = result if isinstance(result, int) else ExitCode.OK
        except ClickException as exc:
            shown = io.StringIO()
            exc.show(file=shown)  # type: ignore[attr-defined]  # Click's own plain message and usage line
            sys.stderr.write(printable(shown.getvalue()))
            code = exc.exit_code  # type: ignore[attr-defined]
        except typer.Abort:  # input ended where some was expected: not an interrupt
            err("nkfacts: aborted")
            code = ExitCode.FAILURE
        except DataError as exc:
            for problem in exc.problems:
                err(str(problem))
            err(f"nkfacts: {exc}")
            if debug:
                raise
            code = exc.exit_code
        except NkfactsError as exc:
            err(f"nkfacts: {exc}")
            if debug:
                raise
            code = exc.exit_code
        except KeyboardInterrupt:
            code = ExitCode.INTERRUPTED
        except BrokenPipeError:
            code = _reader_gone()
        except Exception as exc:
            if debug:
                raise
            err(f"nkfacts: internal error: {type(exc).__name__}: {exc} (set NKFACTS_DEBUG=1 for the traceback)")
            code = ExitCode.FAILURE
        sys.exit(code)

    def list_commands(self, ctx: Any) -> list[str]:
        """The commands in --help: looking up first, then the data's own tools."""
        names = super().list_commands(ctx)
        return sorted(names, key=lambda n: COMMAND_ORDER.index(n) if n in COMMAND_ORDER else len(COMMAND_ORDER))

    def invoke(self, ctx: Any) -> Any:
        # Click turns a broken pipe into exit 1 before main() sees it; end quietly instead.
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            raise typer.Exit(_reader_gone()) from None


COMMAND_ORDER = [
    "timeline",
    "relations",
    "facts",
    "show",
    "search",
    "stats",
    "today",
    "tags",
    "countries",
    "export",
    "validate",
    "schema",
]


def _reader_gone() -> int:
    """The reader closed the pipe (``| head``): stop writing, and exit as a shell expects."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # the interpreter's final flush would fail again
    except (OSError, ValueError):
        pass
    return ExitCode.BROKEN_PIPE


def err(message: str) -> None:
    """A line on standard error; data quoted in it cannot drive the terminal."""
    print(printable(message), file=sys.stderr)


app = typer.Typer(
    cls=NkfactsGroup,
    name="nkfacts",
    help="Curated, sourced facts and dated events about North Korea, offline.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=True,
)


# --- Settings shared by every command ---------------------------------------------------


class Settings:
    """The global options, and the data set they load, loaded once on first use."""

    def __init__(self, data_dirs: Sequence[Path] = (), bundled: bool = True, use_cache: bool = True) -> None:
        self.data_dirs, self.bundled, self.use_cache = list(data_dirs), bundled, use_cache
        self._dataset: Dataset | None = None

    def dataset(self) -> Dataset:
        if self._dataset is None:
            from nkfacts.cache import load_dataset
            from nkfacts.files import data_files

            self._dataset = load_dataset(
                data_files(bundled=self.bundled, data_dirs=self.data_dirs), use_cache=self.use_cache
            )
            # The data set lives as long as this short process: later collections need not scan it.
            gc.freeze()
        return self._dataset


def settings_of(ctx: typer.Context) -> Settings:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Settings) else Settings()


def _show_version(value: bool) -> None:
    if value:
        print(f"nkfacts {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    data_dir: Annotated[
        list[Path] | None,
        typer.Option(
            "--data-dir",
            envvar="NKFACTS_DATA_DIR",
            help="Also load every *.yaml file in DIR (repeatable; NKFACTS_DATA_DIR holds a path list).",
            metavar="DIR",
            show_default=False,
        ),
    ] = None,
    no_bundled: Annotated[bool, typer.Option("--no-bundled", help="Leave the bundled data set out.")] = False,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Check every file again instead of using the cache.")
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", help="Show the version and exit.", callback=_show_version, is_eager=True)
    ] = False,
) -> None:
    """Curated, sourced facts and dated events about North Korea, offline.

    Global options go before the command: nkfacts --data-dir my-data timeline
    """
    ctx.obj = Settings(data_dirs=list(data_dir or []), bundled=not no_bundled, use_cache=not no_cache)


# --- Option types shared by the commands ------------------------------------------------


CardFormatOpt = Annotated[
    CardFormat,
    typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
]


LandmarksOpt = Annotated[bool, typer.Option("--landmarks", "-l", help="Only the turning points.")]
YearOpt = Annotated[
    int | None,
    typer.Option(
        "--year",
        "-y",
        metavar="YEAR",
        min=1,
        max=9999,
        help="Only events overlapping this year (same as --from Y --to Y).",
        show_default=False,
    ),
]


FormatOpt = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to FILE (atomically) instead of standard output.",
        metavar="FILE",
        dir_okay=True,
        show_default=False,
    ),
]
KeepFormulasOpt = Annotated[
    bool,
    typer.Option(
        "--keep-formulas", help="CSV: keep cells starting with = + - @ as they are (by default a ' is put before them)."
    ),
]
ExcelOpt = Annotated[bool, typer.Option("--excel", help="CSV: start with a byte-order mark so Excel reads UTF-8.")]


def complete_ids(ctx: typer.Context, incomplete: str) -> Iterator[tuple[str, str]]:
    dataset = _completion_dataset(ctx)
    records: list[Event | Fact | GlossaryTerm] = [*dataset.events, *dataset.facts, *dataset.glossary]
    for record in records:
        if record.id.startswith(incomplete):
            yield record.id, record.term if isinstance(record, GlossaryTerm) else record.title
    for country in dataset.countries:
        if country.code.lower().startswith(incomplete.lower()):
            yield country.code, country.name


def complete_events(ctx: typer.Context, incomplete: str) -> Iterator[tuple[str, str]]:
    """Event ids, for the options that take a date or an event."""
    for event in _completion_dataset(ctx).events:
        if event.id.startswith(incomplete):
            yield event.id, event.title


def complete_topics(ctx: typer.Context, incomplete: str) -> Iterator[str]:
    yield from sorted({f.topic for f in _completion_dataset(ctx).facts if f.topic.startswith(incomplete)})


def complete_tags(ctx: typer.Context, incomplete: str) -> Iterator[tuple[str, str]]:
    for tag in _completion_dataset(ctx).tags:
        if tag.id.startswith(incomplete.lower()):
            yield tag.id, tag.description


def complete_countries(ctx: typer.Context, incomplete: str) -> Iterator[tuple[str, str]]:
    """Codes, names and aliases that start with what was typed, in any case.

    The shell keeps only completions that start with the typed text exactly, so each one
    is given back with the user's own prefix: 'ch' completes to 'china', 'RU' to 'RU'.
    """
    seen = set()
    for country in _completion_dataset(ctx).countries:
        for name in (country.code, country.name, *country.aliases):
            if name.lower().startswith(incomplete.lower()):
                completion = incomplete + name[len(incomplete) :]
                if completion.lower() not in seen:
                    seen.add(completion.lower())
                    yield completion, country.name


def _completion_dataset(ctx: typer.Context) -> Dataset:
    """The data the command line being completed would load; nothing if it cannot be loaded.

    Completion runs inside the user's shell on every Tab: it must never print an error.
    """
    params = ctx.find_root().params
    try:
        return Settings(
            data_dirs=[Path(p) for p in params.get("data_dir") or ()],  # raw text while completing
            bundled=not params.get("no_bundled"),
            use_cache=not params.get("no_cache"),
        ).dataset()
    except Exception:  # noqa: BLE001 - any failure just means no suggestions
        return Dataset()


class DateArg(NamedTuple):
    """A --from, --to or --as-of value as given: a partial date, or the id of an event whose
    date it stands for (looked up once the data is loaded)."""

    text: str
    date: PartialDate | None


_ID = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


def parse_date_arg(value: str | DateArg) -> DateArg:
    if isinstance(value, DateArg):
        return value
    text = value.strip()
    if _ID.fullmatch(text):
        return DateArg(text, None)
    try:
        return DateArg(text, PartialDate.parse(text))
    except DateFormatError as exc:
        raise typer.BadParameter(f"{exc}, or an event id") from None


AsOfOpt = Annotated[
    DateArg | None,
    typer.Option(
        "--as-of",
        autocompletion=complete_events,
        parser=parse_date_arg,
        metavar="DATE",
        help="As things stood on DATE, or on the day an event (by id) ended; 2018 means 31 Dec 2018.",
        show_default=False,
    ),
]
FromOpt = Annotated[
    DateArg | None,
    typer.Option(
        "--from",
        autocompletion=complete_events,
        parser=parse_date_arg,
        metavar="DATE",
        help="Only events ending on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD), or an event id: from its start.",
        show_default=False,
    ),
]
ToOpt = Annotated[
    DateArg | None,
    typer.Option(
        "--to",
        autocompletion=complete_events,
        parser=parse_date_arg,
        metavar="DATE",
        help="Only events starting on or before DATE, or an event id: to its end.",
        show_default=False,
    ),
]


def date_range(
    dataset: Dataset, start: DateArg | None, end: DateArg | None, year: int | None = None
) -> tuple[PartialDate | None, PartialDate | None]:
    """--from, --to and --year as one range; a usage error when they conflict or cannot match."""
    if year is not None:
        if start or end:
            raise UsageError("--year cannot be combined with --from or --to")
        return PartialDate(year), PartialDate(year)
    first = resolve_date(dataset, start, "--from")
    last = resolve_date(dataset, end, "--to", end=True)
    if start and end and first and last and first.start > last.end:
        raise UsageError(f"--from {start.text} is after --to {end.text}: nothing can match")
    return first, last


def resolve_date(dataset: Dataset, arg: DateArg | None, option: str, *, end: bool = False) -> PartialDate | None:
    """The date an option stands for: as written, or the date of the event it names (the date
    it ended, with ``end``); a usage error for an unknown event."""
    if arg is None or arg.date is not None:
        return arg.date if arg else None
    try:
        return query.event_date(dataset, arg.text, end=end)
    except Unknown as exc:
        raise typer.BadParameter(
            f"'{arg.text}' is neither a date (YYYY, YYYY-MM or YYYY-MM-DD) nor an event id{exc.hint}",
            param_hint=f"'{option}'",
        ) from None


TagOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--tag",
        "-t",
        metavar="TAG",
        help="Only records with this tag (repeatable: any of them).",
        autocompletion=complete_tags,
        show_default=False,
    ),
]
CountryOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--country",
        "-c",
        metavar="COUNTRY",
        help="Only records involving this country: code, name or alias (repeatable).",
        autocompletion=complete_countries,
        show_default=False,
    ),
]


def country_codes(dataset: Dataset, names: Sequence[str] | None) -> list[str]:
    """The codes of the countries named by --country options; a usage error for an unknown one."""
    try:
        return [query.resolve_country(dataset, n).code for n in names or ()]
    except Unknown as exc:
        raise typer.BadParameter(str(exc), param_hint="'--country'") from None


def tag_ids(dataset: Dataset, names: Sequence[str] | None, option: str = "--tag") -> list[str]:
    """The ids of the tags named by an option (--tag unless told); a usage error for an unknown one."""
    try:
        return [query.resolve_tag(dataset, n).id for n in names or ()]
    except Unknown as exc:
        raise typer.BadParameter(str(exc), param_hint=f"'{option}'") from None


# --- Output ---------------------------------------------------------------------------


def emit(
    rows: Callable[[], Any],
    cols: Sequence[Column],
    fmt: OutputFormat,
    output: Path | None,
    table: Callable[[int], "RenderableType"],
    *,
    empty: bool = False,
    empty_note: str = "",
    keep_formulas: bool = False,
    excel: bool = False,
) -> None:
    """Write rows in a machine format, or draw the table; note an empty result on stderr."""
    from nkfacts.output import destination

    if empty and empty_note:
        err(empty_note)
    with destination(output) as stream:
        if fmt is OutputFormat.table:
            if not empty:
                console = _console(stream, to_file=output is not None)
                console.print(table(console.width))
        else:
            WRITERS[fmt](rows(), cols, stream, WriteOptions(keep_formulas=keep_formulas, excel=excel))


def drawing(name: str, *args: Any, **kwargs: Any) -> Callable[[int], "RenderableType"]:
    """What ``nkfacts.render.<name>(*args, width=...)`` draws, made only when drawn: Rich is
    imported for tables and cards, never for the machine formats."""

    def draw(width: int) -> "RenderableType":
        from nkfacts import render

        return getattr(render, name)(*args, width=width, **kwargs)  # type: ignore[no-any-return]

    return draw


def emit_card(
    row: dict[str, Any], fmt: OutputFormat | CardFormat, output: Path | None, card: Callable[[int], "RenderableType"]
) -> None:
    """Write one record as JSON or Markdown, or draw its card."""
    import json

    from nkfacts.formats import write_markdown_card
    from nkfacts.output import destination

    if fmt not in ("table", "json", "markdown"):
        raise UsageError(f"a single record is written as table, json or markdown, not {fmt}")
    with destination(output) as stream:
        if fmt == "json":
            json.dump(row, stream, ensure_ascii=False, indent=2)
            stream.write("\n")
        elif fmt == "markdown":
            write_markdown_card(row, stream)
        else:
            console = _console(stream, to_file=output is not None)
            console.print(card(console.width), crop=False)  # a long web address stays whole


def _console(stream: Any, *, to_file: bool) -> "Console":
    from rich.console import Console

    if to_file:  # a file gets plain text at a readable width, whatever the terminal
        return Console(file=stream, width=100, color_system=None, highlight=False, emoji=False)
    return Console(
        file=stream, highlight=False, emoji=False, stderr=False, force_terminal=_force_terminal(), width=_width()
    )


def _force_terminal() -> bool | None:
    # Rich writes to our wrapper of stdout, so it must ask about the real stdout.
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty() or None if hasattr(sys.stdout, "isatty") else None


def _width() -> int | None:
    if os.environ.get("COLUMNS", "").isdigit():
        return max(int(os.environ["COLUMNS"]), 20)
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns if sys.stdout.isatty() else None
    except (OSError, ValueError):
        return None


def run() -> None:
    """The console script's entry point."""
    app()


def today_date() -> dt.date:
    """Today, or NKFACTS_TODAY (YYYY-MM-DD) so that scripts and tests can fix it."""
    fixed = os.environ.get("NKFACTS_TODAY")
    return dt.date.fromisoformat(fixed) if fixed else dt.date.today()
