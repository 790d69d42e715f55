import pytest

from learning.text.english import (
    base_form,
    is_participle,
    is_past,
    participle_of,
    past_of,
    past_of_gerund,
)


@pytest.mark.parametrize(
    ("past", "base"),
    [("captured", "capture"), ("dropped", "drop"), ("took", "take"), ("carried", "carry")],
)
def test_the_base_form_of_a_past_verb(past, base):
    assert base_form(past) == base


def test_irregular_verbs_move_between_past_and_participle():
    assert past_of("taken") == "took"
    assert participle_of("took") == "taken"
    assert past_of("captured") == "captured"


@pytest.mark.parametrize(
    ("gerund", "past"),
    [("taking", "took"), ("beginning", "began"), ("fleeing", "fled"), ("capturing", "captured")],
)
def test_a_gerund_gives_its_past(gerund, past):
    assert past_of_gerund(gerund) == past


@pytest.mark.parametrize(
    ("word", "past", "participle"),
    [
        ("took", True, True),
        ("taken", False, True),
        ("captured", True, True),
        ("hundred", False, False),
    ],
)
def test_past_forms_and_participles_are_told_apart_from_other_words(word, past, participle):
    assert is_past(word) is past
    assert is_participle(word) is participle
