"""A clause becomes a question only when it tells a past event, with its verb's real base."""

import pytest

from learning.bank.generation.phrasing import question_from_clause
from learning.text.english import base_form, is_description


@pytest.mark.parametrize(
    "clause",
    [
        "Ain Jalut is often described as the first major defeat of the Mongols",
        "the site is now managed as the Great Zimbabwe National Monument",
    ],
)
def test_a_clause_that_says_what_is_gets_no_when_question(clause):
    assert question_from_clause(clause=clause, wh="In which year") is None


@pytest.mark.parametrize(
    ("past", "base"), [("described", "describe"), ("concluded", "conclude"), ("fled", "flee")]
)
def test_the_base_form_comes_from_the_dictionary(past, base):
    assert base_form(past) == base


@pytest.mark.parametrize(
    ("name", "description"),
    [("near Rajmahal", True), ("new Nawab", True), ("al-Qaim", False), ("ibn Battuta", False)],
)
def test_a_lower_case_first_word_makes_a_description_unless_it_begins_names(name, description):
    assert is_description(name) is description


@pytest.mark.parametrize(
    ("name", "broken"),
    [("At Sun Quan", True), ("V", True), ("4th Mosul", True), ("14th Army", False), ("T1", False)],
)
def test_a_broken_piece_of_a_name_is_no_name(name, broken):
    assert is_description(name) is broken
