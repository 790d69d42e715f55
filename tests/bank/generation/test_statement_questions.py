"""Questions from the parse's statements, and the forms turned away because a student would
gain nothing from them: who fought whom, a date question that tells a date, a second clause."""

from datetime import date

import pytest

from learning.bank.generation import build_drafts
from learning.models import Entity, Fact, Question
from tests.factories import (
    EntityFactory,
    FactFactory,
    SectionFactory,
    SentenceFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db
Kind = Question.Kind
CITIES = ("Baghdad", "Aleppo", "Damascus", "Mosul", "Tabriz")


def _statement(source, *, question: str, answer: str, kind: str = Entity.Kind.PLACE) -> Fact:
    section = SectionFactory(source=source, title="Campaign", order=1)
    sentence = SentenceFactory(section=section, text=f"In 1258 Hulagu sacked {answer}.")
    return FactFactory(
        source=source,
        kind=Fact.Kind.STATEMENT,
        subject=f"Hulagu sacked {answer} in 1258",
        value=answer,
        source_text=answer,
        sentence=sentence,
        qualifier=kind,
        question=question,
        entity=source.entities.get(name=answer),
        date=None,
        date_precision="",
    )


@pytest.fixture
def source():
    source = SourceFactory(title="Mongol invasions")
    for name in CITIES:
        EntityFactory(source=source, name=name, kind=Entity.Kind.PLACE)
    for name in ("Hulagu", "Möngke", "Kitbuqa", "Qutuz"):
        EntityFactory(source=source, name=name, kind=Entity.Kind.PERSON)
    return source


def test_a_statement_is_asked_as_its_own_question_among_names_of_its_kind(source):
    fact = _statement(source, question="Which place did Hulagu sack in 1258?", answer="Baghdad")
    drafts = {d.kind: d for d in build_drafts(source=source) if d.fact == fact}
    choice = drafts[Kind.MULTIPLE_CHOICE]
    assert choice.prompt == "Which place did Hulagu sack in 1258?"
    assert choice.answer == "Baghdad"
    assert set(choice.choices) - {"Baghdad"} <= set(CITIES)
    # Typed, it would read the same: one question, not two.
    assert Kind.SHORT_ANSWER not in drafts


def test_a_question_naming_the_kind_of_its_answer_offers_only_names_of_that_kind(source):
    for name in ("Cilician Gates", "Caspian Gates"):
        EntityFactory(source=source, name=name, kind=Entity.Kind.PLACE)
    fact = _statement(
        source, question="Through which gates did Hulagu ride in 1256?", answer="Tabriz"
    )
    drafts = {d.kind: d for d in build_drafts(source=source) if d.fact == fact}
    # Two other gates only: no choice of four, but the typed question stands.
    assert Kind.MULTIPLE_CHOICE not in drafts
    assert drafts[Kind.SHORT_ANSWER].answer == "Tabriz"


def test_a_date_question_that_tells_a_date_is_not_asked(source):
    section = SectionFactory(source=source, title="Treaty", order=2)
    sentence = SentenceFactory(
        section=section, text="On 5 February 1757 Siraj agreed to the treaty on 9 February 1757."
    )
    fact = FactFactory(
        source=source,
        kind=Fact.Kind.EVENT,
        subject="Siraj agreed to the Treaty of Alinagar on 9 February 1757",
        value="5 February 1757",
        sentence=sentence,
        date=date(1757, 2, 5),
        date_precision=Fact.Precision.DAY,
    )
    kinds = {d.kind for d in build_drafts(source=source) if d.fact == fact}
    assert Kind.DATE not in kinds


def test_who_fought_whom_and_unknown_casualties_get_no_true_or_false(source):
    fields = [
        ("Combatant1", "the belligerents opposing side 2 in the battle", "Mongol Empire"),
        ("Combatant2", "the belligerents opposing side 1 in the battle", "Mamluk Sultanate"),
        ("Units1", "the units on the side 1 in the battle", "Unknown"),
        ("Units2", "the units on the side 2 in the battle", "Heavy"),
    ]
    for field, subject, value in fields:
        FactFactory(
            source=source,
            kind=Fact.Kind.ATTRIBUTE,
            subject=subject,
            value=value,
            sentence=None,
            infobox_field=field,
            date=None,
            date_precision="",
        )
    assert not [d for d in build_drafts(source=source) if d.kind == Kind.TRUE_FALSE]


def test_two_facts_of_one_sentence_that_tell_each_others_answer_give_one_question(source):
    statement = _statement(
        source, question="Which place did Hulagu sack in 1258?", answer="Baghdad"
    )
    event = FactFactory(
        source=source,
        kind=Fact.Kind.EVENT,
        subject="Hulagu sacked Baghdad",
        value="1258",
        sentence=statement.sentence,
        date=date(1258, 1, 1),
        date_precision=Fact.Precision.YEAR,
    )
    asked = {draft.fact for draft in build_drafts(source=source)}
    # "In which year did Hulagu sack Baghdad?" names the other's answer; the other names its year.
    assert len(asked & {statement, event}) == 1


def _dated(source, subject: str, *, order: int, question: str = "") -> Fact:
    section = SectionFactory(source=source, title=f"Part {order}", order=order)
    return FactFactory(
        source=source,
        kind=Fact.Kind.EVENT,
        subject=subject,
        value="2 January 1757",
        sentence=SentenceFactory(section=section, text=f"On 2 January 1757 {subject}."),
        date=date(1757, 1, 2),
        date_precision=Fact.Precision.DAY,
        question=question,
    )


def test_a_clause_read_by_patterns_with_a_comma_gets_no_question_one_the_parse_asked_does(source):
    pasted = _dated(
        source,
        "a relief force under Clive, carried by a squadron, sailed and retook Calcutta",
        order=3,
    )
    parsed = _dated(
        source,
        "Clive, with a relief force, retook Calcutta",
        question="When did Clive retake Calcutta?",
        order=4,
    )
    drafts = build_drafts(source=source)
    assert not [d for d in drafts if d.fact == pasted]
    assert "When did Clive retake Calcutta?" in [d.prompt for d in drafts if d.fact == parsed]
