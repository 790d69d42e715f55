"""Answering a card: reviews recorded once, undo, flags."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, transaction

from learning.models import Card, Flag, Question, ReviewLog
from learning.study.answering import (
    flag_question,
    undo_last_review,
)
from learning.study.counts import today_in_set
from learning.study.scheduling import Rating, schedule
from tests.factories import (
    FlagFactory,
    QuestionSetFactory,
    UserFactory,
    add_cards,
    add_questions,
    review,
)

pytestmark = pytest.mark.django_db

SCHEDULING_FIELDS = ("state", "step", "stability", "difficulty", "due", "last_review", "reps")


def test_a_first_review_starts_a_card_in_the_set_and_logs_it(user, question_set, now):
    (question,) = add_questions(question_set, 1)

    result = review(user=user, question=question, question_set=question_set, now=now)

    card = Card.objects.get(user=user, question=question)
    assert result.card == card
    assert (card.question_set, card.reps, card.state, card.step) == (question_set, 1, 1, 1)
    assert card.due == now + timedelta(minutes=10)
    log = ReviewLog.objects.get(card=card)
    assert result.review == log
    assert (log.rating, log.correct, log.answer_given, log.response_ms) == (3, True, "Rawa", 4200)
    assert (log.reviewed_at, log.state_before, log.state_after) == (now, 0, 1)
    assert log.card_before == {"new": True}
    assert not result.duplicate


def test_it_reschedules_a_card_as_fsrs_says(user, question_set, now):
    (question,) = add_questions(question_set, 1)
    (card,) = add_cards(user, [question], due=now - timedelta(hours=1))
    expected = schedule(card=card, rating=Rating.HARD, now=now)

    review(
        user=user, question=question, question_set=question_set, now=now, rating=Rating.HARD, reps=1
    )

    card.refresh_from_db()
    assert (card.state, card.stability, card.difficulty, card.due, card.reps) == (
        expected.state,
        expected.stability,
        expected.difficulty,
        expected.due,
        2,
    )


def test_it_rates_a_wrong_answer_again_whatever_was_posted(user, question_set, now):
    (question,) = add_questions(question_set, 1)

    result = review(
        user=user,
        question=question,
        question_set=question_set,
        now=now,
        rating=Rating.EASY,
        given="Anah",
    )

    assert result.rating == Rating.AGAIN
    assert not result.grade.correct
    log = ReviewLog.objects.get()
    assert (log.rating, log.correct, log.answer_given) == (Rating.AGAIN, False, "Anah")
    assert result.card.due == now + timedelta(minutes=1)


def test_a_near_answer_counts_as_recalled_but_rates_at_most_hard(user, question_set, now):
    (question,) = add_questions(question_set, 1)
    question.kind, question.answer = Question.Kind.DATE, "2017-11-17"
    question.save()

    result = review(
        user=user,
        question=question,
        question_set=question_set,
        now=now,
        rating=Rating.EASY,
        given="15 November 2017",
    )

    assert result.grade.near
    assert result.rating == Rating.HARD
    log = ReviewLog.objects.get()
    assert (log.rating, log.correct) == (Rating.HARD, True)


def test_i_was_right_records_a_wrong_verdict_as_right_and_marks_it(user, question_set, now):
    (question,) = add_questions(question_set, 1)
    result = review(
        user=user,
        question=question,
        question_set=question_set,
        now=now,
        given="Rawah town",
        overridden=True,
    )
    assert result.grade.correct and result.rating == Rating.GOOD
    log = ReviewLog.objects.get()
    assert (log.correct, log.overridden, log.rating) == (True, True, Rating.GOOD)


def test_an_override_of_a_right_answer_is_no_override(user, question_set, now):
    (question,) = add_questions(question_set, 1)
    review(user=user, question=question, question_set=question_set, now=now, overridden=True)
    assert not ReviewLog.objects.get().overridden


def test_a_repeated_post_is_recorded_once(user, question_set, now):
    (question,) = add_questions(question_set, 1)
    first = review(user=user, question=question, question_set=question_set, now=now)

    again = review(
        user=user,
        question=question,
        question_set=question_set,
        now=now + timedelta(seconds=1),
        rating=Rating.EASY,
    )

    assert again.duplicate
    assert (again.review, again.rating) == (first.review, Rating.GOOD)
    assert ReviewLog.objects.count() == 1
    assert Card.objects.get().reps == 1


def test_a_stale_post_for_an_undone_card_records_nothing(user, question_set, now):
    (question,) = add_questions(question_set, 1)

    result = review(user=user, question=question, question_set=question_set, now=now, reps=1)

    assert result.duplicate
    assert result.card is None
    assert not Card.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_first_posts_record_one_review(user, question_set, now):
    (question,) = add_questions(question_set, 1)
    recorded = threading.Event()

    def first_post():
        # Keeps its transaction open, so the second post finds no card and must wait.
        with transaction.atomic():
            review(user=user, question=question, question_set=question_set, now=now)
            recorded.set()
            threading.Event().wait(0.5)
        connection.close()

    thread = threading.Thread(target=first_post)
    thread.start()
    recorded.wait(5)
    second = review(user=user, question=question, question_set=question_set, now=now)
    thread.join()

    assert second.duplicate
    assert second.card.reps == 1
    assert ReviewLog.objects.count() == 1


@pytest.mark.parametrize("cards", [5, 300])
def test_it_records_a_review_in_a_constant_number_of_queries(
    user, question_set, now, cards, django_assert_max_num_queries
):
    questions = add_questions(question_set, cards)
    add_cards(user, questions, due=now - timedelta(hours=1))

    with django_assert_max_num_queries(5):
        review(user=user, question=questions[-1], question_set=question_set, now=now, reps=1)


def test_undoing_a_first_review_deletes_the_card(user, question_set, now):
    (question,) = add_questions(question_set, 1)
    review(user=user, question=question, question_set=question_set, now=now)

    assert undo_last_review(user=user).question == question

    assert not Card.objects.exists()
    assert not ReviewLog.objects.exists()


def test_undo_restores_the_card_exactly(user, question_set, now):
    (question,) = add_questions(question_set, 1)
    review(user=user, question=question, question_set=question_set, now=now)
    card = Card.objects.get()
    before = [getattr(card, field) for field in SCHEDULING_FIELDS]
    review(user=user, question=question, question_set=question_set, now=card.due, reps=1)

    assert undo_last_review(user=user, question_set=question_set).question == question

    card.refresh_from_db()
    assert [getattr(card, field) for field in SCHEDULING_FIELDS] == before
    assert ReviewLog.objects.count() == 1


def test_undo_takes_back_only_the_students_own_latest_review(user, question_set, now):
    mine, theirs = add_questions(question_set, 2)
    review(user=user, question=mine, question_set=question_set, now=now)
    other = UserFactory()
    review(user=other, question=theirs, question_set=question_set, now=now + timedelta(minutes=1))

    assert undo_last_review(user=user).question == mine

    assert list(Card.objects.values_list("user", flat=True)) == [other.pk]
    assert undo_last_review(user=user) is None


def test_it_tells_whether_there_is_a_review_to_undo_in_the_set(user, question_set, now):
    (question,) = add_questions(question_set, 1)
    review(user=user, question=question, question_set=question_set, now=now)

    def can_undo(user, question_set) -> bool:
        return today_in_set(user=user, question_set=question_set, now=now).can_undo

    assert can_undo(user, question_set)
    assert not can_undo(user, QuestionSetFactory())
    assert not can_undo(UserFactory(), question_set)
    # On a later day too: undo is not only for today.
    assert today_in_set(user=user, question_set=question_set, now=now + timedelta(days=3)).can_undo


def test_undo_in_a_set_leaves_reviews_in_other_sets(user, question_set, now):
    (in_set,) = add_questions(question_set, 1)
    other_set = QuestionSetFactory()
    (elsewhere,) = add_questions(other_set, 1)
    review(user=user, question=in_set, question_set=question_set, now=now)
    review(user=user, question=elsewhere, question_set=other_set, now=now + timedelta(minutes=1))

    assert undo_last_review(user=user, question_set=question_set).question == in_set

    assert Card.objects.get().question == elsewhere


def test_a_flag_keeps_a_trimmed_comment(user, question_set):
    (question,) = add_questions(question_set, 1)

    flag = flag_question(user=user, question=question, comment="  The date is wrong.\n")

    assert (flag.status, flag.comment) == (Flag.Status.OPEN, "The date is wrong.")


def test_a_flag_comment_is_cut_to_500_characters(user, question_set):
    (question,) = add_questions(question_set, 1)

    flag = flag_question(user=user, question=question, comment="x" * 600)

    assert flag.comment == "x" * 500


def test_flagging_again_updates_the_open_flag(user, question_set):
    (question,) = add_questions(question_set, 1)
    FlagFactory(user=user, question=question, status=Flag.Status.RESOLVED)
    first = flag_question(user=user, question=question, comment="Wrong date.")

    second = flag_question(user=user, question=question, comment="Wrong year, in fact.")

    assert second == first
    assert Flag.objects.get(pk=first.pk).comment == "Wrong year, in fact."
    assert Flag.objects.filter(status=Flag.Status.OPEN).count() == 1
