from datetime import UTC, date, datetime, timedelta

import pytest

from learning.models import Question
from learning.progress.reports import Ratio
from learning.teaching.gradebook import (
    ACTIVITY,
    NAME,
    Sort,
    best_score_key,
    class_gradebook,
    parse_sort,
    sort_rows,
    student_attempts,
    weekly_study_accuracy,
)
from tests.factories import (
    AssignmentFactory,
    CardFactory,
    ClassroomFactory,
    MembershipFactory,
    QuestionFactory,
    QuestionSetItemFactory,
    QuizAttemptFactory,
    QuizResponseFactory,
    ReviewLogFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# A Wednesday; its week starts on Monday 9 March.
NOW = datetime(2026, 3, 11, 12, 0, tzinfo=UTC)


def _assign(classroom):
    return AssignmentFactory(classroom=classroom).question_set


def _quiz(*, user, question_set, score, total, finished_at):
    return QuizAttemptFactory(
        user=user, question_set=question_set, score=score, total=total, finished_at=finished_at
    )


def _row(gradebook, student):
    return next(row for row in gradebook.rows if row.student == student)


@pytest.fixture
def classroom():
    return ClassroomFactory()


def test_best_and_latest_scores_come_from_finished_attempts_only(classroom):
    question_set = _assign(classroom)
    student = MembershipFactory(classroom=classroom).student
    _quiz(
        user=student,
        question_set=question_set,
        score=8,
        total=10,
        finished_at=NOW - timedelta(days=2),
    )
    _quiz(
        user=student,
        question_set=question_set,
        score=2,
        total=3,
        finished_at=NOW - timedelta(days=1),
    )
    # Started last, never finished: no score yet.
    QuizAttemptFactory(user=student, question_set=question_set)

    result = _row(class_gradebook(classroom=classroom, now=NOW), student).results[0]

    assert (result.best, result.latest, result.attempts) == (80, 67, 2)


def test_a_set_without_finished_attempts_has_no_score_rather_than_zero(classroom):
    _assign(classroom)
    student = MembershipFactory(classroom=classroom).student

    result = _row(class_gradebook(classroom=classroom, now=NOW), student).results[0]

    assert (result.best, result.latest, result.attempts) == (None, None, 0)
    assert result.accuracy == Ratio(part=0, whole=0)
    assert result.accuracy.percent is None


def test_study_accuracy_counts_reviews_of_the_sets_questions_wherever_they_were_studied(
    classroom,
):
    shared = QuestionFactory()
    first, second = _assign(classroom), _assign(classroom)
    QuestionSetItemFactory(question_set=first, question=shared)
    QuestionSetItemFactory(question_set=second, question=shared)
    only_second = QuestionSetItemFactory(question_set=second).question
    student = MembershipFactory(classroom=classroom).student
    # Studied from the second set; it still counts for the first, which holds the question too.
    card = CardFactory(user=student, question=shared, question_set=second)
    for correct in (True, True, False):
        ReviewLogFactory(card=card, correct=correct)
    ReviewLogFactory(card=CardFactory(user=student, question=only_second), correct=False)
    # A question of no assigned set counts nowhere.
    ReviewLogFactory(card=CardFactory(user=student), correct=True)

    results = _row(class_gradebook(classroom=classroom, now=NOW), student).results

    assert [result.accuracy for result in results] == [
        Ratio(part=2, whole=3),
        Ratio(part=2, whole=4),
    ]
    assert [result.accuracy.percent for result in results] == [67, 50]


def test_cards_due_counts_the_published_questions_due_now(classroom):
    question_set = _assign(classroom)
    student = MembershipFactory(classroom=classroom).student
    due, later, retired = (
        QuestionSetItemFactory(question_set=question_set).question for _ in "abc"
    )
    retired.status = Question.Status.RETIRED
    retired.save()
    CardFactory(user=student, question=due, due=NOW - timedelta(minutes=1))
    CardFactory(user=student, question=later, due=NOW + timedelta(minutes=1))
    CardFactory(user=student, question=retired, due=NOW - timedelta(days=1))

    assert _row(class_gradebook(classroom=classroom, now=NOW), student).results[0].due == 1


def test_last_activity_is_the_latest_review_or_quiz_answer_in_any_set(classroom):
    reviewer, quizzer, idle = (MembershipFactory(classroom=classroom).student for _ in "abc")
    ReviewLogFactory(card=CardFactory(user=reviewer), reviewed_at=NOW - timedelta(days=3))
    ReviewLogFactory(card=CardFactory(user=reviewer), reviewed_at=NOW - timedelta(days=1))
    QuizResponseFactory(attempt__user=reviewer, answered_at=NOW - timedelta(days=2))
    QuizResponseFactory(attempt__user=quizzer, answered_at=NOW - timedelta(hours=5))
    # Shown but not answered yet: not an activity.
    QuizResponseFactory(attempt__user=quizzer, answered_at=None)

    gradebook = class_gradebook(classroom=classroom, now=NOW)

    assert _row(gradebook, reviewer).last_activity == NOW - timedelta(days=1)
    assert _row(gradebook, quizzer).last_activity == NOW - timedelta(hours=5)
    assert _row(gradebook, idle).last_activity is None


def test_a_removed_student_leaves_the_gradebook_but_keeps_their_results(classroom):
    question_set = _assign(classroom)
    staying = MembershipFactory(classroom=classroom).student
    removed = MembershipFactory(classroom=classroom, removed_at=NOW - timedelta(days=1)).student
    attempt = _quiz(user=removed, question_set=question_set, score=1, total=1, finished_at=NOW)

    gradebook = class_gradebook(classroom=classroom, now=NOW)

    assert [row.student for row in gradebook.rows] == [staying]
    assert student_attempts(student=removed, question_sets=[question_set]) == [attempt]


def test_only_this_class_s_students_and_sets_appear_in_the_teacher_s_order(classroom):
    later = AssignmentFactory(classroom=classroom, order=2).question_set
    earlier = AssignmentFactory(classroom=classroom, order=1).question_set
    other = MembershipFactory()
    # Another class's order for a shared set changes nothing here.
    AssignmentFactory(classroom=other.classroom, question_set=later, order=0)
    _assign(other.classroom)
    bea = MembershipFactory(classroom=classroom, student__username="bea").student
    ann = MembershipFactory(classroom=classroom, student__username="ann").student

    gradebook = class_gradebook(classroom=classroom, now=NOW)

    assert gradebook.question_sets == [earlier, later]
    assert [row.student for row in gradebook.rows] == [ann, bea]


@pytest.mark.parametrize("students", [1, 4])
def test_the_gradebook_takes_six_queries_however_big_the_class(
    classroom, students, django_assert_num_queries
):
    question_set = _assign(classroom)
    for _ in range(students):
        student = MembershipFactory(classroom=classroom).student
        _quiz(user=student, question_set=question_set, score=1, total=2, finished_at=NOW)
        question = QuestionSetItemFactory(question_set=question_set).question
        ReviewLogFactory(card=CardFactory(user=student, question=question))

    with django_assert_num_queries(6):
        class_gradebook(classroom=classroom, now=NOW)


# --- sorting ------------------------------------------------------------------------------


@pytest.fixture
def scored(classroom):
    """Three students: ann scored 50 a day ago, bea 90 an hour ago, cy nothing."""
    question_set = _assign(classroom)
    for name, percent, hours in (("bea", 90, 1), ("ann", 50, 24)):
        student = MembershipFactory(classroom=classroom, student__username=name).student
        attempt = _quiz(
            user=student,
            question_set=question_set,
            score=percent,
            total=100,
            finished_at=NOW - timedelta(hours=hours),
        )
        QuizResponseFactory(attempt=attempt, answered_at=attempt.finished_at)
    MembershipFactory(classroom=classroom, student__username="Cy")
    return class_gradebook(classroom=classroom, now=NOW)


def _names(gradebook, sort):
    return [row.student.username for row in sort_rows(gradebook=gradebook, sort=sort)]


def test_names_sort_alphabetically_whatever_their_case(scored):
    assert _names(scored, Sort(key=NAME, descending=False)) == ["ann", "bea", "Cy"]
    assert _names(scored, Sort(key=NAME, descending=True)) == ["Cy", "bea", "ann"]


def test_students_without_a_value_come_last_in_either_direction(scored):
    best = best_score_key(scored.question_sets[0])

    assert _names(scored, Sort(key=best, descending=True)) == ["bea", "ann", "Cy"]
    assert _names(scored, Sort(key=best, descending=False)) == ["ann", "bea", "Cy"]
    assert _names(scored, Sort(key=ACTIVITY, descending=True)) == ["bea", "ann", "Cy"]
    assert _names(scored, Sort(key=ACTIVITY, descending=False)) == ["ann", "bea", "Cy"]


def test_equal_values_keep_name_order(classroom):
    for name in ("cy", "ann", "bea"):
        MembershipFactory(classroom=classroom, student__username=name)
    gradebook = class_gradebook(classroom=classroom, now=NOW)

    assert _names(gradebook, Sort(key=ACTIVITY, descending=True)) == ["ann", "bea", "cy"]


@pytest.mark.parametrize(
    ("key", "direction", "expected"),
    [
        (None, None, Sort(key=NAME, descending=False)),
        ("name", "desc", Sort(key=NAME, descending=True)),
        ("activity", None, Sort(key=ACTIVITY, descending=True)),
        ("activity", "asc", Sort(key=ACTIVITY, descending=False)),
        ("activity", "sideways", Sort(key=ACTIVITY, descending=True)),
        ("password", "asc", Sort(key=NAME, descending=False)),
        ("best-", "desc", Sort(key=NAME, descending=True)),
        ("best-999999", None, Sort(key=NAME, descending=False)),
    ],
)
def test_a_sort_parameter_that_is_not_a_column_falls_back_to_names(
    scored, key, direction, expected
):
    assert parse_sort(gradebook=scored, key=key, direction=direction) == expected


def test_a_set_column_sorts_by_best_score_highest_first(scored):
    key = best_score_key(scored.question_sets[0])

    assert parse_sort(gradebook=scored, key=key, direction=None) == Sort(key=key, descending=True)


# --- one student --------------------------------------------------------------------------


def test_a_student_s_attempts_are_those_at_the_given_sets_newest_first_with_their_answers(
    classroom,
):
    question_set = _assign(classroom)
    student = UserFactory()
    older = QuizAttemptFactory(user=student, question_set=question_set)
    newer = QuizAttemptFactory(user=student, question_set=question_set)
    QuizAttemptFactory(user=student)
    second = QuizResponseFactory(attempt=newer, position=1)
    first = QuizResponseFactory(attempt=newer, position=0)

    attempts = student_attempts(student=student, question_sets=[question_set])

    assert attempts == [newer, older]
    assert list(attempts[0].responses.all()) == [first, second]


def test_weekly_accuracy_counts_each_utc_week_from_monday(classroom):
    question_set = _assign(classroom)
    student = UserFactory()
    question = QuestionSetItemFactory(question_set=question_set).question
    card = CardFactory(user=student, question=question)
    this_monday = datetime(2026, 3, 9, tzinfo=UTC)
    for moment, correct in (
        (this_monday, True),
        (this_monday + timedelta(days=2), False),
        # Sunday night: the week before.
        (this_monday - timedelta(seconds=1), True),
        # Older than the twelve weeks shown.
        (this_monday - timedelta(weeks=12), True),
    ):
        ReviewLogFactory(card=card, reviewed_at=moment, correct=correct)

    [progress] = weekly_study_accuracy(student=student, question_sets=[question_set], now=NOW)

    assert progress.question_set == question_set
    assert len(progress.weeks) == 12
    assert progress.weeks[0].week == date(2025, 12, 22)
    assert [(week.week, week.correct) for week in progress.weeks[-2:]] == [
        (date(2026, 3, 2), Ratio(part=1, whole=1)),
        (date(2026, 3, 9), Ratio(part=1, whole=2)),
    ]
    assert progress.reviews == 3


def test_weekly_accuracy_lists_every_set_even_without_reviews(classroom):
    first, second = _assign(classroom), _assign(classroom)

    progress = weekly_study_accuracy(student=UserFactory(), question_sets=[first, second], now=NOW)

    assert [(item.question_set, item.reviews) for item in progress] == [(first, 0), (second, 0)]
