"""Infobox lists read as a careful reader would: names without flags, empty entries or
markers, and what was said of each kept apart."""

import pytest

from learning.content.extraction import extract
from learning.content.infobox import entries, split_outside_parentheses
from learning.content.parsing import parse_article


def _names(value: str, **options) -> list[str]:
    return [entry.name for entry in entries(value, **options)]


def test_flag_images_and_empty_flag_entries_are_no_entries():
    assert _names("18px France, ' State of Vietnam, '") == ["France", "State of Vietnam"]
    assert _names("', Zulu Kingdom") == ["Zulu Kingdom"]


def test_supporters_are_marked_and_keep_their_note():
    found = entries("18px France, Supported by:, 18px United States (Air support)")
    assert [(e.name, e.supporting, e.note) for e in found] == [
        ("France", False, ""),
        ("United States", True, "Air support"),
    ]


def test_a_note_that_something_was_denied_is_kept_apart_from_the_name():
    (china,) = entries("Supported by:, ' People's Republic of China (denied by Beijing)")
    assert (china.name, china.note) == ("People's Republic of China", "denied by Beijing")


@pytest.mark.parametrize(
    ("value", "name", "fates"),
    [
        ("Jules GaucherKIA", "Jules Gaucher", ("killed in action",)),
        ("Col. Anthony Durnford KIA", "Col. Anthony Durnford", ("killed in action",)),
        ("Christian de Castries (POW)", "Christian de Castries", ("taken prisoner",)),
        ("Loukas Notaras (POW, executed)", "Loukas Notaras", ("taken prisoner", "executed")),
        ("Charles Piroth†", "Charles Piroth", ("killed",)),
    ],
)
def test_fate_markers_glued_or_spaced_leave_the_name_and_are_kept(value, name, fates):
    (entry,) = entries(value, people=True)
    assert (entry.name, entry.fates) == (name, fates)


def test_a_commander_s_parenthesis_is_a_role_unless_it_says_what_happened():
    found = entries(
        "Kliment Voroshilov (People's Commissar for Defence), Mir Jafar (did not engage)",
        people=True,
    )
    assert [(e.name, e.role, e.note) for e in found] == [
        ("Kliment Voroshilov", "People's Commissar for Defence", ""),
        ("Mir Jafar", "", "did not engage"),
    ]


def test_two_commanders_joined_by_and_are_two_people():
    assert _names("Sultan Qutuz and Baybars", people=True) == ["Sultan Qutuz", "Baybars"]
    # Units are not people: "2nd and 3rd" regiments stay one entry.
    assert _names("2nd and 3rd Foreign Infantry Regiments") == [
        "2nd and 3rd Foreign Infantry Regiments"
    ]


def test_commas_inside_parentheses_do_not_split():
    assert split_outside_parentheses("Loukas Notaras (POW, executed), Baidar") == [
        "Loukas Notaras (POW, executed)",
        "Baidar",
    ]


def test_a_casualty_figure_of_the_dead_alone_counts_the_killed():
    text = (
        "= Battle =\n\nInfobox military conflict\n- Combatant1: France\n- Combatant2: Viet Minh\n"
    )
    text += "- Casualties1: 1,571–2,293 killed, 5,195–6,650 wounded\n- Casualties2: 8,000\n\n"
    text += "The battle was fought in 1954.\n"
    extraction = extract(article=parse_article(text=text))
    units = {f.infobox_field: f.unit for f in extraction.facts if f.kind == "quantity"}
    assert units == {"Casualties1": "killed", "Casualties2": "casualties"}


def _field_facts(infobox: str, title: str = "Great Zimbabwe") -> dict[str, list[tuple]]:
    text = f"= {title} =\n\nInfobox settlement\n{infobox}\n{title} is a ruined city.\n"
    found: dict[str, list[tuple]] = {}
    for fact in extract(article=parse_article(text=text)).facts:
        if fact.infobox_field:
            found.setdefault(fact.infobox_field, []).append(
                (fact.kind, fact.subject, fact.value, fact.date_precision)
            )
    return found


def test_a_birth_is_an_event_on_its_day_and_a_birthplace():
    facts = _field_facts(
        "- Born: 14 November 1889, Allahabad, North-Western Provinces, British India\n"
        "- Died: 27 May 1964 (aged 74), New Delhi, India\n",
        title="Jawaharlal Nehru",
    )
    assert facts["Born"] == [
        ("event", "Jawaharlal Nehru was born", "14 November 1889", "day"),
        ("attribute", "the birthplace of Jawaharlal Nehru", "Allahabad", ""),
    ]
    assert facts["Died"] == [("event", "Jawaharlal Nehru died", "27 May 1964", "day")]


def test_a_bare_year_dates_a_field_and_its_note_says_what_was_designated():
    facts = _field_facts(
        "- Abandoned: 1450\n- Designated: 1986 (UNESCO World Heritage Site)\n"
        "- Founded: 11th century (stone building from c. 1200)\n"
    )
    assert facts["Abandoned"] == [("event", "Great Zimbabwe was abandoned", "1450", "year")]
    assert facts["Designated"] == [
        ("event", "Great Zimbabwe was designated a UNESCO World Heritage Site", "1986", "year")
    ]
    # A century is no date to ask, and "the founded of Great Zimbabwe" is no subject.
    assert "Founded" not in facts


def test_a_designation_without_saying_what_and_a_year_before_christ_make_no_fact():
    facts = _field_facts("- Designated: 1986\n- Founded: 331 BC\n")
    assert "Designated" not in facts and "Founded" not in facts


def test_a_date_the_field_doubts_is_no_event_but_the_birthplace_stays():
    facts = _field_facts(
        "- Born: c. 20 May 1743 (date disputed), Bréda plantation, Saint-Domingue\n"
        "- Abandoned: c. 1450\n- Died: 1137 (or 1138)\n",
        title="Toussaint Louverture",
    )
    assert facts["Born"] == [
        ("attribute", "the birthplace of Toussaint Louverture", "Bréda plantation", "")
    ]
    assert "Abandoned" not in facts and "Died" not in facts


@pytest.mark.parametrize(
    ("result", "winner"),
    [
        ("Decisive Zulu victory, First invasion of Zululand halted", "Zulu Kingdom"),
        ("Decisive East India Company victory, Siraj-ud-Daulah deposed", "East India Company"),
        ("Decisive allied victory, Cao Cao withdraws to the north", None),
        ("Moscow Peace Treaty", None),
    ],
)
def test_the_result_names_the_side_that_won_by_its_label(result, winner):
    text = (
        "= Battle of Test =\n\nInfobox military conflict\n- Combatant1: East India Company\n"
        f"- Combatant2: Zulu Kingdom\n- Result: {result}\n\nThe battle was fought in 1879.\n"
    )
    facts = extract(article=parse_article(text=text)).facts
    won = [f for f in facts if f.question.startswith("Which side won")]
    assert [f.value for f in won] == ([winner] if winner else [])
    assert all(f.question == "Which side won the Battle of Test?" for f in won)


def test_a_commander_absent_from_the_battle_is_asked_nothing():
    text = (
        "= Battle of Isandlwana =\n\nInfobox military conflict\n- Combatant1: United Kingdom\n"
        "- Combatant2: Zulu Kingdom\n- Commander1: Lord Chelmsford (absent from the battle),"
        " Henry Pulleine\n\nThe battle was fought in 1879.\n"
    )
    facts = extract(article=parse_article(text=text)).facts
    commanders = {f.value for f in facts if f.infobox_field == "Commander1" and f.kind == "role"}
    assert commanders == {"Henry Pulleine"}


def test_no_side_is_asked_to_have_won_what_the_title_says_it_won():
    text = (
        "= Fall of Constantinople =\n\nInfobox military conflict\n- Combatant1: Ottoman Empire\n"
        "- Combatant2: Byzantine Empire\n- Result: Ottoman victory\n\nThe city fell in 1453.\n"
    )
    facts = extract(article=parse_article(text=text)).facts
    assert not [f for f in facts if f.question.startswith("Which side won")]
