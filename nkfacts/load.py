"""YAML files -> checked records, with every problem located as ``FILE:LINE``.

The only module that imports yaml. Values are built straight from the parser's event
stream (libyaml's when present) instead of ``yaml.load``: no resolver guesses types
(``NO`` stays the text ``NO``, ``2016-02-10`` stays text until the field table says it is a
date), no tag can construct an object, duplicate keys are seen, aliases are refused before
they can expand, every value keeps its line, and it is several times faster.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from nkfacts.dates import DateFormatError, PartialDate
from nkfacts.errors import DataError, Problem, suggest
from nkfacts.files import DataFile, data_files
from nkfacts.memory import collector_paused
from nkfacts.model import (
    COUNTRY_TYPES,
    KINDS,
    SPECS,
    STATUSES,
    TOP_LEVEL,
    Dataset,
    Event,
    Field,
    RecordSpec,
    Relation,
    status_began,
)

try:
    from yaml._yaml import CParser as _Parser
except ImportError:  # PyYAML built without libyaml: the same events, slower
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]  # same get_event() interface

__all__ = ["load", "load_files", "parse_file"]

MAX_DEPTH = 32  # the format nests 5 deep; anything near this is an attack or an accident
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_TRUE = frozenset(("true", "True", "TRUE"))
_FALSE = frozenset(("false", "False", "FALSE"))
# What YAML 1.1 accepts as printable; anything else gets a clear message of our own.
_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_CODE = re.compile(r"[A-Z]{2,8}")
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
_URL = re.compile(r"https?://[^\s/]+\S*")


def load(*, bundled: bool = True, data_dirs: Sequence[Path] = ()) -> Dataset:
    """Load and check the bundled data and each data directory; raise DataError listing every problem."""
    return load_files(data_files(bundled=bundled, data_dirs=data_dirs))


def load_files(files: Sequence[DataFile], texts: Sequence[bytes] = ()) -> Dataset:
    """Load and cross-check the given files as one data set (``texts``: their bytes, if already read)."""
    with collector_paused():
        return _check_files(files, texts)


def _check_files(files: Sequence[DataFile], texts: Sequence[bytes]) -> Dataset:
    checker = _Checker()
    for number, item in enumerate(files):
        raw = texts[number] if number < len(texts) else None
        if raw is None:
            raw = read_bytes(item, checker.problems)
        checker.check_file(None if raw is None else parse_file(raw, item.display, checker.problems), item.display)
    return checker.finish()


def read_bytes(item: DataFile, problems: list[Problem]) -> bytes | None:
    try:
        return item.path.read_bytes()
    except IsADirectoryError:
        problems.append(Problem(item.display, None, "is a directory, expected a YAML file"))
    except OSError as exc:
        problems.append(Problem(item.display, None, f"cannot read the file: {exc.strerror or exc}"))
    return None


# --- Parsing: bytes -> plain values that remember their lines -------------------------


class YMap(dict[str, Any]):
    """A mapping from the file; ``lines`` holds the line of each key."""

    __slots__ = ("line", "lines")
    line: int
    lines: dict[str, int]


class YSeq(list[Any]):
    """A list from the file; ``lines`` holds the line of each item."""

    __slots__ = ("line", "lines")
    line: int
    lines: list[int]


class _Stop(Exception):
    """A problem that ends the reading of a file."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line, self.message = line, message


_NOKEY = object()
_SKIP = object()
_EMPTY = object()


def parse_file(raw: bytes, display: str, problems: list[Problem]) -> Any:
    """Bytes of one YAML document -> YMap/YSeq/str/bool/None; ``_EMPTY`` for an empty file.

    Problems are appended to ``problems``; on a fatal one, None is returned.
    """
    text = _decode(raw, display, problems)
    if text is None:
        return None
    parser = _Parser(text)
    try:
        return _build(parser.get_event, problems, display)
    except _Stop as stop:
        problems.append(Problem(display, stop.line, stop.message))
    except yaml.MarkedYAMLError as exc:
        problems.append(_syntax_problem(exc, text, display))
    except yaml.YAMLError as exc:  # a reader error without a mark: point at the file
        problems.append(Problem(display, None, f"not readable as YAML: {exc}"))
    finally:
        parser.dispose()
    return None


def _decode(raw: bytes, display: str, problems: list[Problem]) -> str | None:
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        problems.append(
            Problem(display, line, "contains a NUL byte: expected UTF-8 text (is this a binary or UTF-16 file?)")
        )
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        problems.append(
            Problem(display, line, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}): save the file as UTF-8")
        )
        return None
    bad = _NON_PRINTABLE.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        problems.append(
            Problem(
                display,
                line,
                f"control character U+{ord(bad.group()):04X} is not allowed in YAML; "
                'write it as an escape ("\\x1b") inside double quotes if it is really meant',
            )
        )
        return None
    return text


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, display: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    problem = exc.problem or "invalid YAML"
    if "cannot start any token" in problem and line is not None:
        source_line = text.splitlines()[line - 1] if line - 1 < len(text.splitlines()) else ""
        if "\t" in source_line[: len(source_line) - len(source_line.lstrip())] or "\t" in source_line:
            return Problem(display, line, "YAML syntax error: a tab character; YAML is indented with spaces only")
    if exc.context and exc.context_mark and exc.context_mark.line + 1 != line:
        where = exc.context_mark.line + 1
        if "quoted scalar" in exc.context:
            return Problem(
                display, where, f"YAML syntax error: the quoted text that starts here is never closed ({problem})"
            )
        return Problem(display, line, f"YAML syntax error: {problem} ({exc.context} at line {where})")
    context = f" ({exc.context})" if exc.context else ""
    return Problem(display, line, f"YAML syntax error: {problem}{context}")


def _build(get_event: Callable[[], Any], problems: list[Problem], display: str) -> Any:
    get_event()  # stream start
    event = get_event()
    if type(event) is StreamEndEvent:
        return _EMPTY
    root: Any = _EMPTY
    stack: list[list[Any]] = []  # [container, pending key, line of the key]
    while True:
        event = get_event()
        kind = type(event)
        if kind is ScalarEvent:
            if event.tag is not None or event.anchor is not None:
                _refuse_tag_or_anchor(event)
            value: Any = event.value
            if not event.style:  # plain: only null and true/false mean anything but text
                if value in _NULLS:
                    value = None
                elif value in _TRUE:
                    value = True
                elif value in _FALSE:
                    value = False
            line = event.start_mark.line + 1
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.tag is not None or event.anchor is not None:
                _refuse_tag_or_anchor(event)
            if len(stack) >= MAX_DEPTH:
                raise _Stop(
                    event.start_mark.line + 1, f"nested more than {MAX_DEPTH} levels deep: not a nkfacts data file"
                )
            node: Any = YMap() if kind is MappingStartEvent else YSeq()
            node.line = event.start_mark.line + 1
            node.lines = {} if kind is MappingStartEvent else []
            stack.append([node, _NOKEY, 0])
            continue
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            value = stack.pop()[0]
            line = value.line
        elif kind is DocumentEndEvent:
            event = get_event()
            if type(event) is not StreamEndEvent:
                raise _Stop(event.start_mark.line + 1, "a second YAML document ('---'): one document per file")
            return root
        elif kind is AliasEvent:
            raise _Stop(
                event.start_mark.line + 1,
                f"alias '*{event.anchor}': anchors and aliases are not supported; write the value out",
            )
        else:  # pragma: no cover - libyaml emits no other event inside a document
            raise _Stop(event.start_mark.line + 1, f"unexpected YAML event {kind.__name__}")

        if not stack:
            root = value
            continue
        frame = stack[-1]
        parent = frame[0]
        if type(parent) is YSeq:
            parent.append(value)
            parent.lines.append(line)
        elif frame[1] is _NOKEY:
            if type(value) is not str:
                problems.append(Problem(display, line, f"a key must be plain text, not {_describe(value)}"))
                frame[1] = _SKIP
            elif value in parent:
                problems.append(
                    Problem(display, line, f"duplicate key '{value}' (first at line {parent.lines[value]}): keep one")
                )
                frame[1] = _SKIP
            else:
                frame[1] = value
                frame[2] = line
        else:
            if frame[1] is not _SKIP:
                parent[frame[1]] = value
                parent.lines[frame[1]] = frame[2]
            frame[1] = _NOKEY


def _refuse_tag_or_anchor(event: Any) -> None:
    line = event.start_mark.line + 1
    if event.tag is not None:
        raise _Stop(
            line,
            f"YAML tag '{event.tag}' is not allowed: data files hold plain values only (quote the value if it is text)",
        )
    raise _Stop(line, f"anchor '&{event.anchor}': anchors and aliases are not supported; write the value out")


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{'true' if value else 'false'} (a yes/no value; quote it if it is text)"
    if isinstance(value, YMap):
        return "a mapping"
    if isinstance(value, YSeq):
        return "a list"
    return f"the text '{_clip(value)}'"


def _clip(text: str, width: int = 40) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= width else text[: width - 3] + "..."


# --- Checking: plain values -> records ----------------------------------------------


class _Bad(Exception):
    """A value that breaks its field's rule."""


def _text(value: Any) -> str:
    if type(value) is str:
        if not value or value.isspace():
            raise _Bad("must not be empty")
        return value
    raise _Bad(f"expected text, got {_describe(value)}")


def _pattern(regex: re.Pattern[str], what: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        text = _text(value)
        if regex.fullmatch(text) is None:
            raise _Bad(f"'{_clip(text)}' is not {what}")
        return text

    return check


# The same few thousand dates recur across a large file; a failed parse is not remembered.
_parse_date = lru_cache(maxsize=65536)(PartialDate.parse)


def _date(value: Any) -> PartialDate:
    if type(value) is not str:
        raise _Bad(f"expected a date (YYYY, YYYY-MM or YYYY-MM-DD), got {_describe(value)}")
    try:
        return _parse_date(value)
    except DateFormatError as exc:
        raise _Bad(str(exc)) from None


def _bool(value: Any) -> bool:
    if type(value) is bool:
        return value
    raise _Bad(f"expected true or false, got {_describe(value)}")


def _choice(choices: Sequence[str], what: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        text = _text(value)
        if text not in choices:
            close = suggest(text, choices)
            hint = f"did you mean '{close[0]}'? " if close else ""
            raise _Bad(f"'{_clip(text)}' is not a {what} ({hint}expected one of: {', '.join(choices)})")
        return text

    return check


def _country_ref(value: Any) -> str:
    text = _text(value)
    if _CODE.fullmatch(text) is None:
        upper = text.upper()
        hint = f" (write '{upper}')" if _CODE.fullmatch(upper) else ""
        raise _Bad(f"'{_clip(text)}' is not a country code: codes are 2-8 upper-case letters{hint}")
    return text


_RULES: dict[str, Callable[[Any], Any]] = {
    "text": _text,
    "id": _pattern(_ID, "a valid id: use lower-case letters, digits and single hyphens (kaesong-closure-2016)"),
    "code": _country_ref,
    "word": _pattern(_WORD, "a topic: one lower-case word (hyphens allowed)"),
    "date": _date,
    "bool": _bool,
    "url": _pattern(_URL, "a web address (http:// or https://, no spaces)"),
    "status": _choice(STATUSES, "relation status"),
    "country-type": _choice(COUNTRY_TYPES, "country type"),
    "tag-ref": _pattern(_ID, "a tag id (lower-case letters, digits and hyphens)"),
    "country-ref": _country_ref,
    "event-ref": _pattern(_ID, "an event id"),
}
_REFERENCES = {"tag-ref": "tag", "country-ref": "country", "event-ref": "event"}


class _Checker:
    """Checks files one by one, then the references between them."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.records: dict[str, list[Any]] = {kind: [] for kind in KINDS}
        # namespace -> key -> where it is declared; ids of events, facts and glossary terms share one
        self.declared: dict[str, dict[str, Problem]] = {}
        # (kind of name, the name, file, line, record label, field) of every tag, country and event used
        self.references: list[tuple[str, str, str, int, str, str]] = []
        # A file that could not be read may declare what others use: its absence must not
        # bury the real problem under hundreds of "unknown country" messages.
        self.incomplete = False

    def check_file(self, root: Any, display: str) -> None:
        if root is None:  # unreadable: already reported
            self.incomplete = True
            return
        if root is _EMPTY:
            self._problem(display, 1, f"the file is empty: expected a mapping with some of the keys {', '.join(KINDS)}")
            return
        if not isinstance(root, YMap):
            self._problem(
                display,
                getattr(root, "line", 1),
                f"the top level must be a mapping with some of the keys {', '.join(KINDS)}, not {_describe(root)}",
            )
            return
        if not root:
            self._problem(
                display, root.line, f"the file holds an empty mapping: expected some of the keys {', '.join(KINDS)}"
            )
        for key, items in root.items():
            line = root.lines[key]
            spec = TOP_LEVEL.get(key)
            if spec is None:
                self._problem(
                    display,
                    line,
                    f"unknown top-level key '{key}'{_hint(key, KINDS)}; expected some of: {', '.join(KINDS)}",
                )
                continue
            if items is None:  # a key with nothing under it yet
                continue
            if not isinstance(items, YSeq):
                self._problem(
                    display, line, f"'{key}' must be a list of {spec.plural} ('- ' items), not {_describe(items)}"
                )
                continue
            for item, item_line in zip(items, items.lines, strict=False):
                record = self._record(spec, item, item_line, display, None)
                if record is not None:
                    self.records[key].append(record)

    def _problem(self, display: str, line: int | None, message: str) -> None:
        self.problems.append(Problem(display, line, message))

    def _record(self, spec: RecordSpec, node: Any, line: int, display: str, label: str | None) -> Any:
        """Check one record; ``label`` names it in messages (None: by its key field)."""
        if not isinstance(node, YMap):
            self._problem(display, line, f"{label or spec.kind}: expected a mapping of fields, got {_describe(node)}")
            return None
        label = label or _label(spec, node)
        before = len(self.problems)
        values: dict[str, Any] = {}
        for key in node:
            if key not in spec.by_name:
                self._problem(
                    display,
                    node.lines[key],
                    f"{label}: unknown field '{key}'{_hint(key, spec.by_name)}; "
                    f"{'an' if spec.kind[0] in 'aeiou' else 'a'} {spec.kind} has: {', '.join(spec.by_name)}",
                )
        for fld in spec.fields:
            value = node.get(fld.name)
            if value is None:
                if fld.required:
                    self._problem(
                        display,
                        node.lines.get(fld.name, node.line),
                        f"{label}: missing required field '{fld.name}' ({fld.doc[0].lower()}{fld.doc[1:].rstrip('.')})",
                    )
                continue
            converted = self._value(fld, value, node.lines[fld.name], display, label)
            if converted is not None:
                values[fld.name] = converted
        if spec.key in values and spec.kind != "history entry":
            # declared even when other fields are wrong, so a duplicate is still reported
            self._declare(spec, values[spec.key], display, node.lines[spec.key])
        if len(self.problems) > before:
            return None
        self._record_rules(spec, values, node, display, label)
        if len(self.problems) > before:
            return None
        return spec.cls(**values)

    def _value(self, fld: Field, value: Any, line: int, display: str, label: str) -> Any:
        if fld.type == "records":
            return self._records(fld, value, line, display, label)
        if fld.type == "list":
            return self._list(fld, value, line, display, label)
        return self._scalar(fld.type, value, line, display, label, fld.name)

    # Messages are built only when something is wrong: a large valid file never pays for them.
    def _scalar(self, rule: str, value: Any, line: int, display: str, label: str, name: str) -> Any:
        try:
            converted = _RULES[rule](value)
        except _Bad as bad:
            self._problem(display, line, f"{label}: '{name}': {bad}")
            return None
        if rule in _REFERENCES:
            self.references.append((_REFERENCES[rule], converted, display, line, label, name))
        return converted

    def _list(self, fld: Field, value: Any, line: int, display: str, label: str) -> tuple[Any, ...] | None:
        if not isinstance(value, YSeq):
            where = f"{label}: '{fld.name}'"
            if type(value) is str and fld.min_items:
                self._problem(
                    display, line, f"{where}: expected a list, got {_describe(value)}: write [{_clip(value)}]"
                )
            else:
                self._problem(display, line, f"{where}: expected a list, got {_describe(value)}")
            return None
        if len(value) < fld.min_items:
            plural = "s" if fld.min_items > 1 else ""
            self._problem(display, line, f"{label}: '{fld.name}': needs at least {fld.min_items} item{plural}")
            return None
        items: list[Any] = []
        seen: dict[Any, int] = {}
        ok = True
        assert fld.item is not None
        for item, item_line in zip(value, value.lines, strict=False):
            converted = self._scalar(fld.item, item, item_line, display, label, fld.name)
            if converted is None:
                ok = False
            elif converted in seen:
                self._problem(display, item_line, f"{label}: '{fld.name}': '{_clip(str(converted))}' is listed twice")
                ok = False
            else:
                seen[converted] = item_line
                items.append(converted)
        return tuple(items) if ok else None

    def _records(self, fld: Field, value: Any, line: int, display: str, label: str) -> tuple[Any, ...] | None:
        assert fld.record is not None
        spec = SPECS[fld.record]
        if not isinstance(value, YSeq):
            self._problem(
                display, line, f"{label}: '{fld.name}' must be a list of {spec.kind} mappings, not {_describe(value)}"
            )
            return None
        if len(value) < fld.min_items:
            self._problem(display, line, f"{label}: '{fld.name}' needs at least {fld.min_items} {spec.kind}")
            return None
        records = []
        for number, (item, item_line) in enumerate(zip(value, value.lines, strict=False), 1):
            record = self._record(spec, item, item_line, display, f"{label}, {spec.kind} {number}")
            records.append(record)
        return None if any(r is None for r in records) else tuple(records)

    def _record_rules(self, spec: RecordSpec, values: dict[str, Any], node: YMap, display: str, label: str) -> None:
        """Rules between the fields of one record."""
        if spec.cls is Event:
            # 'reported' may come before 'date': drills and launches are often announced.
            date, until = values["date"], values.get("until")
            if until is not None and (until.start < date.start or until.end < date.end):
                self._problem(display, node.lines["until"], f"{label}: 'until' ({until}) is before 'date' ({date})")
        elif spec.cls is Relation:
            history = values.get("history", ())
            lines = node["history"].lines if history else []
            for previous, entry, entry_line in zip(history, history[1:], lines[1:], strict=False):
                if not previous.date < entry.date:
                    self._problem(
                        display,
                        entry_line,
                        f"{label}: history out of date order: {entry.date} comes after {previous.date}; "
                        "list the entries oldest first",
                    )
            if history:
                last = history[-1]
                if values["status"] != last.status:
                    self._problem(
                        display,
                        node.lines["status"],
                        f"{label}: 'status' is {values['status']} "
                        f"but the last history entry ({last.date}) says {last.status}",
                    )
                began = status_began(history)
                if began is not None:
                    values.setdefault("since", began.date)

    def _declare(self, spec: RecordSpec, key: str, display: str, line: int) -> None:
        namespace = {"event": "id", "fact": "id", "glossary term": "id"}.get(spec.kind, spec.kind)
        seen = self.declared.setdefault(namespace, {})
        if key in seen:
            first = seen[key]
            what = {"id": "id", "country": "country code", "tag": "tag", "relation": "relation with"}[namespace]
            self._problem(display, line, f"duplicate {what} '{key}': already declared at {first.file}:{first.line}")
        else:
            seen[key] = Problem(display, line, spec.kind)

    def finish(self) -> Dataset:
        """Check references across all files; return the data set or raise DataError."""
        known = {
            "tag": self.declared.get("tag", {}),
            "country": self.declared.get("country", {}),
            "event": {k: v for k, v in self.declared.get("id", {}).items() if v.message == "event"},
        }
        for what, name, display, line, label, field in [] if self.incomplete else self.references:
            if name not in known[what]:
                declare = {
                    "tag": "; tags are declared under 'tags'",
                    "country": "; countries are declared under 'countries'",
                    "event": "",
                }[what]
                self._problem(
                    display, line, f"{label}: '{field}': unknown {what} '{name}'{_hint(name, known[what])}{declare}"
                )
        if self.problems:
            raise DataError(self.problems)
        by_kind = {kind: tuple(records) for kind, records in self.records.items()}
        events = tuple(sorted(by_kind["events"], key=lambda e: (e.date, e.until or e.date, e.id)))
        return Dataset(**{**by_kind, "events": events})


def _label(spec: RecordSpec, node: YMap) -> str:
    key = node.get(spec.key) if spec.key else None
    if type(key) is str and key.strip():
        return f"{spec.kind} '{_clip(key)}'"
    return spec.kind


def _hint(name: str, choices: Iterable[str]) -> str:
    close = suggest(name, choices)
    return f" (did you mean '{close[0]}'?)" if close else ""
