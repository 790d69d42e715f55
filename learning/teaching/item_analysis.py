"""Item analysis of a question set, as Moodle's quiz statistics report does it.

The unit of analysis is the finished quiz attempt, as in Moodle: a student who takes
the set three times counts three times. Quizzes draw a random subset of the set's
questions, so an attempt's score is the share of its own questions answered right,
and each question is analysed over the attempts that asked it.

- Facility: the percentage of those attempts that answered the question right.
- Discrimination index D: rank those attempts by score, take the top third and the
  bottom third (n // 3 attempts each), D = p(right, top) − p(right, bottom). Attempts
  tied at a cut share the places left, each counting in proportion, so D does not
  depend on the order of tied attempts. Undefined with fewer than three attempts or
  when every attempt has the same score (there is nothing to rank).
- Point-biserial r: the correlation between answering the question right (1 or 0)
  and the rest-score, the attempt's score on its other questions; leaving the
  question out keeps it from correlating with itself. Undefined with fewer than
  three attempts or when either side never varies (everyone right, say).
"""

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import groupby
from statistics import correlation, fmean

from django.db.models import QuerySet

from learning.bank.rules import TRUE_FALSE
from learning.models import Question, QuestionSet, QuizResponse
from learning.study import grading

# Facility, in percent, above which a question is too easy and below which too hard.
TOO_EASY_ABOVE = 90
TOO_HARD_BELOW = 30
# Under this many attempts a question's figures are mostly noise.
FEW_ATTEMPTS_BELOW = 5
# Under this many attempts D and r are undefined: a third of fewer is empty.
MIN_ATTEMPTS = 3
# For questions without choices, the wrong answers shown.
TOP_WRONG_ANSWERS = 3


class Label(StrEnum):
    TOO_EASY = "too easy"
    TOO_HARD = "too hard"
    NEGATIVE_DISCRIMINATION = "negative discrimination"
    FEW_ATTEMPTS = "few attempts"


@dataclass(frozen=True)
class Answer:
    """One answered question of a finished attempt."""

    attempt_id: int
    student_id: int
    question_id: int
    given: str
    correct: bool
    time_taken_ms: int | None


@dataclass(frozen=True)
class AnswerCount:
    answer: str
    count: int
    correct: bool


@dataclass(frozen=True)
class ItemStatistics:
    question: Question
    attempts: int
    facility: float | None
    discrimination: float | None
    point_biserial: float | None
    average_seconds: float | None
    # Choice questions: every choice, in the question's order, then any other answer
    # given. Other questions: the most common wrong answers.
    answer_counts: list[AnswerCount]
    labels: list[Label]

    @property
    def has_choices(self) -> bool:
        return self.question.kind in (Question.Kind.MULTIPLE_CHOICE, Question.Kind.TRUE_FALSE)


@dataclass(frozen=True)
class SetAnalysis:
    attempts: int
    students: int
    items: list[ItemStatistics]


# --- selectors ---------------------------------------------------------------------------


def set_analysis(*, question_set: QuestionSet, students: QuerySet) -> SetAnalysis:
    """The analysis of the set's finished attempts by ``students``, in two queries.

    Scores count every answer of an attempt, also to questions since taken out of the
    set, which get no row of their own.
    """
    questions = list(
        Question.objects.filter(set_items__question_set=question_set).order_by(
            "set_items__order", "set_items__id"
        )
    )
    rows = (
        QuizResponse.objects.filter(
            attempt__question_set=question_set,
            attempt__finished_at__isnull=False,
            attempt__user__in=students.values("pk"),
            correct__isnull=False,
        )
        .order_by("attempt_id", "position")
        .values_list(
            "attempt_id",
            "attempt__user_id",
            "question_id",
            "answer_given",
            "correct",
            "time_taken_ms",
        )
    )
    answers = [
        Answer(
            attempt_id=attempt_id,
            student_id=student_id,
            question_id=question_id,
            given=given,
            correct=correct,
            time_taken_ms=time_taken_ms,
        )
        for attempt_id, student_id, question_id, given, correct, time_taken_ms in rows
    ]
    return SetAnalysis(
        attempts=len({answer.attempt_id for answer in answers}),
        students=len({answer.student_id for answer in answers}),
        items=item_statistics(questions=questions, answers=answers),
    )


# --- computation -------------------------------------------------------------------------


def facility(*, correct: Sequence[bool]) -> float | None:
    """The percentage of right answers; None without answers."""
    return 100 * fmean(correct) if correct else None


def discrimination_index(*, scores: Sequence[float], correct: Sequence[bool]) -> float | None:
    """p(right) in the top third of attempts by score minus p(right) in the bottom third."""
    if len(scores) < MIN_ATTEMPTS or len(set(scores)) == 1:
        return None
    ranked = sorted(zip(scores, correct, strict=True), key=lambda pair: -pair[0])
    ties = [[right for _, right in tied] for _, tied in groupby(ranked, key=lambda pair: pair[0])]
    size = len(scores) // 3
    return _share_right(ties=ties, size=size) - _share_right(ties=ties[::-1], size=size)


def _share_right(*, ties: Sequence[Sequence[bool]], size: int) -> float:
    """The share right among the first ``size`` attempts of groups of equal scores.

    A group cut short by the end of the third counts at its own share right, so the
    result does not depend on the order of tied attempts.
    """
    right = 0.0
    places = size
    for tied in ties:
        taken = min(places, len(tied))
        right += taken * fmean(tied)
        places -= taken
        if places == 0:
            break
    return right / size


def point_biserial(*, rest_scores: Sequence[float], correct: Sequence[bool]) -> float | None:
    """The correlation of right (1) or wrong (0) with the score on the other questions."""
    if len(correct) < MIN_ATTEMPTS or len(set(correct)) == 1 or len(set(rest_scores)) == 1:
        return None
    return correlation([float(right) for right in correct], rest_scores)


def item_labels(
    *,
    attempts: int,
    facility: float | None,
    discrimination: float | None,
    point_biserial: float | None,
) -> list[Label]:
    labels = []
    if facility is not None and facility > TOO_EASY_ABOVE:
        labels.append(Label.TOO_EASY)
    if facility is not None and facility < TOO_HARD_BELOW:
        labels.append(Label.TOO_HARD)
    # Compared as shown, to two decimals, so a rounding error never shows as "-0.00".
    if any(value is not None and round(value, 2) < 0 for value in (discrimination, point_biserial)):
        labels.append(Label.NEGATIVE_DISCRIMINATION)
    if attempts < FEW_ATTEMPTS_BELOW:
        labels.append(Label.FEW_ATTEMPTS)
    return labels


def answer_counts(*, question: Question, answers: Sequence[Answer]) -> list[AnswerCount]:
    """How often each choice was chosen, or the most common wrong answers."""
    if question.kind == Question.Kind.TRUE_FALSE:
        return _choice_counts(question=question, choices=list(TRUE_FALSE), answers=answers)
    if question.kind == Question.Kind.MULTIPLE_CHOICE:
        return _choice_counts(question=question, choices=question.choices, answers=answers)
    return _wrong_answer_counts(question=question, answers=answers)


def _choice_counts(
    *, question: Question, choices: Sequence[str], answers: Sequence[Answer]
) -> list[AnswerCount]:
    given = Counter(answer.given for answer in answers)
    counts = [
        AnswerCount(
            answer=choice,
            count=given.pop(choice, 0),
            correct=grading.grade_answer(question=question, given=choice).correct,
        )
        for choice in choices
    ]
    # Answers to choices since edited out of the question.
    counts.extend(
        AnswerCount(answer=text, count=count, correct=False) for text, count in given.most_common()
    )
    return counts


def _wrong_answer_counts(*, question: Question, answers: Sequence[Answer]) -> list[AnswerCount]:
    # Answers the grader reads alike ("rawa", " Rawa") count as one, shown as most often typed.
    spellings: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for answer in answers:
        if not answer.correct:
            read = grading.grade_answer(question=question, given=answer.given).normalised_given
            spellings[read][answer.given.strip()] += 1
    counts = sorted(
        (
            AnswerCount(answer=typed.most_common(1)[0][0], count=typed.total(), correct=False)
            for typed in spellings.values()
        ),
        key=lambda count: -count.count,
    )
    return counts[:TOP_WRONG_ANSWERS]


def item_statistics(
    *, questions: Sequence[Question], answers: Sequence[Answer]
) -> list[ItemStatistics]:
    """The statistics of each question over the answers (of finished attempts) given."""
    right: Counter[int] = Counter()
    asked: Counter[int] = Counter()
    by_question: defaultdict[int, list[Answer]] = defaultdict(list)
    for answer in answers:
        right[answer.attempt_id] += answer.correct
        asked[answer.attempt_id] += 1
        by_question[answer.question_id].append(answer)

    def score(answer: Answer) -> float:
        return right[answer.attempt_id] / asked[answer.attempt_id]

    def rest_score(answer: Answer) -> float:
        return (right[answer.attempt_id] - answer.correct) / (asked[answer.attempt_id] - 1)

    items = []
    for question in questions:
        answered = by_question[question.pk]
        correct = [answer.correct for answer in answered]
        # A rest-score needs another question in the attempt.
        with_rest = [answer for answer in answered if asked[answer.attempt_id] > 1]
        times = [answer.time_taken_ms for answer in answered if answer.time_taken_ms is not None]
        item_facility = facility(correct=correct)
        discrimination = discrimination_index(
            scores=[score(answer) for answer in answered], correct=correct
        )
        r_pb = point_biserial(
            rest_scores=[rest_score(answer) for answer in with_rest],
            correct=[answer.correct for answer in with_rest],
        )
        items.append(
            ItemStatistics(
                question=question,
                attempts=len(answered),
                facility=item_facility,
                discrimination=discrimination,
                point_biserial=r_pb,
                average_seconds=fmean(times) / 1000 if times else None,
                answer_counts=answer_counts(question=question, answers=answered),
                labels=item_labels(
                    attempts=len(answered),
                    facility=item_facility,
                    discrimination=discrimination,
                    point_biserial=r_pb,
                ),
            )
        )
    return items
