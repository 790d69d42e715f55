from datetime import date

import pytest

from learning.text.dates import format_date, format_date_range, is_iso_date, read_date


@pytest.mark.parametrize(
    ("precision", "written"),
    [("day", "3 November 2017"), ("month", "November 2017"), ("year", "2017")],
)
def test_a_date_is_written_to_its_precision(precision, written):
    assert format_date(value=date(2017, 11, 3), precision=precision) == written


@pytest.mark.parametrize(
    ("first", "last", "written"),
    [
        (date(2017, 11, 3), None, "3 November 2017"),
        (date(2017, 11, 3), date(2017, 11, 9), "3–9 November 2017"),
        (date(2017, 10, 26), date(2017, 12, 9), "26 October – 9 December 2017"),
        (date(2016, 12, 30), date(2017, 1, 2), "30 December 2016 – 2 January 2017"),
    ],
)
def test_a_range_says_the_shared_month_and_year_once(first, last, written):
    assert format_date_range(first=first, last=last, precision="day") == written


def test_a_range_within_one_month_written_to_the_month_is_that_month():
    written = format_date_range(first=date(2017, 11, 3), last=date(2017, 11, 17), precision="month")
    assert written == "November 2017"


@pytest.mark.parametrize(
    ("text", "valid"),
    [("2017-11-17", True), (" 2017-11-17 ", True), ("2017-02-30", False), ("17/11/2017", False)],
)
def test_only_a_real_calendar_date_written_yyyy_mm_dd_is_iso(text, valid):
    assert is_iso_date(text) is valid


@pytest.mark.parametrize(
    "typed",
    [
        "2017-11-17",
        "17/11/2017",
        "17.11.2017",
        "17 Nov 2017",
        "17th of November 2017",
        "November 17, 2017",
        "nov 17 2017",
    ],
)
def test_a_typed_date_is_read_day_first_in_any_common_form(typed):
    assert read_date(typed) == date(2017, 11, 17)


@pytest.mark.parametrize("typed", ["", "tomorrow", "31/02/2017", "17 Smarch 2017"])
def test_what_is_no_date_reads_as_none(typed):
    assert read_date(typed) is None
