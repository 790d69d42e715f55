from learning.text.demonyms import other_names


def test_a_people_is_its_state_in_other_words_and_back():
    assert other_names("French") == ["France"]
    assert other_names("the Ottomans") == ["Ottoman Empire"]
    assert set(other_names("Ottoman Empire")) == {"Ottomans", "Turks"}


def test_any_other_name_has_no_other_words():
    assert other_names("Rawa") == []
    assert other_names("Corps of Discovery") == []
