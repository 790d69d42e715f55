import pytest

from learning.text.english import (
    base_form,
    is_participle,
    is_past,
    participle_of,
    past_of,
    past_of_gerund,
    titled,
    with_the,
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


@pytest.mark.parametrize(
    ("name", "in_a_sentence"),
    [
        ("Soviet Union", "the Soviet Union"),
        ("Finland", "Finland"),
        ("Viet Minh", "Viet Minh"),
        ("Empire of Japan", "the Empire of Japan"),
        ("Nawab of Bengal", "the Nawab of Bengal"),
        ("Bank of England", "Bank of England"),
    ],
)
def test_a_name_takes_the_when_its_head_is_a_common_noun(name, in_a_sentence):
    assert with_the(name) == in_a_sentence


@pytest.mark.parametrize(
    ("title", "in_a_sentence"),
    [
        ("Battle of Plassey", "the Battle of Plassey"),
        ("1883 eruption of Krakatoa", "the 1883 eruption of Krakatoa"),
        ("Joan of Arc", "Joan of Arc"),
        ("Great Zimbabwe", "Great Zimbabwe"),
    ],
)
def test_an_article_title_takes_the_when_it_names_a_thing(title, in_a_sentence):
    assert titled(title) == in_a_sentence
