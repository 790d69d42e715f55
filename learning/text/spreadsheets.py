"""Cells a spreadsheet opens as text, never as a formula (CSV injection)."""

# A spreadsheet runs a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def text_cell(value: str) -> str:
    """The text with a leading apostrophe when a spreadsheet would read it as a formula."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value
