"""Dates as the app writes them ("17 November 2017") and reads them back from people.

Month names are spelt out here rather than taken from the locale, so that a server's
language never changes what students see or what the grader accepts.
"""

import re
import unicodedata
from datetime import date

MONTH_NAMES = (
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
# "november" -> 11, and the abbreviations people type ("nov", "sept").
MONTHS = {
    **{name.casefold(): number for number, name in enumerate(MONTH_NAMES, start=1)},
    **{name[:3].casefold(): number for number, name in enumerate(MONTH_NAMES, start=1)},
    "sept": 9,
}
# The precisions of a date (Fact.Precision's values).
DAY, MONTH, YEAR = "day", "month", "year"


def format_date(*, value: date, precision: str = DAY) -> str:
    """17 November 2017, November 2017 or 2017."""
    if precision == YEAR:
        return str(value.year)
    if precision == MONTH:
        return f"{MONTH_NAMES[value.month - 1]} {value.year}"
    return f"{value.day} {MONTH_NAMES[value.month - 1]} {value.year}"


def format_date_range(*, first: date, last: date | None, precision: str) -> str:
    """3–9 November 2017, 26 October – 9 December 2017, or two full dates across years."""
    if last is None or format_date(value=last, precision=precision) == format_date(
        value=first, precision=precision
    ):
        # "November 2017", not "November – November 2017".
        return format_date(value=first, precision=precision)
    end = format_date(value=last, precision=precision)
    if precision == DAY and (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{end}"
    start = format_date(value=first, precision=precision)
    if first.year == last.year:
        start = start.removesuffix(f" {first.year}")
    return f"{start} – {end}"


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def is_iso_date(text: str) -> bool:
    """Whether the text is a real calendar date written YYYY-MM-DD (how date answers are kept)."""
    text = text.strip()
    if _ISO_DATE.fullmatch(text) is None:
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_MONTH = r"(?P<month>[a-z]+)\.?"
_YEAR = r"(?P<year>\d{4})"
_TYPED_DATES = [
    re.compile(rf"{_YEAR}[-/.](?P<month>\d{{1,2}})[-/.]{_DAY}"),
    # Numeric dates are day first, as in the articles' British English.
    re.compile(rf"{_DAY}[-/.](?P<month>\d{{1,2}})[-/.]{_YEAR}"),
    re.compile(rf"{_DAY}\s*(?:of\s+)?{_MONTH},?\s*{_YEAR}"),
    re.compile(rf"{_MONTH}\s*{_DAY},?\s*{_YEAR}"),
]


def read_date(text: str) -> date | None:
    """A date as a person types it: 2017-11-17, 17/11/2017, 17 Nov 2017, November 17, 2017."""
    text = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    for pattern in _TYPED_DATES:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        month = match["month"]
        month_number = int(month) if month.isdigit() else MONTHS.get(month)
        try:
            return date(int(match["year"]), month_number or 0, int(match["day"]))
        except ValueError:
            return None
    return None
