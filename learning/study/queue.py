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
    Value,
    When,
)

from learning.bank.selectors import is_studiable, question_reaches_students
from learning.models import Card, Question, QuestionSet, QuestionSetItem
from learning.study.counts import Today, day_columns, today_from
from learning.study.limits import NewCardLimit, day_start, started_today

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
    columns = day_columns(user=user, question_set=question_set, now=now) if count_today else {}

    def item(row: Card | QuestionSetItem, card: Card | None) -> StudyItem:
        today = today_from(row, user=user, question_set=question_set) if columns else None
        return StudyItem(question=row.question, card=card, today=today)

    due = _first_due(user=user, question_set=question_set, now=now, until=now, columns=columns)
    if due is not None:
        return item(due, due)
    new = _first_new(
        user=user, question_set=question_set, now=now, new_limit=new_limit, columns=columns
    )
    if new is not None:
        return item(new, None)
    ahead = _first_due(
        user=user,
        question_set=question_set,
        now=now,
        until=now + LEARN_AHEAD,
        learning=True,
        columns=columns,
    )
    return item(ahead, ahead) if ahead else None


def _first_due(
    *,
    user: AbstractBaseUser,
    question_set: QuestionSet,
    now: datetime,
    until: datetime,
    learning: bool = False,
    columns: dict,
) -> Card | None:
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
        .order_by("queue", "due", "id")
        .first()
    )


def _first_new(
    *,
    user: AbstractBaseUser,
    question_set: QuestionSet,
    now: datetime,
    new_limit: int | None,
    columns: dict,
) -> QuestionSetItem | None:
    """The next new question: parts take turns (the part with the fewest questions started
    goes next), the set's order within each. Two queries, each one pass over the set."""
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
    parts = list(
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
    started = sum(part["started_today"] for part in parts)
    if not NewCardLimit.from_settings(new_limit).remaining(started_today=started):
        return None
    turn = next((part for part in parts if part["next_order"] is not None), None)
    if turn is None:
        return None
    return (
        items.filter(eligible, part=turn["part"], order=turn["next_order"])
        .annotate(**columns)
        .select_related("question")
        .order_by("id")
        .first()
    )


def next_due_at(*, user: AbstractBaseUser, question_set: QuestionSet) -> datetime | None:
    """When the student's earliest card in the set falls due, for "come back at …"."""
    return Card.objects.filter(
        question_reaches_students("question__"),
        user=user,
        question__set_items__question_set=question_set,
    ).aggregate(due=Min("due"))["due"]
