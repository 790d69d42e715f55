"""Selectors for teachers: a class's gradebook, and one student's results in that class.

A review or a card counts for every set its question is in, not only for the set it was
first studied from (Card.question_set), as on the student's home page: a student who met
a question in another set has still learnt it for this one. Quiz scores are percentages of
finished attempts, as QuizAttempt.percent. Every selector is a fixed number of grouped
queries, however many students, sets, attempts and reviews.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import (
    Count,
    F,
    FloatField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Cast, TruncWeek

from learning.bank.selectors import question_reaches_students
from learning.models import (
    Assignment,
    Card,
    Classroom,
    Membership,
    QuestionSet,
    QuizAttempt,
    QuizResponse,
    ReviewLog,
)
from learning.progress.reports import Ratio

NAME = "name"
ACTIVITY = "activity"
_BEST_PREFIX = "best-"
# The first click on a column shows names A to Z, but the most recent or best first.
_DESCENDING_FIRST = {NAME: False, ACTIVITY: True}


@dataclass(frozen=True)
class SetResult:
    """One student's figures for one set; None where there is nothing to measure yet."""

    best: int | None
    latest: int | None
    attempts: int
    accuracy: Ratio
    due: int
    # An attempt started and not finished: shown as such, not as "no quiz".
    unfinished: bool = False


@dataclass(frozen=True)
class GradebookRow:
    student: AbstractBaseUser
    # The latest review or quiz answer, in any set.
    last_activity: datetime | None
    # In the order of Gradebook.question_sets.
    results: list[SetResult]


@dataclass(frozen=True)
class Gradebook:
    question_sets: list[QuestionSet]
    rows: list[GradebookRow]

    @property
    def sort_keys(self) -> list[str]:
        return [
            NAME,
            ACTIVITY,
            *(best_score_key(question_set) for question_set in self.question_sets),
        ]


@dataclass(frozen=True)
class Sort:
    key: str
    descending: bool


@dataclass(frozen=True)
class WeekAccuracy:
    # The week's Monday (UTC).
    week: date
    correct: Ratio


@dataclass(frozen=True)
class SetProgress:
    question_set: QuestionSet
    # Every week of the period, oldest first, those without reviews included.
    weeks: list[WeekAccuracy]

    @property
    def reviews(self) -> int:
        return sum(week.correct.whole for week in self.weeks)


def best_score_key(question_set: QuestionSet) -> str:
    return f"{_BEST_PREFIX}{question_set.pk}"


def _percent() -> Cast:
    # In floating point on both databases, so that rounding in Python matches
    # QuizAttempt.percent; rounding is monotonic, so the rounded best is the best rounded.
    return Cast(F("score"), FloatField()) * 100 / F("total")


def _current_members(*, classroom: Classroom) -> QuerySet[Membership]:
    return Membership.objects.filter(classroom=classroom, removed_at__isnull=True)


def assigned_sets(*, classroom: Classroom) -> list[QuestionSet]:
    """The class's sets, in the teacher's order."""
    return list(
        QuestionSet.objects.filter(assignments__classroom=classroom).order_by(
            "assignments__order", "assignments__id"
        )
    )


def current_students(*, classroom: Classroom) -> QuerySet:
    """Members not removed, by username, each with ``last_review`` and ``last_answer``."""
    last_review = (
        ReviewLog.objects.filter(card__user=OuterRef("pk"))
        .order_by("-reviewed_at")
        .values("reviewed_at")[:1]
    )
    last_answer = (
        # Unanswered responses have no time; PostgreSQL would sort their NULLs first.
        QuizResponse.objects.filter(attempt__user=OuterRef("pk"), answered_at__isnull=False)
        .order_by("-answered_at")
        .values("answered_at")[:1]
    )
    return (
        get_user_model()
        .objects.filter(pk__in=_current_members(classroom=classroom).values("student"))
        .annotate(last_review=Subquery(last_review), last_answer=Subquery(last_answer))
        .order_by("username")
    )


def _quiz_scores(*, students: QuerySet, set_ids: QuerySet) -> dict[tuple[int, int], dict]:
    # A finished attempt always has questions; total > 0 only keeps a division by zero out.
    finished = QuizAttempt.objects.filter(finished_at__isnull=False, total__gt=0)
    latest = (
        finished.filter(user=OuterRef("user"), question_set=OuterRef("question_set"))
        .annotate(percent=_percent())
        .order_by("-finished_at", "-pk")
        .values("percent")[:1]
    )
    rows = (
        finished.filter(user__in=students, question_set__in=set_ids)
        .order_by()
        .values("user", "question_set")
        .annotate(best=Max(_percent()), attempts=Count("pk"), latest=Subquery(latest))
    )
    return {(row["user"], row["question_set"]): row for row in rows}


def _study_accuracy(*, students: QuerySet, set_ids: QuerySet) -> dict[tuple[int, int], Ratio]:
    rows = (
        ReviewLog.objects.filter(
            card__user__in=students, card__question__set_items__question_set__in=set_ids
        )
        .order_by()
        .values(user=F("card__user"), set_id=F("card__question__set_items__question_set"))
        .annotate(reviews=Count("pk"), correct=Count("pk", filter=Q(correct=True)))
    )
    return {
        (row["user"], row["set_id"]): Ratio(part=row["correct"], whole=row["reviews"])
        for row in rows
    }


def _cards_due(
    *, students: QuerySet, set_ids: QuerySet, now: datetime
) -> dict[tuple[int, int], int]:
    # Only published questions: the others are never shown for study.
    rows = (
        Card.objects.filter(
            question_reaches_students("question__"),
            user__in=students,
            due__lte=now,
            question__set_items__question_set__in=set_ids,
        )
        .order_by()
        .values("user", set_id=F("question__set_items__question_set"))
        .annotate(due=Count("pk"))
    )
    return {(row["user"], row["set_id"]): row["due"] for row in rows}


def class_gradebook(*, classroom: Classroom, now: datetime) -> Gradebook:
    """One row per current student, one result per assigned set; six queries in all."""
    question_sets = assigned_sets(classroom=classroom)
    students = list(current_students(classroom=classroom))
    # Subqueries rather than lists of ids, so that a big class makes no long IN (...).
    student_ids = _current_members(classroom=classroom).values("student")
    set_ids = Assignment.objects.filter(classroom=classroom).values("question_set")
    scores = _quiz_scores(students=student_ids, set_ids=set_ids)
    accuracy = _study_accuracy(students=student_ids, set_ids=set_ids)
    due = _cards_due(students=student_ids, set_ids=set_ids, now=now)
    unfinished = set(
        QuizAttempt.objects.filter(
            user__in=student_ids, question_set__in=set_ids, finished_at__isnull=True
        ).values_list("user", "question_set")
    )

    def result(student: AbstractBaseUser, question_set: QuestionSet) -> SetResult:
        key = (student.pk, question_set.pk)
        score = scores.get(key)
        return SetResult(
            best=round(score["best"]) if score else None,
            latest=round(score["latest"]) if score else None,
            attempts=score["attempts"] if score else 0,
            accuracy=accuracy.get(key, Ratio(part=0, whole=0)),
            due=due.get(key, 0),
            unfinished=key in unfinished,
        )

    rows = [
        GradebookRow(
            student=student,
            last_activity=max(
                (moment for moment in (student.last_review, student.last_answer) if moment),
                default=None,
            ),
            results=[result(student, question_set) for question_set in question_sets],
        )
        for student in students
    ]
    return Gradebook(question_sets=question_sets, rows=rows)


def first_sort(key: str) -> Sort:
    """How a column sorts when first clicked."""
    return Sort(key=key, descending=_DESCENDING_FIRST.get(key, True))


def parse_sort(*, gradebook: Gradebook, key: str | None, direction: str | None) -> Sort:
    """The sort a query string asks for, never failing.

    An unknown column falls back to names A to Z, an unknown direction to the column's
    first sort.
    """
    if key not in gradebook.sort_keys:
        key = NAME
    if direction not in ("asc", "desc"):
        return first_sort(key)
    return Sort(key=key, descending=direction == "desc")


def _sort_value(*, gradebook: Gradebook, key: str) -> Callable[[GradebookRow], Any]:
    if key == NAME:
        return lambda row: row.student.get_username().casefold()
    if key == ACTIVITY:
        return lambda row: row.last_activity
    index = [best_score_key(question_set) for question_set in gradebook.question_sets].index(key)
    return lambda row: row.results[index].best


def sort_rows(*, gradebook: Gradebook, sort: Sort) -> list[GradebookRow]:
    """Rows in the given order; rows without a value come last either way, ties by name."""
    value = _sort_value(gradebook=gradebook, key=sort.key)
    by_name = sorted(gradebook.rows, key=_sort_value(gradebook=gradebook, key=NAME))
    # Python's sort is stable, in reverse too: equal values stay in name order.
    known = sorted(
        (row for row in by_name if value(row) is not None), key=value, reverse=sort.descending
    )
    return known + [row for row in by_name if value(row) is None]


def student_attempts(
    *, student: AbstractBaseUser, question_sets: list[QuestionSet]
) -> list[QuizAttempt]:
    """The student's attempts at these sets, newest first, with responses and questions."""
    return list(
        QuizAttempt.objects.filter(user=student, question_set__in=question_sets)
        .select_related("question_set")
        .prefetch_related(
            Prefetch(
                "responses",
                queryset=QuizResponse.objects.select_related("question").order_by("position"),
            )
        )
        .order_by("-started_at", "-pk")
    )


def overridden_reviews(
    *, student: AbstractBaseUser, question_sets: list[QuestionSet]
) -> list[ReviewLog]:
    """The student's reviews in these sets that they marked right after a wrong verdict."""
    return list(
        ReviewLog.objects.filter(
            card__user=student,
            overridden=True,
            card__question__set_items__question_set__in=question_sets,
        )
        .select_related("card__question")
        .distinct()
        .order_by("-reviewed_at", "-pk")
    )


def weekly_study_accuracy(
    *, student: AbstractBaseUser, question_sets: list[QuestionSet], now: datetime, weeks: int = 12
) -> list[SetProgress]:
    """Reviews and correct answers per set in each of the last ``weeks`` UTC weeks."""
    today = now.astimezone(UTC).date()
    first_monday = today - timedelta(days=today.weekday() + 7 * (weeks - 1))
    rows = (
        ReviewLog.objects.filter(
            card__user=student,
            card__question__set_items__question_set__in=question_sets,
            reviewed_at__gte=datetime.combine(first_monday, time.min, tzinfo=UTC),
        )
        .order_by()
        .values(
            set_id=F("card__question__set_items__question_set"),
            week=TruncWeek("reviewed_at", tzinfo=UTC),
        )
        .annotate(reviews=Count("pk"), correct=Count("pk", filter=Q(correct=True)))
    )
    counts = {
        (row["set_id"], row["week"].date()): Ratio(part=row["correct"], whole=row["reviews"])
        for row in rows
    }
    mondays = [first_monday + timedelta(weeks=offset) for offset in range(weeks)]
    return [
        SetProgress(
            question_set=question_set,
            weeks=[
                WeekAccuracy(
                    week=monday,
                    correct=counts.get((question_set.pk, monday), Ratio(part=0, whole=0)),
                )
                for monday in mondays
            ],
        )
        for question_set in question_sets
    ]
