"""Numbers as the app writes them ("1,500") and reads them back ("1,500", "1 500", "1500–2000")."""

import re
import unicodedata
from decimal import Decimal

# One number: a sign (ASCII or typographic minus), digits grouped by commas or spaces, or
# not grouped, and decimals.
NUMBER = r"[-−]?(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+|\d+)(?:\.\d+)?"
_NUMBER = re.compile(NUMBER)
# A range as articles and teachers write it: 1,500–2,000, 1500-2000, 1500 to 2000, 1500..2000.
_RANGE = re.compile(rf"(?P<low>{NUMBER})\s*(?:-|–|—|to|\.\.)\s*(?P<high>{NUMBER})")


def format_number(value: Decimal) -> str:
    """1500 -> "1,500"; 116.20 -> "116.2"."""
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value.normalize():,f}"


def plain_number(value: Decimal | int | str) -> str:
    """A number for a machine to read: 7.50 -> "7.5", 100.00 -> "100" (no exponent, no commas)."""
    return f"{Decimal(value).normalize():f}"


def _tidy(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def to_decimal(text: str) -> Decimal:
    """A NUMBER match as a Decimal."""
    return Decimal(text.replace(",", "").replace(" ", "").replace("−", "-"))


def read_number(text: str) -> Decimal | None:
    """The number the whole text is, or None: "1,500" -> 1500, "−2.5" -> -2.5."""
    text = _tidy(text)
    return to_decimal(text) if _NUMBER.fullmatch(text) else None


def read_range(text: str) -> tuple[Decimal, Decimal] | None:
    """The two ends of a range the whole text is, as written (not sorted), or None."""
    match = _RANGE.fullmatch(_tidy(text))
    if match is None:
        return None
    return to_decimal(match["low"]), to_decimal(match["high"])


def numeric_bounds(text: str) -> tuple[Decimal, Decimal] | None:
    """A numeric answer as (lowest, highest): "75" -> (75, 75), "1,500–2,000" -> (1500, 2000).

    None when the text is neither a number nor a range from low to high.
    """
    number = read_number(text)
    if number is not None:
        return number, number
    bounds = read_range(text)
    if bounds is None or bounds[0] > bounds[1]:
        return None
    return bounds
