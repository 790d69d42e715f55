import pytest

from learning.text.spreadsheets import text_cell


@pytest.mark.parametrize("value", ["=cmd|' /C calc'!A0", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_kept_as_text(value):
    assert text_cell(value) == f"'{value}"


def test_other_cells_are_left_as_they_are():
    assert text_cell("Rawa") == "Rawa"
