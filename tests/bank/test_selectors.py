"""What reaches students: a published question in a published set, and nothing else."""

import pytest

from learning.bank import selectors
from learning.models import Question, QuestionSetItem
from tests.factories import QuestionSetFactory, QuestionSetItemFactory

pytestmark = pytest.mark.django_db

DRAFT, PUBLISHED = Question.Status.DRAFT, Question.Status.PUBLISHED


def test_a_published_question_in_a_published_set_reaches_students():
    shown = QuestionSetItemFactory(question__status=PUBLISHED)
    QuestionSetItemFactory(question__status=DRAFT, question_set=shown.question_set)
    QuestionSetItemFactory(question__status=PUBLISHED, question_set__is_published=False)
    assert list(selectors.studiable_items()) == [shown]
    assert list(selectors.studiable_questions(question_set=shown.question_set)) == [shown.question]


def test_a_set_reaches_students_only_with_a_published_question_in_it():
    studied = QuestionSetItemFactory(question__status=PUBLISHED).question_set
    QuestionSetItemFactory(question__status=DRAFT)
    QuestionSetFactory()
    assert selectors.studiable_sets() == [studied]
    assert selectors.studiable_sets()[0].published_count == 1


def test_an_unpublished_set_cannot_be_opened_by_students():
    hidden = QuestionSetFactory(is_published=False)
    assert not selectors.is_studiable(hidden)
    assert hidden not in selectors.studiable_set_queryset()


def test_a_question_reaches_students_if_any_published_set_holds_it():
    item = QuestionSetItemFactory(question__status=PUBLISHED, question_set__is_published=False)
    reaching = Question.objects.filter(selectors.reaches_students_in_some_set())
    assert not reaching.exists()
    QuestionSetItem.objects.create(question_set=QuestionSetFactory(), question=item.question)
    assert list(reaching) == [item.question]
