"""How many cards wait in a set: for the study page's "N done today · M left" and the home
page's counts per set.

Every count reads at most a bounded number of rows through an index, so that it costs the
same for a student with a thousand cards as for one with a million: due cards are counted up
to SHOWN_UP_TO (beyond it the page says "100+"), reviews
only of the cards the student met today. A set's new cards are its published questions
less those the student has started, both kept by the database as they change
(QuestionSet.published_total, SetProgress).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery

from learning.bank.selectors import question_reaches_students
from learning.models import Card, QuestionSet, QuestionSetItem, SetProgress
from learning.study.answering import reviews_in_set
from learning.study.limits import NewCardLimit, cards_started_today, day_start

# Due counts are exact up to this many; past it the page shows "100+".
SHOWN_UP_TO = 100


def _shown(count: int) -> str:
    """A count as the page shows it: "100+" past SHOWN_UP_TO."""
    return f"{SHOWN_UP_TO}+" if count > SHOWN_UP_TO else str(count)


class _Count(Subquery):
    """``(SELECT COUNT(*) FROM (rows LIMIT cap))``: a count that reads at most ``cap`` rows."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) AS counted)"
    output_field = IntegerField()

    def __init__(self, queryset: QuerySet, *, cap: int | None = None) -> None:
        rows = queryset.order_by().values("pk")
        super().__init__(rows[:cap] if cap is not None else rows)


def _in_set(*, question_set: QuestionSet | OuterRef, path: str = "question__") -> Q:
    """Rows whose question (at ``path``) students may see in the set."""
    return question_reaches_students(path) & Q(**{f"{path}set_items__question_set": question_set})


def _due(
    *, user: AbstractBaseUser, question_set, now: datetime, queue: int | None = None
) -> _Count:
    cards = Card.objects.filter(_in_set(question_set=question_set), user=user, due__lte=now)
    if queue is not None:
        cards = cards.filter(queue=queue)
    return _Count(cards, cap=SHOWN_UP_TO + 1)


def _started(*, user: AbstractBaseUser, question_set) -> Subquery:
    """How many of the set's published questions the student has a card for, as the
    database keeps it (SetProgress); None where the student has no row yet."""
    rows = SetProgress.objects.filter(user=user, question_set=question_set)
    return Subquery(rows.values("started")[:1], output_field=IntegerField())


def _start_progress(*, user: AbstractBaseUser, set_ids: list[int]) -> dict[int, int]:
    """Count, once, what the database keeps from then on: the student's started questions in
    each set. Two queries, however many sets."""
    started = dict(
        QuestionSetItem.objects.filter(
            question_reaches_students("question__"),
            question_set__in=set_ids,
            question__cards__user=user,
        )
        .values("question_set")
        .annotate(count=Count("id"))
        .order_by()
        .values_list("question_set", "count")
    )
    SetProgress.objects.bulk_create(
        [
            SetProgress(user=user, question_set_id=set_id, started=started.get(set_id, 0))
            for set_id in set_ids
        ],
        ignore_conflicts=True,
    )
    return {set_id: started.get(set_id, 0) for set_id in set_ids}


def _new(rows: list[dict], *, user: AbstractBaseUser) -> dict[int, int]:
    """Each row's new cards (its set's published questions without a card of the student),
    from ``total`` and ``started`` read with it; rows read before the student had a count
    are counted now."""
    missing = [row["pk"] for row in rows if row["started"] is None]
    counted = _start_progress(user=user, set_ids=missing) if missing else {}
    return {
        row["pk"]: max(row["total"] - counted.get(row["pk"], row["started"] or 0), 0)
        for row in rows
    }


def _started_today(*, user: AbstractBaseUser, question_set, now: datetime) -> _Count:
    return _Count(cards_started_today(user=user, now=now).filter(question_set=question_set))


def _reviews_today(*, user: AbstractBaseUser, question_set, now: datetime) -> QuerySet:
    """The day's reviews in the set, found from the cards the student met today."""
    start = day_start(now)
    return reviews_in_set(user=user, question_set=question_set).filter(
        card__last_review__gte=start, reviewed_at__gte=start
    )


@dataclass(frozen=True)
class Today:
    """The student's day in a set: reviews done, how many right, and cards still waiting."""

    done: int
    right: int
    # Cards due now (up to SHOWN_UP_TO + 1) and new cards the student may still start today.
    left: int
    # Whether the student has any review in the set to undo.
    can_undo: bool

    @property
    def left_shown(self) -> str:
        return _shown(self.left)


# The names of the columns day_columns adds to a query.
_DAY = "day_"


def day_columns(*, user: AbstractBaseUser, question_set: QuestionSet, now: datetime) -> dict:
    """The day's counts in the set, as columns that any one-row query can carry: the queue
    reads them with the card it picks, so a step costs no query of its own for them."""
    reviews = _reviews_today(user=user, question_set=question_set, now=now)
    columns = {
        "total": Subquery(
            QuestionSet.objects.filter(pk=question_set.pk).values("published_total")[:1]
        ),
        "started": _started(user=user, question_set=question_set),
        "due": _due(user=user, question_set=question_set, now=now),
        "started_today": _started_today(user=user, question_set=question_set, now=now),
        "done": _Count(reviews),
        "right": _Count(reviews.filter(correct=True)),
        "can_undo": Exists(reviews_in_set(user=user, question_set=question_set)),
    }
    return {f"{_DAY}{name}": column for name, column in columns.items()}


def today_from(
    row: Mapping | object, *, user: AbstractBaseUser, question_set: QuestionSet
) -> Today:
    """The Today of a row (a dict, or a model instance) read with day_columns."""

    def read(name: str):
        key = f"{_DAY}{name}"
        return row[key] if isinstance(row, Mapping) else getattr(row, key)

    new = _new(
        [{"pk": question_set.pk, "total": read("total"), "started": read("started")}], user=user
    )[question_set.pk]
    remaining = NewCardLimit.from_settings().remaining(started_today=read("started_today"))
    return Today(
        done=read("done"),
        right=read("right"),
        left=read("due") + min(new, remaining),
        can_undo=read("can_undo"),
    )


def today_in_set(*, user: AbstractBaseUser, question_set: QuestionSet, now: datetime) -> Today:
    """One query, of bounded work (three the first time the student opens the set)."""
    row = (
        QuestionSet.objects.filter(pk=question_set.pk)
        .values(**day_columns(user=user, question_set=question_set, now=now))
        .get()
    )
    return today_from(row, user=user, question_set=question_set)


@dataclass(frozen=True)
class Counts:
    # The set's new cards the student may still start today (the daily limit).
    new_today: int
    # Learning and relearning cards due now, up to SHOWN_UP_TO + 1.
    learning: int
    # Review cards due now, up to SHOWN_UP_TO + 1.
    review: int
    # Share of the student's reviews in the set that were right; None before any review.
    accuracy: float | None

    @property
    def learning_shown(self) -> str:
        return _shown(self.learning)

    @property
    def review_shown(self) -> str:
        return _shown(self.review)


def study_counts(
    *, user: AbstractBaseUser, question_sets: list[QuestionSet], now: datetime
) -> dict[int, Counts]:
    """Counts per set id for a list of sets, in one query however many sets (three the first
    time the student sees a set)."""
    limit = NewCardLimit.from_settings()
    in_each = OuterRef("pk")
    reviews = reviews_in_set(user=user, question_set=in_each)
    rows = QuestionSet.objects.filter(pk__in=[question_set.pk for question_set in question_sets])
    rows = list(
        rows.values(
            "pk",
            total=F("published_total"),
            started=_started(user=user, question_set=in_each),
            learning=_due(user=user, question_set=in_each, now=now, queue=Card.Queue.LEARNING),
            review=_due(user=user, question_set=in_each, now=now, queue=Card.Queue.REVIEW),
            started_today=_started_today(user=user, question_set=in_each, now=now),
            reviews=_Count(reviews),
            right=_Count(reviews.filter(correct=True)),
        )
    )
    new = _new(rows, user=user)
    counts = {}
    for row in rows:
        counts[row["pk"]] = Counts(
            new_today=min(new[row["pk"]], limit.remaining(started_today=row["started_today"])),
            learning=row["learning"],
            review=row["review"],
            accuracy=row["right"] / row["reviews"] if row["reviews"] else None,
        )
    return counts
