"""Scored quizzes: start (or resume) an attempt, answer its questions, see the result.

An attempt fixes its questions, their order and the order of their choices when it
starts, so a resumed attempt shows exactly what it showed before.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Count, Max, Q, Sum
from django.utils import timezone

from learning.bank import selectors
from learning.models import (
    Assignment,
    Card,
    Question,
    QuestionSet,
    QuizAttempt,
    QuizResponse,
)
from learning.study import grading
from learning.study.choices import shown_choices
from learning.text.dates import format_date, read_date
from learning.text.mentions import mentions

DEFAULT_SIZE = 10


class NoQuestions(Exception):
    """The set has no published question to quiz on."""


class NoAttemptsLeft(Exception):
    """The student has made every attempt the teacher allows."""


@dataclass(frozen=True)
class QuizSettings:
    """How a student's quiz on a set runs: their class's assignment sets it, else these."""

    size: int = DEFAULT_SIZE
    time_limit: timedelta | None = None
    attempts_allowed: int | None = None
    show_answers: bool = True


def quiz_settings(*, user: AbstractBaseUser, question_set: QuestionSet) -> QuizSettings:
    """The settings of the student's first current class that assigns the set."""
    assignment = (
        Assignment.objects.filter(
            question_set=question_set,
            classroom__memberships__student=user,
            classroom__memberships__removed_at__isnull=True,
        )
        .order_by("assigned_at", "pk")
        .first()
    )
    if assignment is None:
        return QuizSettings()
    limit = assignment.time_limit_minutes
    return QuizSettings(
        size=assignment.quiz_size,
        time_limit=timedelta(minutes=limit) if limit else None,
        attempts_allowed=assignment.attempts_allowed,
        show_answers=assignment.show_answers,
    )


def remaining_attempts(*, allowed: int | None, finished: int) -> int | None:
    """Attempts the student may still make after ``finished``; None for no limit."""
    return None if allowed is None else max(allowed - finished, 0)


def attempts_left(
    *, user: AbstractBaseUser, question_set: QuestionSet, settings: QuizSettings
) -> int | None:
    """Finished attempts the student may still make; None for no limit."""
    if settings.attempts_allowed is None:
        return None
    finished = QuizAttempt.objects.filter(
        user=user, question_set=question_set, finished_at__isnull=False
    ).count()
    return remaining_attempts(allowed=settings.attempts_allowed, finished=finished)


@dataclass(frozen=True)
class ResultItem:
    response: QuizResponse
    # The right answer and the student's, as a student should see them (a date spelt
    # out, an order with arrows).
    expected: str
    given: str
    also_accepted: tuple[str, ...] = ()


# --- selectors ---------------------------------------------------------------------------


def unfinished_attempt(*, user: AbstractBaseUser, question_set: QuestionSet) -> QuizAttempt | None:
    return (
        QuizAttempt.objects.filter(user=user, question_set=question_set, finished_at__isnull=True)
        .order_by("-started_at", "-pk")
        .first()
    )


@dataclass(frozen=True)
class QuizState:
    """A student's quizzes on one set: the attempt to resume, if any, and how many finished."""

    unfinished_id: int | None = None
    finished: int = 0


def quiz_states(
    *, user: AbstractBaseUser, question_sets: list[QuestionSet]
) -> dict[int, QuizState]:
    """Per set id, in one query however many sets."""
    rows = (
        QuizAttempt.objects.filter(user=user, question_set__in=question_sets)
        .values("question_set")
        .annotate(
            finished=Count("pk", filter=Q(finished_at__isnull=False)),
            unfinished_id=Max("pk", filter=Q(finished_at__isnull=True)),
        )
        .order_by()
    )
    return {
        row["question_set"]: QuizState(unfinished_id=row["unfinished_id"], finished=row["finished"])
        for row in rows
    }


def current_response(*, attempt: QuizAttempt) -> QuizResponse | None:
    """The first question of the attempt not yet answered, or None when all are."""
    return (
        attempt.responses.filter(answered_at__isnull=True)
        .select_related("question")
        .order_by("position")
        .first()
    )


def get_response(*, attempt: QuizAttempt, response_id: int) -> QuizResponse | None:
    return attempt.responses.select_related("question").filter(pk=response_id).first()


def quiz_results(*, attempt: QuizAttempt) -> list[ResultItem]:
    # The results show each question's source: its sentence, or its fact's infobox line.
    responses = attempt.responses.select_related("question__sentence", "question__fact").order_by(
        "position"
    )
    grades = [
        (response, grading.grade_answer(question=response.question, given=response.answer_given))
        for response in responses
    ]
    return [
        ResultItem(
            response=response,
            expected=grade.expected,
            given=grade.shown_given,
            also_accepted=grade.also_accepted,
        )
        for response, grade in grades
    ]


# --- services ----------------------------------------------------------------------------


@transaction.atomic
def start_quiz(
    *,
    user: AbstractBaseUser,
    question_set: QuestionSet,
    size: int | None = None,
    seed: int | None = None,
    now: datetime | None = None,
) -> QuizAttempt:
    """A new attempt of random published questions, or the unfinished one.

    Its size, time limit and whether it shows the answers come from the student's class
    (quiz_settings); ``size`` overrides the size. Raises NoQuestions when the set has no
    published question and NoAttemptsLeft when the class allows no more attempts.
    """
    # Serialise starts per student, so a double click cannot open two attempts.
    get_user_model().objects.select_for_update().get(pk=user.pk)
    now = now or timezone.now()
    attempt = unfinished_attempt(user=user, question_set=question_set)
    if attempt is not None and not expire(attempt=attempt, now=now):
        return attempt

    settings = quiz_settings(user=user, question_set=question_set)
    if attempts_left(user=user, question_set=question_set, settings=settings) == 0:
        raise NoAttemptsLeft(question_set.slug)
    questions = list(
        selectors.studiable_questions(question_set=question_set).select_related("fact")
    )
    if not questions:
        raise NoQuestions(question_set.slug)
    size = size or settings.size
    rng = random.Random(seed)
    attempt = QuizAttempt.objects.create(
        user=user,
        question_set=question_set,
        deadline=now + settings.time_limit if settings.time_limit else None,
        show_answers=settings.show_answers,
    )
    QuizResponse.objects.bulk_create(
        QuizResponse(
            attempt=attempt,
            question=question,
            position=position,
            shown_choices=shown_choices(question=question, rng=rng),
        )
        for position, question in enumerate(draw_questions(questions, size=size, rng=rng))
    )
    return attempt


def draw_questions(questions: list[Question], *, size: int, rng: random.Random) -> list[Question]:
    """Up to ``size`` questions in random order, none of which answers another.

    At most one question of each fact and of each sentence: two forms of one fact ("When
    did … capture Rawa?", "Which of these happened on 17 November?") answer each other, and
    so do two facts of one sentence. No two questions with the same answer, and none whose
    prompt or choices hold another's answer: "Who succeeded Salan?" offering Henri Navarre
    among its names gives away "Who was concerned about Laos?", as "Is it true that the army
    captured Rawa on 17 November?" gives away "Which town did the army capture on 17
    November?". ``questions`` should come with their facts (``select_related("fact")``).
    """
    drawn: list[Question] = []
    facts: set[int] = set()
    sentences: set[int] = set()
    for question in rng.sample(questions, k=len(questions)):
        sentence_id = question.fact.sentence_id if question.fact_id else None
        if (question.fact_id in facts) or (sentence_id in sentences):
            continue
        if any(_answers_each_other(question, other) for other in drawn):
            continue
        # Questions of no fact (orderings) or of no sentence (infobox fields) stay apart.
        facts |= {question.fact_id} - {None}
        sentences |= {sentence_id} - {None}
        drawn.append(question)
        if len(drawn) == size:
            break
    return drawn


def _answers_each_other(question: Question, other: Question) -> bool:
    if _answer_phrases(question) and _fold(question.answer) == _fold(other.answer):
        return True
    return _gives_away(question, other) or _gives_away(other, question)


def _fold(answer: str) -> str:
    return " ".join(answer.casefold().split())


def _gives_away(question: Question, other: Question) -> bool:
    """Whether ``question``'s prompt or any of its choices states ``other``'s answer."""
    texts = [question.prompt]
    if question.kind in (Question.Kind.MULTIPLE_CHOICE, Question.Kind.ORDERING):
        texts += [str(choice) for choice in question.choices]
    return any(mentions(text, phrase) for text in texts for phrase in _answer_phrases(other))


def _answer_phrases(question: Question) -> list[str]:
    """How ``question``'s answer would be written in another question's text."""
    if question.kind in (Question.Kind.TRUE_FALSE, Question.Kind.ORDERING):
        return []
    if question.kind == Question.Kind.DATE:
        day = read_date(question.answer)
        return [format_date(value=day).rsplit(" ", 1)[0]] if day else []
    answers = [question.answer, *map(str, question.accepted_answers)]
    # "4" or "Hit" is too short to tell a mention from a coincidence.
    return [a for a in answers if len(a.strip()) >= 4]


@transaction.atomic
def answer_question(
    *,
    attempt: QuizAttempt,
    response_id: int,
    given: str,
    time_taken_ms: int | None,
    now: datetime,
) -> QuizAttempt:
    """Grade and record one answer; the last answer finishes the attempt with its score.

    Answering an answered question changes nothing, so a repeated post is recorded once.
    Raises QuizResponse.DoesNotExist when the response is not part of this attempt.
    Returns the attempt, updated.
    """
    attempt = QuizAttempt.objects.select_for_update().get(pk=attempt.pk)
    response = (
        # Lock the response only, not the question it joins (nor its fact, which grading a
        # date reads for its precision).
        QuizResponse.objects.select_for_update(of=("self",))
        .select_related("question__fact")
        .get(pk=response_id, attempt=attempt)
    )
    # A finished attempt has every response answered or ended, so this also protects it.
    if response.answered_at is not None or attempt.finished_at is not None:
        return attempt
    if expire(attempt=attempt, now=now):
        # Too late: the time limit ended the attempt before this answer came.
        return attempt

    response.answer_given = given
    grade = grading.grade_answer(question=response.question, given=given)
    # A quiz scores what is right; a close answer (a date two days off) scores half.
    response.correct = grade.correct and not grade.near
    response.credit = CLOSE_CREDIT if grade.near else Decimal(response.correct)
    response.time_taken_ms = time_taken_ms
    response.answered_at = now
    response.save(
        update_fields=["answer_given", "correct", "credit", "time_taken_ms", "answered_at"]
    )

    counts = attempt.responses.aggregate(
        total=Count("pk"),
        answered=Count("pk", filter=Q(answered_at__isnull=False)),
        score=Sum("credit"),
    )
    if counts["answered"] == counts["total"]:
        _finish(attempt=attempt, now=now, counts=counts)
    return attempt


# What a close answer scores in a quiz.
CLOSE_CREDIT = Decimal("0.5")


def _finish(*, attempt: QuizAttempt, now: datetime, counts: dict | None = None) -> None:
    counts = counts or attempt.responses.aggregate(total=Count("pk"), score=Sum("credit"))
    attempt.finished_at = now
    attempt.score = counts["score"] or 0
    attempt.total = counts["total"]
    attempt.save(update_fields=["finished_at", "score", "total"])


def expire(*, attempt: QuizAttempt, now: datetime) -> bool:
    """Finish an attempt whose time limit has passed (its unanswered questions score
    nothing); whether it had."""
    if attempt.finished_at is not None or attempt.deadline is None or now < attempt.deadline:
        return False
    with transaction.atomic():
        _finish(attempt=attempt, now=attempt.deadline)
    return True


@transaction.atomic
def study_missed(*, attempt: QuizAttempt, now: datetime) -> int:
    """Make the attempt's questions not answered right due now in the student's study
    queue; how many. A question never studied gets a card, due now."""
    missed = [
        response.question_id
        for response in attempt.responses.select_related("question")
        if response.credit < 1 and response.question.status == Question.Status.PUBLISHED
    ]
    cards = Card.objects.filter(user=attempt.user, question_id__in=missed)
    studied = set(cards.values_list("question_id", flat=True))
    cards.update(due=now)
    Card.objects.bulk_create(
        Card(user=attempt.user, question_id=question_id, question_set=attempt.question_set, due=now)
        for question_id in missed
        if question_id not in studied
    )
    return len(missed)
