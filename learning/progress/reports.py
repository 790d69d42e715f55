"""Selectors for a student's progress page.

Each selector is one or two aggregate queries, whatever the amount of data. Days are
UTC days, so a streak or a calendar does not shift with the server's TIME_ZONE.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import groupby

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import TruncDate

from learning.bank.selectors import question_reaches_students, reaches_students_in_some_set
from learning.models import Card, Question, QuizAttempt, ReviewLog


@dataclass(frozen=True)
class Ratio:
    part: int
    whole: int

    @property
    def percent(self) -> int | None:
        # None, not 0, so that "nothing yet" is not shown as a failing score.
        return round(100 * self.part / self.whole) if self.whole else None


@dataclass(frozen=True)
class CardStates:
    new: int
    learning: int
    review: int
    relearning: int


@dataclass(frozen=True)
class SetAccuracy:
    # None for cards first studied outside any set (or from a deleted set).
    name: str | None
    correct: Ratio


@dataclass(frozen=True)
class StudyAccuracy:
    overall: Ratio
    per_set: list[SetAccuracy]


@dataclass(frozen=True)
class SetScores:
    name: str
    attempts: list[QuizAttempt]


@dataclass(frozen=True)
class DayCount:
    day: date
    count: int


@dataclass(frozen=True)
class ReviewCalendar:
    days: list[DayCount]

    @property
    def total(self) -> int:
        return sum(day.count for day in self.days)

    @property
    def days_studied(self) -> int:
        return sum(1 for day in self.days if day.count)

    @property
    def busiest(self) -> DayCount | None:
        # The earliest of equally busy days, so that the answer is stable.
        busiest = max(self.days, key=lambda day: day.count, default=None)
        return busiest if busiest and busiest.count else None


@dataclass(frozen=True)
class Streak:
    days: int
    # False while today's study is still to do: the streak then ends yesterday.
    studied_today: bool


def _utc_day(moment: datetime) -> date:
    return moment.astimezone(UTC).date()


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _count_per_utc_day(queryset: QuerySet, field: str) -> dict[date, int]:
    # order_by() drops the models' default ordering, which would split the groups.
    rows = (
        queryset.annotate(day=TruncDate(field, tzinfo=UTC))
        .order_by()
        .values("day")
        .annotate(count=Count("id"))
    )
    return {row["day"]: row["count"] for row in rows}


def card_states(*, user: AbstractBaseUser) -> CardStates:
    by_state = dict(
        Card.objects.filter(user=user).order_by().values_list("state").annotate(Count("id"))
    )
    new = Question.objects.filter(
        question_reaches_students(),
        reaches_students_in_some_set(),
        ~Exists(Card.objects.filter(user=user, question=OuterRef("pk"))),
    ).count()
    return CardStates(
        new=new,
        learning=by_state.get(Card.State.LEARNING, 0),
        review=by_state.get(Card.State.REVIEW, 0),
        relearning=by_state.get(Card.State.RELEARNING, 0),
    )


def study_accuracy(*, user: AbstractBaseUser) -> StudyAccuracy:
    rows = (
        ReviewLog.objects.filter(card__user=user)
        .order_by()
        .values("card__question_set", "card__question_set__name")
        .annotate(reviews=Count("id"), correct=Count("id", filter=Q(correct=True)))
    )
    per_set = sorted(
        (
            SetAccuracy(
                name=row["card__question_set__name"],
                correct=Ratio(part=row["correct"], whole=row["reviews"]),
            )
            for row in rows
        ),
        # Named sets alphabetically, then the cards without a set.
        key=lambda accuracy: (accuracy.name is None, accuracy.name or ""),
    )
    overall = Ratio(
        part=sum(accuracy.correct.part for accuracy in per_set),
        whole=sum(accuracy.correct.whole for accuracy in per_set),
    )
    return StudyAccuracy(overall=overall, per_set=per_set)


def quiz_score_history(*, user: AbstractBaseUser) -> list[SetScores]:
    attempts = (
        QuizAttempt.objects.filter(user=user, finished_at__isnull=False)
        .select_related("question_set")
        .order_by("question_set__name", "question_set_id", "finished_at")
    )
    return [
        SetScores(name=question_set.name, attempts=list(set_attempts))
        for question_set, set_attempts in groupby(
            attempts, key=lambda attempt: attempt.question_set
        )
    ]


def reviews_due_by_day(*, user: AbstractBaseUser, now: datetime, days: int = 14) -> list[DayCount]:
    """Cards due on each of the next ``days`` UTC days; today also counts the overdue ones."""
    today = _utc_day(now)
    per_day = _count_per_utc_day(
        Card.objects.filter(user=user, due__lt=_midnight(today + timedelta(days=days))), "due"
    )
    counts: Counter[date] = Counter()
    for day, count in per_day.items():
        counts[max(day, today)] += count
    return [
        DayCount(day=day, count=counts[day])
        for day in (today + timedelta(days=offset) for offset in range(days))
    ]


def review_calendar(*, user: AbstractBaseUser, now: datetime, weeks: int = 26) -> ReviewCalendar:
    """Reviews on each UTC day of the last ``weeks`` weeks, from a Monday up to today."""
    today = _utc_day(now)
    # Starting on a Monday makes every column of the calendar a whole week.
    start = today - timedelta(days=today.weekday() + 7 * (weeks - 1))
    counts = _count_per_utc_day(
        ReviewLog.objects.filter(card__user=user, reviewed_at__gte=_midnight(start)),
        "reviewed_at",
    )
    return ReviewCalendar(
        days=[
            DayCount(day=day, count=counts.get(day, 0))
            for day in (
                start + timedelta(days=offset) for offset in range((today - start).days + 1)
            )
        ]
    )


def retention(*, user: AbstractBaseUser, now: datetime, days: int = 30) -> Ratio:
    """Anki's true retention: of the last ``days`` days' reviews of cards already learnt (in
    review, not new or in their learning steps), the share recalled (not rated Again).
    Accuracy, the share of answers right, counts every answer instead."""
    totals = ReviewLog.objects.filter(
        card__user=user,
        reviewed_at__gt=now - timedelta(days=days),
        reviewed_at__lte=now,
        state_before=Card.State.REVIEW,
    ).aggregate(
        whole=Count("id"),
        part=Count("id", filter=~Q(rating=ReviewLog.Rating.AGAIN)),
    )
    return Ratio(part=totals["part"], whole=totals["whole"])


def study_streak(*, user: AbstractBaseUser, now: datetime) -> Streak:
    """Consecutive UTC days with at least one review, ending today or else yesterday."""
    today = _utc_day(now)
    study_days = iter(
        ReviewLog.objects.filter(
            card__user=user, reviewed_at__lt=_midnight(today + timedelta(days=1))
        )
        .annotate(day=TruncDate("reviewed_at", tzinfo=UTC))
        .order_by("-day")
        .values_list("day", flat=True)
        .distinct()
    )
    latest = next(study_days, None)
    if latest is None or latest < today - timedelta(days=1):
        return Streak(days=0, studied_today=False)
    streak = 1
    for day in study_days:
        if day != latest - timedelta(days=streak):
            break
        streak += 1
    return Streak(days=streak, studied_today=latest == today)
