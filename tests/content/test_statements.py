"""The parse-based statement reader: questions read from a clause's parts, or none when a
part is uncertain."""

from dataclasses import replace

from learning.content.extraction import statements
from learning.content.extraction.clauses import Context, find_anchors
from learning.content.extraction.entities import find_entities
from learning.content.extraction.sides import Sides
from learning.content.extraction.statements import statement_facts
from learning.content.language import english
from learning.content.parsing import parse_article

ARTICLE = """= Test campaign =

Infobox military conflict
- Date: 1258

In February 1258 Hulagu sacked Baghdad. Angkor Wat was built by Suryavarman II in 1150.
Lewis crossed the Continental Divide at Lemhi Pass on August 12, 1805.
He refused to return the goods. The men built a fort.
"""


def _questions(text: str) -> dict[str, str]:
    article = parse_article(text=ARTICLE)
    entities = find_entities(article=article)
    context = Context(
        article=article,
        entities=entities,
        sides=Sides.from_infobox(infobox=article.infobox, entities=entities),
        person_sides={},
    )
    sentence = next(s for section in article.sections for s in section.sentences)
    sentence = replace(sentence, text=text)
    facts = statement_facts(
        sentence=sentence,
        text=text,
        anchors=find_anchors(text=text, context=context),
        context=context,
    )
    return {fact.question: fact.value for fact in facts}


def test_a_clause_is_asked_for_its_doer_its_object_and_its_date():
    questions = _questions("In February 1258 Hulagu sacked Baghdad.")
    assert questions["Who sacked Baghdad in February 1258?"] == "Hulagu"
    assert questions["When did Hulagu sack Baghdad?"] == "February 1258"


def test_a_passive_clause_is_asked_in_the_active():
    questions = _questions("Angkor Wat was built by Suryavarman II in 1150.")
    assert questions["Who built Angkor Wat in 1150?"] == "Suryavarman II"


def test_a_named_kind_of_place_is_asked_by_its_kind():
    questions = _questions("Hulagu sent ships into the Red Sea in 1259.")
    assert questions["Into which sea did Hulagu send ships in 1259?"] == "Red Sea"


def test_a_pronoun_or_a_nameless_doer_gives_no_question():
    assert _questions("He refused to return the goods to Baghdad.") == {}
    assert _questions("The men built a fort near Baghdad.") == {}


def test_what_someone_was_expected_to_do_gives_no_date_question():
    assert "When did the Iraqi Army fight in Baghdad?" in _questions(
        "The Iraqi Army fought in Baghdad on 5 October 1258."
    )
    assert _questions("The Iraqi Army was expected to fight in Baghdad on 5 October 1258.") == {}


def test_a_phrase_that_stops_inside_a_hyphenated_name_is_cut_short():
    doc = english()("the Abu Kamal-Al-Qa'im border crossing")
    words = list(doc)
    assert statements._cut_short(words[:3])
    assert not statements._cut_short(words)


def test_a_named_object_is_asked_as_a_place_only_where_the_verb_does_something_to_places():
    assert _questions("In 1258 Hulagu sacked Baghdad.")["Which place did Hulagu sack in 1258?"] == (
        "Baghdad"
    )
    assert (
        _questions("In 1258 Hulagu marched to Baghdad.")["To which place did Hulagu march in 1258?"]
        == "Baghdad"
    )
    formed = _questions("In 1258 Hulagu formed Baghdad into a wedge.")
    sided = _questions("In 1258 Hulagu sided with Baghdad.")
    assert not [q for q in [*formed, *sided] if "place" in q]


def test_a_doer_named_by_its_nation_is_asked_with_a_small_article():
    questions = _questions("A Mongol fleet captured Baghdad in 1258.")
    assert questions["When did a Mongol fleet capture Baghdad?"] == "1258"


def test_a_name_asked_without_a_date_needs_words_enough_to_place_it():
    assert not [q for q in _questions("Hulagu entered Baghdad.") if q.startswith("Which place")]
    assert "Which place did Hulagu enter in 1258?" in _questions("Hulagu entered Baghdad in 1258.")


def test_no_date_question_where_the_date_is_a_bound_or_the_state_lasted():
    assert not [q for q in _questions("Hulagu had been freed by 1258.") if q.startswith("When")]
    held = _questions("Hulagu was held at Baghdad in August 1258.")
    assert not [q for q in held if q.startswith("When")]
    assert "When did Hulagu sack Baghdad?" in _questions("In 1258 Hulagu sacked Baghdad.")


def test_a_doer_asked_without_a_date_needs_words_enough_to_place_it():
    assert "Who died in Baghdad?" not in _questions("Hulagu died in Baghdad.")


def test_a_date_inside_the_object_dates_no_question_that_drops_the_object():
    # "in 1888" is when the committee's report appeared, not when it was appointed; "on
    # 19 April" belongs to taking part, and "When did the IFP agree?" would ask half of it.
    appointed = _questions(
        "The Royal Society in London appointed a Krakatoa Committee whose report appeared in 1888."
    )
    agreed = _questions("The IFP agreed to take part only on 19 April 1994.")
    assert not [q for q in [*appointed, *agreed] if q.startswith(("When", "In which"))]


def test_a_participle_after_was_a_war_describes_the_war_and_is_asked_nothing():
    asked = _questions(
        "The Winter War was a war between the Soviet Union and Finland, fought from"
        " 30 November 1939 to 13 March 1940."
    )
    assert not [q for q in asked if "fight" in q]
