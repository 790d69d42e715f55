from math import sqrt

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from learning.models import Question
from learning.teaching.item_analysis import (
    Answer,
    AnswerCount,
    Label,
    answer_counts,
    discrimination_index,
    item_labels,
    item_statistics,
    point_biserial,
    set_analysis,
)
from tests.factories import (
    QuestionSetFactory,
    QuestionSetItemFactory,
    QuizResponseFactory,
    UserFactory,
)

# Six students, one attempt each, three questions (1 = right), best scores first:
#
#        Q1 Q2 Q3  score
#   A     1  1  0    2
#   B     1  1  0    2
#   C     0  1  0    1
#   D     0  0  1    1
#   E     0  0  1    1
#   F     0  0  0    0
MATRIX = [(1, 1, 0), (1, 1, 0), (0, 1, 0), (0, 0, 1), (0, 0, 1), (0, 0, 0)]
QUESTIONS = [Question(pk=pk, kind=Question.Kind.SHORT_ANSWER, answer="Rawa") for pk in (1, 2, 3)]


def _answers(matrix: list[tuple[int, ...]]) -> list[Answer]:
    return [
        Answer(
            attempt_id=attempt,
            student_id=attempt,
            question_id=question.pk,
            given="Rawa" if right else "Hit",
            correct=bool(right),
            time_taken_ms=None,
        )
        for attempt, row in enumerate(matrix)
        for question, right in zip(QUESTIONS, row, strict=False)
    ]


def test_the_statistics_match_a_hand_computed_example():
    items = item_statistics(questions=QUESTIONS, answers=_answers(MATRIX))

    # Facility: Q1 2 of 6, Q2 3 of 6, Q3 2 of 6.
    assert [item.facility for item in items] == pytest.approx([100 / 3, 50, 100 / 3])
    # Thirds of 6 attempts: 2 each. Top: A and B. Bottom: F, and one place shared by
    # C, D and E (tied at 1), which counts at their share right.
    # Q1: top 2/2 = 1; bottom (0 + 0/3) / 2 = 0;    D = 1
    # Q2: top 1;       bottom (0 + 1/3) / 2 = 1/6;  D = 5/6
    # Q3: top 0;       bottom (0 + 2/3) / 2 = 1/3;  D = −1/3
    assert [item.discrimination for item in items] == pytest.approx([1, 5 / 6, -1 / 3])
    # r = cov(x, rest) / (sd(x) sd(rest)), population moments, rest = score − x.
    # Q1: x = 110000, rest = 111110; mean x = 1/3, mean rest = 5/6, mean(x·rest) = 1/3;
    #     cov = 1/3 − 5/18 = 1/18; var x = 2/9, var rest = 5/36; r = 1/√10 ≈ 0.32
    # Q2: x = 111000, rest = 110110; mean(x·rest) = 1/3 = 1/2 · 2/3, so cov = 0; r = 0
    # Q3: x = 000110, rest = 221000; mean rest = 5/6, mean(x·rest) = 0; cov = −5/18;
    #     var rest = 9/6 − 25/36 = 29/36; r = −5/√58 ≈ −0.66
    assert [item.point_biserial for item in items] == pytest.approx(
        [1 / sqrt(10), 0, -5 / sqrt(58)], abs=1e-9
    )
    assert [item.labels for item in items] == [
        [],
        [],
        [Label.NEGATIVE_DISCRIMINATION],
    ]


def test_the_order_of_tied_attempts_does_not_change_the_discrimination_index():
    scores = [2, 2, 1, 1, 1, 0]
    correct = [False, False, False, True, True, False]

    assert discrimination_index(scores=scores, correct=correct) == pytest.approx(-1 / 3)
    assert discrimination_index(
        scores=scores, correct=[False, False, True, True, False, False]
    ) == pytest.approx(-1 / 3)


def test_a_question_nobody_was_asked_has_no_statistics():
    (item,) = item_statistics(questions=QUESTIONS[:1], answers=[])

    assert item.attempts == 0
    assert (item.facility, item.discrimination, item.point_biserial) == (None, None, None)
    assert item.average_seconds is None
    assert item.labels == [Label.FEW_ATTEMPTS]


def test_fewer_than_three_attempts_cannot_discriminate():
    assert discrimination_index(scores=[1, 0], correct=[True, False]) is None
    assert point_biserial(rest_scores=[1, 0], correct=[True, False]) is None


def test_a_question_everyone_got_right_has_no_correlation_but_can_still_discriminate():
    # Q1 right everywhere; the scores still vary through Q2.
    items = item_statistics(questions=QUESTIONS[:2], answers=_answers([(1, 1)] * 3 + [(1, 0)] * 3))

    assert items[0].facility == 100
    assert items[0].discrimination == 0
    assert items[0].point_biserial is None
    assert items[0].labels == [Label.TOO_EASY]


def test_when_every_attempt_has_the_same_score_nothing_discriminates():
    items = item_statistics(questions=QUESTIONS, answers=_answers([(1, 1, 1)] * 6))

    assert all(item.discrimination is None for item in items)
    assert all(item.point_biserial is None for item in items)


def test_an_attempt_of_one_question_has_no_rest_score():
    # Each attempt asked one question: the rest of the attempt is empty.
    answers = _answers([(1,), (1,), (0,), (0,)])
    (item,) = item_statistics(questions=QUESTIONS[:1], answers=answers)

    assert item.discrimination == 1
    assert item.point_biserial is None


def test_the_average_time_is_in_seconds_over_the_answers_timed():
    answers = [
        Answer(1, 1, 1, "Rawa", True, 2000),
        Answer(2, 2, 1, "Rawa", True, 5000),
        Answer(3, 3, 1, "Rawa", True, None),
    ]

    (item,) = item_statistics(questions=QUESTIONS[:1], answers=answers)

    assert item.average_seconds == 3.5


@pytest.mark.parametrize(
    ("attempts", "facility", "discrimination", "point_biserial", "expected"),
    [
        (5, 90.0, 0.5, 0.4, []),
        (5, 91.0, 0.5, 0.4, [Label.TOO_EASY]),
        (5, 30.0, 0.5, 0.4, []),
        (5, 29.9, 0.5, 0.4, [Label.TOO_HARD]),
        (5, 60.0, -0.2, 0.4, [Label.NEGATIVE_DISCRIMINATION]),
        (5, 60.0, 0.2, -0.1, [Label.NEGATIVE_DISCRIMINATION]),
        # Shown as 0.00, so not negative.
        (5, 60.0, None, -0.001, []),
        (4, 60.0, None, None, [Label.FEW_ATTEMPTS]),
        (3, 20.0, -0.5, -0.5, [Label.TOO_HARD, Label.NEGATIVE_DISCRIMINATION, Label.FEW_ATTEMPTS]),
    ],
)
def test_labels_follow_the_thresholds(attempts, facility, discrimination, point_biserial, expected):
    labels = item_labels(
        attempts=attempts,
        facility=facility,
        discrimination=discrimination,
        point_biserial=point_biserial,
    )

    assert labels == expected


def _given(*texts: str, correct: bool = False) -> list[Answer]:
    return [Answer(n, n, 1, text, correct, None) for n, text in enumerate(texts)]


def test_every_choice_is_counted_in_the_question_order_then_answers_no_longer_offered():
    question = Question(
        pk=1, kind=Question.Kind.MULTIPLE_CHOICE, answer="Rawa", choices=["Anah", "Rawa", "Hit"]
    )

    counts = answer_counts(question=question, answers=_given("Rawa", "Anah", "Rawa", "Ramadi"))

    assert counts == [
        AnswerCount(answer="Anah", count=1, correct=False),
        AnswerCount(answer="Rawa", count=2, correct=True),
        AnswerCount(answer="Hit", count=0, correct=False),
        AnswerCount(answer="Ramadi", count=1, correct=False),
    ]


def test_true_or_false_counts_both_answers():
    question = Question(pk=1, kind=Question.Kind.TRUE_FALSE, answer="False")

    counts = answer_counts(question=question, answers=_given("True", "True", "False"))

    assert counts == [
        AnswerCount(answer="True", count=2, correct=False),
        AnswerCount(answer="False", count=1, correct=True),
    ]


def test_other_kinds_show_the_most_common_wrong_answers_read_alike_as_one():
    question = Question(pk=1, kind=Question.Kind.SHORT_ANSWER, answer="Rawa")
    wrong = _given("Hit", "hit ", "Hit", "Anah", "Anah", "Akashat", *["Haditha"] * 4)

    counts = answer_counts(question=question, answers=[*wrong, *_given("Rawa", correct=True)])

    assert counts == [
        AnswerCount(answer="Haditha", count=4, correct=False),
        AnswerCount(answer="Hit", count=3, correct=False),
        AnswerCount(answer="Anah", count=2, correct=False),
    ]


# --- the selector, on the database -------------------------------------------------------


@pytest.mark.django_db
def test_only_finished_attempts_of_the_set_by_the_students_given_count():
    item = QuestionSetItemFactory()
    question_set, question = item.question_set, item.question
    student, other = UserFactory(), UserFactory()
    now = timezone.now()
    for user, finished_at, answer_set in [
        (student, now, question_set),
        (student, None, question_set),
        (student, now, QuestionSetFactory()),
        (other, now, question_set),
    ]:
        QuizResponseFactory(
            attempt__user=user,
            attempt__question_set=answer_set,
            attempt__finished_at=finished_at,
            question=question,
            answer_given="Rawa",
            correct=True,
        )

    analysis = set_analysis(
        question_set=question_set, students=get_user_model().objects.filter(pk=student.pk)
    )

    assert (analysis.attempts, analysis.students) == (1, 1)
    assert [item.attempts for item in analysis.items] == [1]
