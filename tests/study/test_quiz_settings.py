"""Quizzes a teacher sets per assignment: size, time limit, attempts, answers shown after;
close answers score half; the missed questions studied again."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from learning.models import Card, Question, QuizAttempt
from learning.study import quizzes
from tests.factories import (
    AssignmentFactory,
    MembershipFactory,
    QuestionFactory,
    QuestionSetFactory,
    QuestionSetItemFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def question_set():
    question_set = QuestionSetFactory()
    for _ in range(6):
        QuestionSetItemFactory(question_set=question_set, question=QuestionFactory(distinct=True))
    return question_set


def _assigned(question_set, **settings):
    assignment = AssignmentFactory(question_set=question_set, **settings)
    return MembershipFactory(classroom=assignment.classroom).student


def _answer_all(attempt, now=None):
    for response in attempt.responses.select_related("question"):
        attempt = quizzes.answer_question(
            attempt=attempt,
            response_id=response.pk,
            given=response.question.answer,
            time_taken_ms=1000,
            now=now or timezone.now(),
        )
    return attempt


def test_a_student_s_quiz_takes_its_size_limit_and_answers_from_their_class(question_set):
    student = _assigned(question_set, quiz_size=3, time_limit_minutes=5, show_answers=False)
    now = timezone.now()
    attempt = quizzes.start_quiz(user=student, question_set=question_set, now=now)
    assert attempt.responses.count() == 3
    assert attempt.deadline == now + timedelta(minutes=5)
    assert attempt.show_answers is False


def test_without_a_class_a_quiz_has_the_defaults(question_set):
    attempt = quizzes.start_quiz(user=UserFactory(), question_set=question_set)
    assert (attempt.responses.count(), attempt.deadline, attempt.show_answers) == (6, None, True)


def test_no_attempt_beyond_those_allowed(question_set):
    student = _assigned(question_set, attempts_allowed=1)
    _answer_all(quizzes.start_quiz(user=student, question_set=question_set))
    with pytest.raises(quizzes.NoAttemptsLeft):
        quizzes.start_quiz(user=student, question_set=question_set)


def test_the_time_limit_ends_the_attempt_and_a_late_answer_scores_nothing(question_set):
    student = _assigned(question_set, quiz_size=2, time_limit_minutes=1)
    start = timezone.now()
    attempt = quizzes.start_quiz(user=student, question_set=question_set, now=start)
    first, second = attempt.responses.order_by("position")
    quizzes.answer_question(
        attempt=attempt,
        response_id=first.pk,
        given=first.question.answer,
        time_taken_ms=1,
        now=start,
    )
    late = start + timedelta(minutes=2)
    attempt = quizzes.answer_question(
        attempt=attempt,
        response_id=second.pk,
        given=second.question.answer,
        time_taken_ms=1,
        now=late,
    )
    assert attempt.finished_at == attempt.deadline
    assert (attempt.score, attempt.total) == (1, 2)
    second.refresh_from_db()
    assert second.answered_at is None


def test_a_close_answer_scores_half_a_point():
    question_set = QuestionSetFactory()
    QuestionSetItemFactory(
        question_set=question_set,
        question__kind=Question.Kind.DATE,
        question__answer="2017-11-17",
        question__choices=[],
    )
    QuestionSetItemFactory(question_set=question_set)
    attempt = quizzes.start_quiz(user=UserFactory(), question_set=question_set)
    for response in attempt.responses.select_related("question"):
        given = "16 November 2017" if response.question.kind == Question.Kind.DATE else "Rawa"
        attempt = quizzes.answer_question(
            attempt=attempt, response_id=response.pk, given=given, time_taken_ms=1,
            now=timezone.now(),
        )  # fmt: skip
    assert attempt.score == Decimal("1.5")
    assert attempt.score_shown == "1.5"
    assert attempt.percent == 75


def test_studying_the_missed_questions_makes_them_due_now(question_set):
    student = UserFactory()
    attempt = quizzes.start_quiz(user=student, question_set=question_set)
    responses = list(attempt.responses.order_by("position"))
    studied = responses[0].question
    Card.objects.create(user=student, question=studied, due=timezone.now() + timedelta(days=9))
    now = timezone.now()
    for index, response in enumerate(responses):
        attempt = quizzes.answer_question(
            attempt=attempt,
            response_id=response.pk,
            given="Anah" if index < 2 else response.question.answer,
            time_taken_ms=1,
            now=now,
        )
    assert quizzes.study_missed(attempt=attempt, now=now) == 2
    due = Card.objects.filter(user=student, due__lte=now)
    assert set(due.values_list("question_id", flat=True)) == {r.question_id for r in responses[:2]}


def test_quiz_states_give_the_attempt_to_resume_and_the_finished_count(question_set):
    student = UserFactory()
    _answer_all(quizzes.start_quiz(user=student, question_set=question_set))
    unfinished = quizzes.start_quiz(user=student, question_set=question_set)
    state = quizzes.quiz_states(user=student, question_sets=[question_set])[question_set.pk]
    assert (state.unfinished_id, state.finished) == (unfinished.pk, 1)
    assert QuizAttempt.objects.count() == 2
