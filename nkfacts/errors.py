"""One error base for nkfacts, with the exit code each kind of failure ends with."""

# No __future__ annotations: NamedTuple would compile each string annotation at every start.
import os
import re
from collections.abc import Iterable, Sequence
from enum import IntEnum
from typing import NamedTuple

__all__ = ["DataError", "ExitCode", "NkfactsError", "NotFound", "Problem", "Unknown", "printable", "suggest"]


class ExitCode(IntEnum):
    OK = 0
    FAILURE = 1  # bad data, a failed operation, a record not found
    USAGE = 2  # a bad option or argument
    INTERRUPTED = 130  # Ctrl-C: 128 + SIGINT
    BROKEN_PIPE = 141  # the reader went away: 128 + SIGPIPE, as a shell reports it


class Problem(NamedTuple):
    """One thing wrong with the data, located as ``FILE:LINE``."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.message}"


class NkfactsError(Exception):
    exit_code = ExitCode.FAILURE


class DataError(NkfactsError):
    """The data cannot be loaded; every problem found is listed, in file and line order."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0))
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the data")


class Unknown(LookupError):
    """A name that matches nothing; ``suggestions`` are the closest known names."""

    def __init__(self, what: str, name: str, suggestions: Sequence[str] = ()) -> None:
        self.what, self.name, self.suggestions = what, name, tuple(suggestions)
        self.hint = f" (did you mean {_quoted(self.suggestions)}?)" if self.suggestions else ""
        super().__init__(f"unknown {what} '{name}'{self.hint}")


class NotFound(NkfactsError):
    """A record asked for by name or id that does not exist."""


# C0 and C1 controls (but tab and line feed), DEL, and the invisible marks that reorder or
# hide text: bidirectional overrides and isolates, line and paragraph separators.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Text safe for a terminal: every unsafe character shown as a visible escape (``\\x1b``)."""
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def suggest(name: str, choices: Iterable[str], *, count: int = 1, cutoff: float = 0.6) -> list[str]:
    """The known names closest to ``name``, for a "did you mean" hint."""
    import difflib

    choices = list(choices)
    key = name.casefold()

    def shared(choice: str) -> int:  # length of the common start
        return len(os.path.commonprefix([key, choice.casefold()]))

    # a name that starts the same way for at least half the shorter one comes first: 'allied'
    # means 'ally' rather than 'limited', 'kaesong-closur' means 'kaesong-closure-2016'
    started = sorted(
        (c for c in choices if shared(c) >= 3 and 2 * shared(c) >= min(len(key), len(c))),
        key=lambda c: (-shared(c), len(c)),  # the longest common start, then the shortest name
    )
    close = difflib.get_close_matches(name, choices, n=count, cutoff=cutoff)
    return list(dict.fromkeys([*started[:count], *close]))[:count]


def _quoted(names: Sequence[str]) -> str:
    quoted = [f"'{n}'" for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
