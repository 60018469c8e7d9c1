"""Partial dates: a year, a month or a day, each standing for the interval of days it names.

No I/O here. Every date comparison in nkfacts goes through :class:`PartialDate`.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import IntEnum
from functools import lru_cache
from typing import NamedTuple

__all__ = ["MONTH_NAMES", "PartialDate", "Precision", "DateFormatError", "days_in_month"]

_PATTERN = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
MONTH_NAMES = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


class DateFormatError(ValueError):
    """A text that is not a partial date; the message says what was expected."""


class Precision(IntEnum):
    YEAR = 1
    MONTH = 2
    DAY = 3


def days_in_month(year: int, month: int) -> int:
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _DAYS[month]


class _Parts(NamedTuple):
    year: int
    month: int
    day: int


class PartialDate(_Parts):
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

    Missing parts are 0, so the natural order sorts a coarser date before a finer one
    that starts on the same day (``2016`` < ``2016-01`` < ``2016-01-01``). Only real
    dates can be made: the constructor checks every part.
    """

    __slots__ = ()

    def __new__(cls, year: int, month: int = 0, day: int = 0) -> PartialDate:
        if not 1 <= year <= 9999:
            raise DateFormatError(f"year {year} is out of range 1-9999")
        if month == 0:
            if day:
                raise DateFormatError("a day needs a month")
        elif not 1 <= month <= 12:
            raise DateFormatError(f"month {month:02d} does not exist")
        elif day:
            last = days_in_month(year, month)
            if not 1 <= day <= last:
                raise DateFormatError(f"day {day:02d} does not exist: {MONTH_NAMES[month]} {year} has {last} days")
        return super().__new__(cls, year, month, day)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; anything else is a :class:`DateFormatError`."""
        match = _PATTERN.fullmatch(text)
        if match is None:
            raise DateFormatError(f"'{text}' is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = match.groups()
        try:
            if month == "00" or day == "00":  # 0 means "no month/day" inside; written, it is wrong
                raise DateFormatError(f"{'month' if month == '00' else 'day'} 00 does not exist")
            return cls(int(year), int(month or 0), int(day or 0))
        except DateFormatError as exc:
            raise DateFormatError(f"'{text}' is not a real date: {exc}") from None

    @classmethod
    def from_date(cls, day: dt.date) -> PartialDate:
        return cls(day.year, day.month, day.day)

    @property
    def precision(self) -> Precision:
        if self.day:
            return Precision.DAY
        return Precision.MONTH if self.month else Precision.YEAR

    @property
    def start(self) -> dt.date:
        """The first day the date covers."""
        return _bounds(self.year, self.month, self.day)[0]

    @property
    def end(self) -> dt.date:
        """The last day the date covers."""
        return _bounds(self.year, self.month, self.day)[1]

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        first, last = _bounds(self.year, self.month, self.day)
        return first <= end and last >= start

    def __str__(self) -> str:
        return _text(self.year, self.month, self.day)

    def __repr__(self) -> str:
        return f"PartialDate('{self}')"


@lru_cache(maxsize=65536)
def _text(year: int, month: int, day: int) -> str:
    if day:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return f"{year:04d}-{month:02d}" if month else f"{year:04d}"


@lru_cache(maxsize=65536)
def _bounds(year: int, month: int, day: int) -> tuple[dt.date, dt.date]:
    if day:
        same = dt.date(year, month, day)
        return same, same
    if month:
        return dt.date(year, month, 1), dt.date(year, month, days_in_month(year, month))
    return dt.date(year, 1, 1), dt.date(year, 12, 31)
