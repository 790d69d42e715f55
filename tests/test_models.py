import pytest
from django.db import IntegrityError, transaction

from tests.factories import (
    AssignmentFactory,
    CardFactory,
    FlagFactory,
    MembershipFactory,
    QuestionFactory,
    QuestionSetItemFactory,
    QuizResponseFactory,
    ReviewLogFactory,
)

pytestmark = pytest.mark.django_db


def test_every_factory_builds_a_saved_row():
    for factory in (
        AssignmentFactory,
        MembershipFactory,
        CardFactory,
        FlagFactory,
        QuestionSetItemFactory,
        QuizResponseFactory,
        ReviewLogFactory,
    ):
        assert factory().pk is not None


def test_it_refuses_two_questions_of_one_kind_for_one_fact():
    question = QuestionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        QuestionFactory(fact=question.fact, kind=question.kind)


def test_it_refuses_a_second_card_for_the_same_student_and_question():
    card = CardFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CardFactory(user=card.user, question=card.question)
