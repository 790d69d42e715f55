"""An infobox's strength and casualty figures are asked of a named side in a named battle;
a note that changes what is counted, a bound, or a figure of ships gets no figure question."""

from decimal import Decimal

import pytest

from learning.bank.generation import build_drafts
from learning.models import Fact, Question
from tests.factories import FactFactory, SourceFactory

pytestmark = pytest.mark.django_db
Kind = Question.Kind


def _figure(source, subject: str, number: int, qualifier: str = "exact") -> Fact:
    return FactFactory(
        source=source,
        kind=Fact.Kind.QUANTITY,
        subject=subject,
        value=f"{number:,}",
        number=Decimal(number),
        unit="fighters",
        qualifier=qualifier,
        sentence=None,
        infobox_field="Strength2",
        date=None,
        date_precision="",
    )


def _prompts(source, fact: Fact) -> dict[str, str]:
    return {d.kind: d.prompt for d in build_drafts(source=source) if d.fact == fact}


@pytest.fixture
def source():
    return SourceFactory(title="Battle of Isandlwana")


def test_a_strength_is_asked_of_the_side_in_the_battle(source):
    fact = _figure(source, "strength of the Zulu Kingdom", 20000)
    assert _prompts(source, fact)[Kind.NUMERIC] == (
        "How many troops did the Zulu Kingdom have in the Battle of Isandlwana?"
    )


def test_whose_estimate_it_is_leads_the_question(source):
    fact = _figure(source, "strength of Cao Cao (Zhou Yu's estimate)", 220000)
    assert _prompts(source, fact)[Kind.NUMERIC] == (
        "According to Zhou Yu's estimate, how many troops did Cao Cao have in the Battle of "
        "Isandlwana?"
    )


@pytest.mark.parametrize(
    ("subject", "number"),
    [
        ("strength of Macedon (40,000 infantry, 7,000 cavalry)", 47000),
        ("casualties of the United States (executed)", 30),
        ("strength of the United States", 3),
    ],
)
def test_a_note_that_changes_what_is_counted_or_a_count_of_ships_gets_no_question(
    source, subject, number
):
    fact = _figure(source, subject, number)
    assert _prompts(source, fact) == {}


def test_a_bound_is_never_asked_as_one_number(source):
    fact = _figure(source, "casualties of the United Kingdom", 1300, qualifier="more than")
    assert _prompts(source, fact) == {}


def test_a_conversion_beside_a_figure_is_left_out_and_one_of_many_is_no_count():
    source = SourceFactory(title="Battle of Midway")
    far, one = (
        FactFactory(
            source=source,
            kind=Fact.Kind.QUANTITY,
            subject=subject,
            value=f"{number:,}",
            number=Decimal(number),
            unit=unit,
            qualifier="exact",
            date=None,
            date_precision="",
        )
        for subject, number, unit in (
            ("mi (2,100 km) northwest of Honolulu lay Midway", 1300, "mi"),
            ("worst defeats suffered by a modern European army", 1, ""),
        )
    )
    drafts = build_drafts(source=source)
    assert not [d for d in drafts if "2,100" in d.prompt]
    assert not [d for d in drafts if d.fact == one]
    assert far.pk


def test_a_count_of_the_dead_is_asked_as_the_dead_not_as_casualties(source):
    fact = _figure(source, "casualties of the Zulu Kingdom", 1000)
    fact.unit = "killed"
    fact.save()
    assert _prompts(source, fact)[Kind.NUMERIC] == (
        "How many men were killed on the side of the Zulu Kingdom in the Battle of Isandlwana?"
    )
