"""What a question offers and asks: never a choice the prompt itself names, never a role the
patterns read with a pronoun they cannot resolve."""

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


def _fact(
    source, kind: str, subject: str, entity: Entity, *, text: str = "", infobox_field: str = ""
) -> Fact:
    section = source.sections.first() or SectionFactory(source=source, title="Events", order=1)
    return FactFactory(
        source=source,
        kind=kind,
        infobox_field=infobox_field,
        subject=subject,
        value=entity.name,
        entity=entity,
        sentence=SentenceFactory(section=section, text=text or f"{entity.name} {subject}."),
        date=None,
        date_precision="",
    )


def test_a_choice_the_prompt_names_is_never_offered():
    source = SourceFactory(title="2017 Western Iraq campaign")
    operations = {
        name: EntityFactory(source=source, name=name, kind=Entity.Kind.OPERATION)
        for name in (
            "2017 Western Iraq campaign",
            "Hawija offensive",
            "Battle of Ramadi",
            "Battle of Kirkuk",
        )
    }
    fact = _fact(
        source,
        Fact.Kind.ATTRIBUTE,
        "the offensive that preceded the 2017 Western Iraq campaign",
        operations["Hawija offensive"],
        # The sentence does not name the campaign: only the prompt does.
        text="The Hawija offensive came first.",
        infobox_field="Preceded",
    )
    # With the campaign ruled out, two operations are left: too few for a choice of four.
    choices = [d.choices for d in build_drafts(source=source) if d.fact == fact]
    assert not [c for c in choices if "2017 Western Iraq campaign" in c]
    kinds = {d.kind for d in build_drafts(source=source) if d.fact == fact}
    assert Kind.MULTIPLE_CHOICE not in kinds and Kind.SHORT_ANSWER in kinds


def test_a_role_read_by_patterns_with_a_pronoun_gets_no_question():
    source = SourceFactory()
    people = [EntityFactory(source=source, name=n) for n in ("Qutuz", "Baybars", "Kitbuqa")]
    fact = _fact(source, Fact.Kind.ROLE, "enjoyed his success only briefly", people[0])
    assert not [d for d in build_drafts(source=source) if d.fact == fact]


def test_a_typed_name_is_answered_without_the_year_that_tells_it_apart():
    source = SourceFactory(title="2017 Western Iraq campaign")
    hawija = EntityFactory(source=source, name="Hawija Offensive (2017)", kind="operation")
    fact = _fact(
        source,
        Fact.Kind.ATTRIBUTE,
        "the offensive that preceded the campaign",
        hawija,
        infobox_field="Preceded",
    )
    [typed] = [
        d for d in build_drafts(source=source) if d.fact == fact and d.kind == Kind.SHORT_ANSWER
    ]
    assert typed.answer == "Hawija Offensive"
    assert "Hawija Offensive (2017)" in typed.accepted_answers


def test_a_choice_named_after_a_name_of_the_prompt_is_never_offered():
    source = SourceFactory(title="Angkor")
    names = ("Ayutthaya Ramesuan", "Jayavarman VII", "Suryavarman II", "Yasovarman I")
    for name in names:
        EntityFactory(source=source, name=name)
    king = EntityFactory(source=source, name="Borommarachathirat II")
    fact = _fact(source, Fact.Kind.ROLE, "led the armies of Ayutthaya against Angkor", king)
    [choice] = [d for d in build_drafts(source=source) if d.fact == fact and d.choices]
    assert "Ayutthaya Ramesuan" not in choice.choices
    assert sorted(choice.choices) == sorted([king.name, *names[1:]])
