from learning.text.places import CITY, CONTINENT, COUNTRY, place_kind, same_place


def test_countries_continents_and_cities_are_told_apart():
    assert place_kind("Egypt") == COUNTRY
    assert place_kind("the United States") == COUNTRY
    assert place_kind("Europe") == CONTINENT
    assert place_kind("Damascus") == place_kind("Orléans") == CITY


def test_a_city_is_known_by_its_older_names_too():
    assert place_kind("Constantinople") == CITY
    assert same_place("Calcutta", "Kolkata")
    assert same_place("Constantinople", "Istanbul")
    assert not same_place("Calcutta", "Madras")


def test_a_name_the_tables_do_not_hold_is_of_no_known_kind():
    assert place_kind("Angkor") == ""
    assert not same_place("Angkor", "Angkor Thom")
