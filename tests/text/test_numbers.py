from decimal import Decimal

import pytest

from learning.text.numbers import format_number, numeric_bounds, plain_number, read_number


@pytest.mark.parametrize(
    ("value", "written"),
    [(Decimal(1500), "1,500"), (Decimal("116.20"), "116.2"), (Decimal("75.00"), "75")],
)
def test_numbers_are_written_with_thousands_separators_and_no_trailing_zeros(value, written):
    assert format_number(value) == written


def test_a_plain_number_has_no_separator_and_no_exponent():
    assert plain_number(Decimal("1E+3")) == "1000"
    assert plain_number(Decimal("7.50")) == "7.5"


@pytest.mark.parametrize(
    ("text", "number"),
    [("1,500", 1500), ("1 500", 1500), ("1500", 1500), ("−2.5", Decimal("-2.5")), ("x", None)],
)
def test_a_number_is_read_with_any_grouping_and_sign(text, number):
    assert read_number(text) == number


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        ("75", (75, 75)),
        ("1,500–2,000", (1500, 2000)),
        ("1500-2000", (1500, 2000)),
        ("1500 to 2000", (1500, 2000)),
        ("1500..2000", (1500, 2000)),
        ("2000–1500", None),
        ("about 75", None),
    ],
)
def test_numeric_bounds_read_a_number_or_a_rising_range(text, bounds):
    assert numeric_bounds(text) == bounds
