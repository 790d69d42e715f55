"""A generated question is read back: pasted fragments, clipped words and pronouns that point
at nobody turn it away, and clean questions pass."""

import pytest

from learning.bank.generation.grammar import flaw, is_fragment, opens_as_common_word


@pytest.mark.parametrize(
    "text",
    [
        "When did the Iraqi Army capture Rawa?",
        "Is it true that Haider al-Abadi announced the offensive on 26 October?",
        "How many km² of desert did the army clear (11,197 sq mi)?",
        "Who was Siraj-ud-Daulah's general at Plassey?",
        "Which village was cleared 55 km south-east of al-Qa'im?",
        "Is it true that Mannerheim moved his headquarters to Mikkeli?",
        'Who stated, "The legions are advancing"?',
        "On which date did Qutuz gather an army and set out from Cairo?",
        "Is it true that Iraqi forces held a parade to celebrate their victory over IS?",
        # A round figure is no figure cut at its comma.
        "Is it true that the United Kingdom suffered more than 1,000 casualties at Isandlwana?",
    ],
)
def test_a_clean_question_passes(text):
    assert flaw(text) is None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("When did After the winter defeats Stalin reorganise the command?", "'After'"),
        ("Is it true that On the march back he was assassinated?", "'On'"),
        ("Is it true that The army captured Rawa?", "'The'"),
        ("When had Finland h been a grand duchy?", "'h'"),
        ("Who enjoyed his success only briefly?", "'his'"),
        ("In which year was she made a saint?", "'she'"),
        ("When did Bolívar declare independence and named itself Gran Colombia?", "'named'"),
        ("Someone was the was governor.", "'was'"),
        ("The place captured by were was someone.", "'were'"),
        ("Is it true that the Ottomans took Nicopolis in 1431 in 1181?", "two dates"),
        ("In which year did Toussaint negotiate the withdrawal with Brig?", "abbreviation"),
    ],
)
def test_a_garbled_question_is_turned_away_saying_why(text, found):
    assert found in flaw(text)


@pytest.mark.parametrize(
    ("clause", "common"),
    [
        ("More battalions arrived", True),
        ("Iraqi forces reached al-Qaim", False),
        ("Rawa fell", False),
    ],
)
def test_a_clause_opening_with_a_common_word_is_told_from_one_opening_with_a_name(clause, common):
    assert opens_as_common_word(clause) is common


@pytest.mark.parametrize(
    "text",
    [
        "Who sent for help, and Alexander broke off his pursuit?",
        "Someone held the left, and Craterus commanded the left part of the infantry.",
        "In which year did estimates vary widely; a study put it at 900,000?",
    ],
)
def test_two_clauses_pasted_into_one_question_are_turned_away(text):
    assert flaw(text) is not None


def test_two_verbs_of_one_subject_are_one_clause():
    assert flaw("On which date did Qutuz gather an army and set out from Cairo?") is None


@pytest.mark.parametrize(
    "text",
    [
        "Who had begun the siege in August 1189?",
        "Who signed the agreement in early June?",
        "On which date were both treaties signed in Münster?",
        "Who listed the kingdom of the Axumites in the same century?",
        "When did the landings take place?",
        "In which month did the return begin?",
        "Is it true that Venice hosted the peace conference in 1177?",
    ],
)
def test_a_question_pointing_at_a_thing_it_does_not_name_is_turned_away(text):
    assert "does not name" in flaw(text)


def test_a_thing_named_by_what_follows_it_passes():
    assert flaw("When did the siege of Acre begin?") is None


@pytest.mark.parametrize(
    "text",
    [
        "How many the most commonly cited figure?",
        "How many worst defeats suffered by a modern European army?",
        "How many newly created provinces?",
    ],
)
def test_a_count_of_no_thing_is_turned_away(text):
    assert flaw(text) is not None


@pytest.mark.parametrize(
    ("clause", "common"), [("Eanes was elected", False), ("News arrived", True)]
)
def test_a_first_word_no_dictionary_holds_is_a_name(clause, common):
    assert opens_as_common_word(clause) is common


@pytest.mark.parametrize(
    "text",
    [
        "Is it true that 6 newly created provinces?",
        "How many free people were enslaved by 000 of colour?",
    ],
)
def test_a_statement_with_no_verb_or_a_figure_cut_in_two_is_turned_away(text):
    assert flaw(text) is not None


@pytest.mark.parametrize(
    ("event", "cut_short"),
    [
        ("China declared", True),
        ("The IFP agreed", True),
        ("Parliament drew up", True),
        ("Two months later the fleet of the Holy League", True),
        ("Saladin died", False),
        ("Constantinople fell", False),
        ("The Peace of Münster was signed", False),
        ("Venice took Treviso", False),
    ],
)
def test_an_event_cut_short_is_told_from_a_whole_one(event, cut_short):
    assert is_fragment(event) is cut_short
