"""The counts the database keeps for new cards (QuestionSet.published_total, SetProgress),
checked against a count from scratch after every kind of write that changes them."""

from datetime import timedelta

import pytest

from learning.models import Card, Question, QuestionSet, QuestionSetItem, SetProgress
from learning.study.answering import undo_last_review
from learning.study.counts import SHOWN_UP_TO, study_counts, today_in_set
from tests.factories import (
    QuestionSetFactory,
    QuestionSetItemFactory,
    UserFactory,
    add_cards,
    add_questions,
    review,
)

pytestmark = pytest.mark.django_db


def _kept(user, question_set) -> tuple[int, int]:
    question_set.refresh_from_db()
    started = SetProgress.objects.get(user=user, question_set=question_set).started
    return question_set.published_total, started


def _counted(user, question_set) -> tuple[int, int]:
    published = QuestionSetItem.objects.filter(
        question_set=question_set, question__status=Question.Status.PUBLISHED
    )
    return published.count(), published.filter(question__cards__user=user).count()


@pytest.fixture
def opened(user, question_set, now):
    """The set with questions, opened once by the student: their count is made."""
    add_questions(question_set, 4)
    today_in_set(user=user, question_set=question_set, now=now)
    return question_set


def test_a_first_look_counts_the_set_and_later_writes_keep_the_count(user, opened, now):
    assert _kept(user, opened) == _counted(user, opened) == (4, 0)
    first, second, *_ = opened.questions.order_by("set_items__order")

    review(user=user, question=first, question_set=opened, now=now)
    add_cards(user, [second], due=now)
    assert _kept(user, opened) == _counted(user, opened) == (4, 2)

    undo_last_review(user=user, question_set=opened)
    assert _kept(user, opened) == _counted(user, opened) == (4, 1)

    Question.objects.filter(pk=second.pk).update(status=Question.Status.DRAFT)
    assert _kept(user, opened) == _counted(user, opened) == (3, 0)
    Question.objects.filter(pk=second.pk).update(status=Question.Status.PUBLISHED)
    assert _kept(user, opened) == _counted(user, opened) == (4, 1)

    QuestionSetItem.objects.filter(question=second, question_set=opened).delete()
    assert _kept(user, opened) == _counted(user, opened) == (3, 0)
    QuestionSetItemFactory(question_set=opened, question=second, order=9)
    assert _kept(user, opened) == _counted(user, opened) == (4, 1)

    second.delete()
    assert _kept(user, opened) == _counted(user, opened) == (3, 0)


def test_a_question_in_two_sets_counts_in_both(user, opened, now):
    other = QuestionSetFactory()
    question = opened.questions.first()
    QuestionSetItemFactory(question_set=other, question=question)
    today_in_set(user=user, question_set=other, now=now)

    review(user=user, question=question, question_set=opened, now=now)

    assert _kept(user, opened) == (4, 1)
    assert _kept(user, other) == (1, 1)


def test_another_students_cards_leave_the_count_alone(user, opened, now):
    add_cards(UserFactory(), list(opened.questions.all()), due=now)
    assert _kept(user, opened) == (4, 0)


def test_saving_a_set_keeps_the_count_the_database_made(user, opened):
    loaded = QuestionSet.objects.get(pk=opened.pk)
    add_questions(opened, 1)
    loaded.name = "Renamed"
    loaded.save()
    opened.refresh_from_db()
    assert (opened.name, opened.published_total) == ("Renamed", 5)


def test_the_first_look_at_a_set_takes_three_queries_then_one(
    user, question_set, now, django_assert_num_queries
):
    add_cards(user, add_questions(question_set, 3), due=now + timedelta(days=1))
    add_questions(question_set, 2)
    with django_assert_num_queries(3):
        assert today_in_set(user=user, question_set=question_set, now=now).left == 2
    with django_assert_num_queries(1):
        assert today_in_set(user=user, question_set=question_set, now=now).left == 2
    with django_assert_num_queries(1):
        counts = study_counts(user=user, question_sets=[question_set], now=now)
    assert counts[question_set.pk].new_today == 2


def test_due_counts_stop_at_a_hundred_and_say_so(user, question_set, now):
    add_cards(user, add_questions(question_set, SHOWN_UP_TO + 5), due=now - timedelta(hours=1))
    today = today_in_set(user=user, question_set=question_set, now=now)
    counts = study_counts(user=user, question_sets=[question_set], now=now)[question_set.pk]
    assert (today.left, today.left_shown) == (SHOWN_UP_TO + 1, "100+")
    assert (counts.review, counts.review_shown) == (SHOWN_UP_TO + 1, "100+")
    assert Card.objects.filter(user=user).count() == SHOWN_UP_TO + 5
