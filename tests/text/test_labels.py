import pytest

from learning.text.labels import field_label


@pytest.mark.parametrize(
    ("key", "side", "label"),
    [
        ("Partof", "", "Part of"),
        ("Combatant1", "", "Combatants"),
        ("Strength2", "IS", "Strength (IS)"),
        ("Casualties1", "Iraq", "Casualties and losses (Iraq)"),
        ("Native name", "", "Native name"),
        ("Born", "", "Born"),
    ],
)
def test_a_field_name_reads_in_words(key, side, label):
    assert field_label(key, side=side) == label
