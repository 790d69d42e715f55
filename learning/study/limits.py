"""The daily limit on new cards: how many a student may still start in a set today.

The day is the UTC day of ``now``; the limit is settings.DAILY_NEW_CARDS per set.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet

from learning.models import Card, QuestionSet
from learning.study.prepared import derivable


@dataclass(frozen=True)
class NewCardLimit:
    per_day: int

    @classmethod
    def from_settings(cls, per_day: int | None = None) -> "NewCardLimit":
        return cls(per_day=settings.DAILY_NEW_CARDS if per_day is None else per_day)

    def remaining(self, *, started_today: int) -> int:
        return max(self.per_day - started_today, 0)


# Derivable: a prepared query's moment gives the day's bounds as parameters of their own.
@derivable
def day_start(now: datetime) -> datetime:
    """Midnight UTC of ``now``'s day: where the study day, its limit and its siblings begin."""
    return now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)


@derivable
def day_end(now: datetime) -> datetime:
    """The next midnight UTC: where ``now``'s study day ends."""
    return day_start(now) + timedelta(days=1)


def started_today(*, question_set: QuestionSet, now: datetime, prefix: str = "") -> Q:
    """Cards (``prefix`` leads to one) the student started in the set on ``now``'s UTC day."""
    return Q(
        **{
            f"{prefix}question_set": question_set,
            f"{prefix}created_at__gte": day_start(now),
            f"{prefix}created_at__lt": day_end(now),
        }
    )


def cards_started_today(*, user: AbstractBaseUser, now: datetime) -> QuerySet[Card]:
    """The student's cards created on the UTC day of ``now``: the new cards they started."""
    return Card.objects.filter(
        user=user, created_at__gte=day_start(now), created_at__lt=day_end(now)
    )
