"""Partial dates: parsing, the interval each covers, and their order."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nkfacts.dates import DateFormatError, PartialDate, Precision


@pytest.mark.parametrize(
    ("text", "precision", "start", "end"),
    [
        ("2016", Precision.YEAR, "2016-01-01", "2016-12-31"),
        ("2016-02", Precision.MONTH, "2016-02-01", "2016-02-29"),
        ("2023-02", Precision.MONTH, "2023-02-01", "2023-02-28"),
        ("1900-02", Precision.MONTH, "1900-02-01", "1900-02-28"),
        ("2000-02", Precision.MONTH, "2000-02-01", "2000-02-29"),
        ("2016-02-10", Precision.DAY, "2016-02-10", "2016-02-10"),
        ("0001", Precision.YEAR, "0001-01-01", "0001-12-31"),
        ("9999-12", Precision.MONTH, "9999-12-01", "9999-12-31"),
    ],
)
def test_a_partial_date_covers_the_days_it_names(text: str, precision: Precision, start: str, end: str) -> None:
    date = PartialDate.parse(text)
    assert date.precision is precision
    assert (date.start.isoformat(), date.end.isoformat()) == (start, end)
    assert str(date) == text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2023-02-30", "'2023-02-30' is not a real date: day 30 does not exist: February 2023 has 28 days"),
        ("2016-13", "'2016-13' is not a real date: month 13 does not exist"),
        ("2016-00", "'2016-00' is not a real date: month 00 does not exist"),
        ("0000", "'0000' is not a real date: year 0 is out of range 1-9999"),
        ("1900-02-29", "'1900-02-29' is not a real date: day 29 does not exist: February 1900 has 28 days"),
        ("10/02/2016", "'10/02/2016' is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD"),
        ("Feb 2016", "'Feb 2016' is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2016-2-3", "'2016-2-3' is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD"),
        ("16", "'16' is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2016-02-10T10:00", "'2016-02-10T10:00' is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD"),
        (" 2016", "' 2016' is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD"),
        ("２０１６", "'２０１６' is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD"),
    ],
)
def test_anything_else_is_refused_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(DateFormatError) as caught:
        PartialDate.parse(text)
    assert str(caught.value) == message


def test_a_coarser_date_sorts_before_a_finer_one_on_the_same_first_day() -> None:
    dates = [PartialDate.parse(t) for t in ("2016-01-01", "2015-12-31", "2016", "2016-01", "2016-02")]
    assert [str(d) for d in sorted(dates)] == ["2015-12-31", "2016", "2016-01", "2016-01-01", "2016-02"]


def test_overlap_is_between_intervals() -> None:
    year = PartialDate.parse("2016")
    assert year.overlaps(dt.date(2016, 1, 1), dt.date(2016, 2, 29))
    assert not year.overlaps(dt.date(2017, 1, 1), dt.date(2017, 1, 2))
    assert PartialDate.parse("2016-02").overlaps(dt.date(2016, 2, 29), dt.date(2016, 3, 5))


partial_dates = st.builds(
    lambda day, precision: PartialDate(day.year, day.month if precision > 1 else 0, day.day if precision > 2 else 0),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.integers(1, 3),
)


@given(partial_dates)
def test_writing_then_reading_gives_the_same_date(date: PartialDate) -> None:
    assert PartialDate.parse(str(date)) == date


@given(partial_dates)
def test_the_interval_holds_its_own_start_and_end(date: PartialDate) -> None:
    assert date.start <= date.end
    assert date.overlaps(date.start, date.start) and date.overlaps(date.end, date.end)
    assert PartialDate.from_date(date.start).start == date.start


@given(partial_dates, partial_dates)
def test_order_agrees_with_the_intervals(a: PartialDate, b: PartialDate) -> None:
    # Earlier start first; on the same first day, the coarser date first.
    if a.start != b.start:
        assert (a < b) == (a.start < b.start)
    elif a.precision != b.precision:
        assert (a < b) == (a.precision < b.precision)
    else:
        assert a == b


@given(st.text(max_size=12))
def test_parsing_any_text_gives_a_date_or_a_clear_error(text: str) -> None:
    try:
        date = PartialDate.parse(text)
    except DateFormatError as exc:
        assert repr(text)[1:-1] in str(exc) or text in str(exc)
    else:
        assert str(date) == text
