"""The study queue: which card comes next, and how many are waiting in each set.

New cards are limited per set and per UTC day (settings.DAILY_NEW_CARDS). A fact's questions
are siblings, kept apart as Anki keeps a note's cards: once the student has seen one of them
today, the others wait until tomorrow, new and due alike. A fact is met first as a choice
(multiple choice or true/false); its typed forms come on a later day, once it is known. New
cards take turns among the set's sections instead of running through one sentence at a time.
Every function takes ``now`` from its caller, so the day boundaries and due times are those of
one moment.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FilteredRelation,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from learning.bank.selectors import is_studiable, question_reaches_students
from learning.models import Card, Question, QuestionSet, QuestionSetItem
from learning.study.counts import Today, day_columns, today_from
from learning.study.limits import NewCardLimit, day_start, started_today
from learning.study.prepared import Param, Prepared, moment

# Learning cards due this soon are shown rather than a dead end, as Anki's learn-ahead limit.
LEARN_AHEAD = timedelta(minutes=20)
# The forms that ask a student to recognise the answer, and those that ask to recall it.
RECOGNITION = (Question.Kind.MULTIPLE_CHOICE, Question.Kind.TRUE_FALSE)
RECALL = (Question.Kind.SHORT_ANSWER, Question.Kind.NUMERIC, Question.Kind.DATE)


def _sibling_seen_today(*, user: AbstractBaseUser, now: datetime) -> Exists:
    """Rows (cards or set items) whose fact the student met today in one of its questions.
    The day's cards only (the index on user and last review), however many cards there are."""
    return Exists(
        Card.objects.filter(
            user=user,
            last_review__gte=day_start(now),
            question__fact_id=OuterRef("question__fact_id"),
        )
    )


def _part() -> Case:
    """Which part of the set an item belongs to: its section; the infobox's questions (no
    section) one part, and the ordering questions another, so that they come spread out."""
    return Case(
        When(question__section_id__isnull=False, then=F("question__section_id")),
        When(question__kind=Question.Kind.ORDERING, then=Value(-2)),
        default=Value(-1),
    )


def _ready_to_recall(*, user: AbstractBaseUser, question_set: QuestionSet, now: datetime) -> Q:
    """A new question's form suits what the student knows: a choice first; a typed form once a
    sibling is known from an earlier day, or when the set offers no choice form of its fact."""
    known_sibling = Exists(
        Card.objects.filter(
            user=user,
            question__fact_id=OuterRef("question__fact_id"),
            state=Card.State.REVIEW,
            last_review__lt=day_start(now),
        )
    )
    choice_sibling = Exists(
        QuestionSetItem.objects.filter(
            question_reaches_students("question__"),
            question_set=question_set,
            question__fact_id=OuterRef("question__fact_id"),
            question__kind__in=RECOGNITION,
        )
    )
    return (
        ~Q(question__kind__in=RECALL)
        | Q(question__fact__isnull=True)
        | known_sibling
        | ~choice_sibling
    )


@dataclass(frozen=True)
class StudyItem:
    question: Question
    # None for a question the student has never studied.
    card: Card | None
    # The day in the set, read with the card when next_card was asked for it.
    today: Today | None = None

    @property
    def is_new(self) -> bool:
        return self.card is None


def next_card(
    *,
    user: AbstractBaseUser,
    question_set: QuestionSet,
    now: datetime,
    new_limit: int | None = None,
    count_today: bool = False,
) -> StudyItem | None:
    """The card to study next: learning cards due, then reviews due, then new questions,
    then learning cards due within LEARN_AHEAD (Anki's learn-ahead: no dead end while a card
    is minutes away); none of a fact another of whose questions the student saw today.

    New questions come in turns among the set's sections (the infobox and the ordering
    questions each count as one), in the set's order within each,
    while the student has started fewer than ``new_limit`` (default
    settings.DAILY_NEW_CARDS) cards from this set today (UTC). At most four queries,
    however many cards the student has; one when a card is due. ``count_today``: the
    item carries the day's counts (counts.day_columns), read in the same query.
    """
    if not is_studiable(question_set):
        return None

    def item(row: Card | QuestionSetItem, card: Card | None) -> StudyItem:
        today = today_from(row, user=user, question_set=question_set) if count_today else None
        return StudyItem(question=row.question, card=card, today=today)

    values = {"user": user, "question_set": question_set, "now": now}
    due = _DUE[False, count_today].first(**values, until=now)
    if due is not None:
        return item(due, due)
    new = _first_new(values=values, new_limit=new_limit, count_today=count_today)
    if new is not None:
        return item(new, None)
    ahead = _DUE[True, count_today].first(**values, until=now + LEARN_AHEAD)
    return item(ahead, ahead) if ahead else None


def _first_due(
    *,
    user: AbstractBaseUser,
    question_set: QuestionSet,
    now: datetime,
    until: datetime,
    learning: bool = False,
    columns: dict,
) -> QuerySet[Card]:
    """Learning cards first, then reviews, each by due time: the order of the index on
    (user, queue, due), read until the first card of the set that may be shown."""
    cards = Card.objects.filter(
        question_reaches_students("question__"),
        user=user,
        due__lte=until,
        question__set_items__question_set=question_set,
    )
    if learning:
        cards = cards.filter(queue=Card.Queue.LEARNING)
    # A card met today itself is no sibling: it comes back when due.
    sibling_seen = Q(_sibling_seen_today(user=user, now=now)) & ~Q(last_review__gte=day_start(now))
    return (
        cards.exclude(sibling_seen)
        .annotate(**columns)
        .select_related("question")
        .order_by("queue", "due", "id")[:1]
    )


# The parameters of the queue's prepared queries, which each step's values fill.
_USER, _SET, _NOW = Param("user"), Param("question_set"), moment("now")


def _day(count_today: bool) -> dict:
    return day_columns(user=_USER, question_set=_SET, now=_NOW) if count_today else {}


# _first_due's query, built once, keyed by (learning cards only, with the day's counts).
_DUE = {
    (learning, count_today): Prepared(
        partial(
            _first_due,
            user=_USER,
            question_set=_SET,
            now=_NOW,
            until=moment("until"),
            learning=learning,
            columns=_day(count_today),
        )
    )
    for learning in (False, True)
    for count_today in (False, True)
}


def _new_items(
    *, user: AbstractBaseUser, question_set: QuestionSet, now: datetime
) -> tuple[QuerySet[QuestionSetItem], Q]:
    """The set's items with their part and the student's card, and which may come new."""
    items = QuestionSetItem.objects.filter(
        question_reaches_students("question__"), question_set=question_set
    ).annotate(
        part=_part(),
        card=FilteredRelation("question__cards", condition=Q(question__cards__user=user)),
    )
    eligible = (
        Q(card__id__isnull=True)
        & ~Q(_sibling_seen_today(user=user, now=now))
        & _ready_to_recall(user=user, question_set=question_set, now=now)
    )
    return items, eligible


def _new_parts(*, user: AbstractBaseUser, question_set: QuestionSet, now: datetime) -> QuerySet:
    """Per part: questions started (today too), and the first that may come new."""
    items, eligible = _new_items(user=user, question_set=question_set, now=now)
    return (
        items.values("part")
        .annotate(
            started=Count("card__id"),
            # The daily limit counts the cards of this set the student started today.
            started_today=Count(
                "card__id",
                filter=started_today(question_set=question_set, now=now, prefix="card__"),
            ),
            next_order=Min("order", filter=eligible),
        )
        .order_by("started", "next_order")
    )


def _new_item(
    *,
    user: AbstractBaseUser,
    question_set: QuestionSet,
    now: datetime,
    part: int,
    order: int,
    columns: dict,
) -> QuerySet[QuestionSetItem]:
    items, eligible = _new_items(user=user, question_set=question_set, now=now)
    return (
        items.filter(eligible, part=part, order=order)
        .annotate(**columns)
        .select_related("question")
        .order_by("id")[:1]
    )


_NEW_PARTS = Prepared(partial(_new_parts, user=_USER, question_set=_SET, now=_NOW))
# Keyed by whether the day's counts come with it.
_NEW = {
    count_today: Prepared(
        partial(
            _new_item,
            user=_USER,
            question_set=_SET,
            now=_NOW,
            part=Param("part"),
            order=Param("order"),
            columns=_day(count_today),
        )
    )
    for count_today in (False, True)
}


def _first_new(*, values: dict, new_limit: int | None, count_today: bool) -> QuestionSetItem | None:
    """The next new question: parts take turns (the part with the fewest questions started
    goes next), the set's order within each. Two queries, the first one pass over the set."""
    parts = _NEW_PARTS.dicts(**values)
    started = sum(part["started_today"] for part in parts)
    if not NewCardLimit.from_settings(new_limit).remaining(started_today=started):
        return None
    turn = next((part for part in parts if part["next_order"] is not None), None)
    if turn is None:
        return None
    return _NEW[count_today].first(**values, part=turn["part"], order=turn["next_order"])


def _first_due_at(*, user: AbstractBaseUser, question_set: QuestionSet) -> QuerySet:
    """The earliest due time of the student's cards in the set, in each queue: each the
    first card of the set on the index on (user, queue, due)."""
    cards = Card.objects.filter(
        question_reaches_students("question__"),
        user=user,
        question__set_items__question_set=question_set,
    )
    return QuestionSet.objects.filter(pk=question_set).values(
        **{
            str(queue): Subquery(cards.filter(queue=queue).order_by("due").values("due")[:1])
            for queue in Card.Queue
        }
    )


_DUE_AT = Prepared(partial(_first_due_at, user=_USER, question_set=_SET))


def next_due_at(*, user: AbstractBaseUser, question_set: QuestionSet) -> datetime | None:
    """When the student's earliest card in the set falls due, for "come back at …"."""
    rows = _DUE_AT.dicts(user=user, question_set=question_set)
    return min((due for due in rows[0].values() if due is not None), default=None)
