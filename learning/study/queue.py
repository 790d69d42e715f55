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
from learning.models import Card, Question, QuestionSet, QuestionSetItem, ReviewLog
from learning.study.limits import NewCardLimit, cards_started_today, day_start, started_today

_DUE_STATES = (Card.State.LEARNING, Card.State.RELEARNING)
# Learning cards due this soon are shown rather than a dead end, as Anki's learn-ahead limit.
LEARN_AHEAD = timedelta(minutes=20)
# The forms that ask a student to recognise the answer, and those that ask to recall it.
RECOGNITION = (Question.Kind.MULTIPLE_CHOICE, Question.Kind.TRUE_FALSE)
RECALL = (Question.Kind.SHORT_ANSWER, Question.Kind.NUMERIC, Question.Kind.DATE)


@dataclass(frozen=True)
class SeenToday:
    """The questions the student reviewed today and their facts: the facts' other questions
    wait until tomorrow. Read once per pick, a day's reviews at most."""

    questions: frozenset[int]
    facts: frozenset[int]

    @classmethod
    def read(cls, *, user: AbstractBaseUser, now: datetime) -> "SeenToday":
        rows = Card.objects.filter(
            user=user, last_review__gte=day_start(now), question__fact__isnull=False
        ).values_list("question_id", "question__fact_id")
        return cls(
            questions=frozenset(question for question, _ in rows),
            facts=frozenset(fact for _, fact in rows),
        )

    def siblings(self, prefix: str = "") -> Q:
        """The questions of a seen fact other than those seen themselves."""
        return Q(**{f"{prefix}fact_id__in": self.facts}) & ~Q(**{f"{prefix}id__in": self.questions})


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

    @property
    def is_new(self) -> bool:
        return self.card is None


@dataclass(frozen=True)
class Counts:
    # Published questions of the set the student has never studied.
    total_new: int
    # How many of those the student may still start today (the daily limit).
    new_today: int
    # Learning and relearning cards due now.
    learning: int
    # Review cards due now.
    review: int
    # Share of the student's reviews in the set that were right; None before any review.
    accuracy: float | None


def next_card(
    *,
    user: AbstractBaseUser,
    question_set: QuestionSet,
    now: datetime,
    new_limit: int | None = None,
) -> StudyItem | None:
    """The card to study next: learning cards due, then reviews due, then new questions,
    then learning cards due within LEARN_AHEAD (Anki's learn-ahead: no dead end while a card
    is minutes away); none of a fact another of whose questions the student saw today.

    New questions come in turns among the set's sections (the infobox and the ordering
    questions each count as one), in the set's order within each,
    while the student has started fewer than ``new_limit`` (default
    settings.DAILY_NEW_CARDS) cards from this set today (UTC). At most four queries,
    however many cards the student has.
    """
    if not is_studiable(question_set):
        return None
    seen = SeenToday.read(user=user, now=now)
    due = _first_due(user=user, question_set=question_set, until=now, seen=seen)
    if due is not None:
        return StudyItem(question=due.question, card=due)
    new = _first_new(user=user, question_set=question_set, now=now, new_limit=new_limit, seen=seen)
    if new is not None:
        return StudyItem(question=new.question, card=None)
    ahead = _first_due(
        user=user, question_set=question_set, until=now + LEARN_AHEAD, seen=seen, learning=True
    )
    return StudyItem(question=ahead.question, card=ahead) if ahead else None


def _first_due(
    *,
    user: AbstractBaseUser,
    question_set: QuestionSet,
    until: datetime,
    seen: SeenToday,
    learning: bool = False,
) -> Card | None:
    cards = Card.objects.filter(
        question_reaches_students("question__"),
        user=user,
        due__lte=until,
        question__set_items__question_set=question_set,
    )
    if learning:
        cards = cards.filter(state__in=_DUE_STATES)
    return (
        cards.exclude(seen.siblings("question__"))
        .annotate(learning_first=Case(When(state__in=_DUE_STATES, then=Value(0)), default=Value(1)))
        .select_related("question")
        .order_by("learning_first", "due", "id")
        .first()
    )


def _first_new(
    *,
    user: AbstractBaseUser,
    question_set: QuestionSet,
    now: datetime,
    new_limit: int | None,
    seen: SeenToday,
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
        & ~seen.siblings("question__")
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
        .select_related("question")
        .order_by("id")
        .first()
    )


@dataclass(frozen=True)
class Today:
    """The student's day in a set: reviews done, how many right, and cards still waiting."""

    done: int
    right: int
    # Cards due now and new cards the student may still start today.
    left: int


def today_in_set(*, user: AbstractBaseUser, question_set: QuestionSet, now: datetime) -> Today:
    """Two queries: the set's cards, and the day's reviews."""
    start = day_start(now)
    cards = (
        QuestionSetItem.objects.filter(
            question_reaches_students("question__"), question_set=question_set
        )
        .annotate(card=FilteredRelation("question__cards", condition=Q(question__cards__user=user)))
        .aggregate(
            new=Count("id", filter=Q(card__id__isnull=True)),
            due=Count("card", filter=Q(card__due__lte=now)),
            started=Count(
                "card", filter=started_today(question_set=question_set, now=now, prefix="card__")
            ),
        )
    )
    reviews = ReviewLog.objects.filter(
        card__user=user,
        card__question__set_items__question_set=question_set,
        reviewed_at__gte=start,
    ).aggregate(done=Count("id"), right=Count("id", filter=Q(correct=True)))
    new_today = min(
        cards["new"], NewCardLimit.from_settings().remaining(started_today=cards["started"])
    )
    return Today(done=reviews["done"], right=reviews["right"], left=cards["due"] + new_today)


def next_due_at(*, user: AbstractBaseUser, question_set: QuestionSet) -> datetime | None:
    """When the student's earliest card in the set falls due, for "come back at …"."""
    return Card.objects.filter(
        question_reaches_students("question__"),
        user=user,
        question__set_items__question_set=question_set,
    ).aggregate(due=Min("due"))["due"]


def study_counts(
    *, user: AbstractBaseUser, question_sets: list[QuestionSet], now: datetime
) -> dict[int, Counts]:
    """Counts per set id for a list of sets, in three queries however many sets."""
    set_ids = [question_set.pk for question_set in question_sets]
    cards = (
        QuestionSetItem.objects.filter(
            question_reaches_students("question__"), question_set__in=set_ids
        )
        # The student's card for each item, if any (one at most: a card per user and question).
        .annotate(card=FilteredRelation("question__cards", condition=Q(question__cards__user=user)))
        .values("question_set")
        .annotate(
            new=Count("id", filter=Q(card__id__isnull=True)),
            learning=Count("card", filter=Q(card__state__in=_DUE_STATES, card__due__lte=now)),
            review=Count("card", filter=Q(card__state=Card.State.REVIEW, card__due__lte=now)),
        )
        .order_by()
    )
    by_set = {row["question_set"]: row for row in cards}
    started = dict(
        cards_started_today(user=user, now=now)
        .filter(question_set__in=set_ids)
        .values("question_set")
        .annotate(count=Count("id"))
        .order_by()
        .values_list("question_set", "count")
    )
    reviews = {
        row["set_id"]: row
        for row in ReviewLog.objects.filter(
            card__user=user, card__question__set_items__question_set__in=set_ids
        )
        .values(set_id=F("card__question__set_items__question_set"))
        .annotate(total=Count("id"), correct=Count("id", filter=Q(correct=True)))
        .order_by()
    }
    limit = NewCardLimit.from_settings()
    counts = {}
    for set_id in set_ids:
        row = by_set.get(set_id, {"new": 0, "learning": 0, "review": 0})
        answered = reviews.get(set_id, {"total": 0, "correct": 0})
        counts[set_id] = Counts(
            total_new=row["new"],
            new_today=min(row["new"], limit.remaining(started_today=started.get(set_id, 0))),
            learning=row["learning"],
            review=row["review"],
            accuracy=answered["correct"] / answered["total"] if answered["total"] else None,
        )
    return counts
