"""Spaced-repetition study: services that record reviews, selectors that pick the next card.

Every function takes ``now`` from its caller (the view passes timezone.now()), so the
day boundaries and due times are those of one moment, and tests can choose it.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
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
    Value,
    When,
)

from learning import scheduling
from learning.grading import Grade, grade_answer
from learning.models import Card, Flag, Question, QuestionSet, QuestionSetItem, ReviewLog

# ReviewLog.state_before for a card that had never been reviewed.
NEW = 0
_DUE_STATES = (Card.State.LEARNING, Card.State.RELEARNING)


@dataclass(frozen=True)
class ReviewResult:
    # None only when a stale post names a card that an undo has since deleted.
    card: Card | None
    grade: Grade
    # The rating recorded: a wrong answer is Again whatever was posted.
    rating: scheduling.Rating
    review: ReviewLog | None
    # The post repeated one already recorded (double click, retry): nothing was recorded.
    duplicate: bool = False


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


def _snapshot(card: Card) -> dict:
    if card.reps == 0:
        return {"new": True}
    return {
        "new": False,
        "state": card.state,
        "step": card.step,
        "stability": card.stability,
        "difficulty": card.difficulty,
        "due": card.due.isoformat(),
        "last_review": card.last_review.isoformat() if card.last_review else None,
        "reps": card.reps,
    }


def _restore(card: Card, snapshot: dict) -> None:
    card.state = snapshot["state"]
    card.step = snapshot["step"]
    card.stability = snapshot["stability"]
    card.difficulty = snapshot["difficulty"]
    card.due = datetime.fromisoformat(snapshot["due"])
    card.last_review = (
        datetime.fromisoformat(snapshot["last_review"]) if snapshot["last_review"] else None
    )
    card.reps = snapshot["reps"]


def _locked_card(
    *,
    user: AbstractBaseUser,
    question: Question,
    question_set: QuestionSet,
    create: bool,
    now: datetime,
) -> Card | None:
    cards = Card.objects.select_for_update().filter(user=user, question=question)
    card = cards.first()
    if card is not None or not create:
        return card
    try:
        # A savepoint, so that losing the race leaves the outer transaction usable.
        with transaction.atomic():
            return Card.objects.create(
                user=user, question=question, question_set=question_set, due=now
            )
    except IntegrityError:
        # A concurrent first post created the card; wait for it and use it.
        return cards.get()


def review_card(
    *,
    user: AbstractBaseUser,
    question: Question,
    question_set: QuestionSet,
    rating: int,
    given: str,
    response_ms: int | None,
    expected_reps: int,
    now: datetime,
) -> ReviewResult:
    """Grade the answer again and record the review, once however often it is posted.

    ``expected_reps`` is the card's review count when the question was shown (0 for a
    new question): a post naming another count was already recorded.
    """
    grade = grade_answer(question=question, given=given)
    rating = scheduling.Rating(rating) if grade.correct else scheduling.Rating.AGAIN
    with transaction.atomic():
        card = _locked_card(
            user=user,
            question=question,
            question_set=question_set,
            create=expected_reps == 0,
            now=now,
        )
        if card is None or card.reps != expected_reps:
            review = card.reviews.order_by("reviewed_at", "id").last() if card else None
            return ReviewResult(
                card=card,
                grade=grade,
                rating=scheduling.Rating(review.rating) if review else rating,
                review=review,
                duplicate=True,
            )
        card_before = _snapshot(card)
        state_before = NEW if card.reps == 0 else card.state
        scheduling.apply_fsrs_card(card, scheduling.schedule(card=card, rating=rating, now=now))
        card.reps += 1
        card.save()
        review = ReviewLog.objects.create(
            card=card,
            rating=rating,
            correct=grade.correct,
            answer_given=given,
            response_ms=response_ms,
            reviewed_at=now,
            state_before=state_before,
            state_after=card.state,
            card_before=card_before,
        )
    return ReviewResult(card=card, grade=grade, rating=rating, review=review)


def _reviews_to_undo(
    *, user: AbstractBaseUser, question_set: QuestionSet | None
) -> QuerySet[ReviewLog]:
    reviews = ReviewLog.objects.filter(card__user=user)
    if question_set is not None:
        reviews = reviews.filter(card__question__set_items__question_set=question_set)
    return reviews


def has_review_to_undo(*, user: AbstractBaseUser, question_set: QuestionSet | None = None) -> bool:
    return _reviews_to_undo(user=user, question_set=question_set).exists()


def undo_last_review(
    *, user: AbstractBaseUser, question_set: QuestionSet | None = None
) -> Question | None:
    """Undo the student's latest review (in the set, if given); return its question to ask again."""
    review = (
        _reviews_to_undo(user=user, question_set=question_set)
        .select_related("card__question")
        .order_by("reviewed_at", "id")
        .last()
    )
    if review is None:
        return None
    with transaction.atomic():
        card = Card.objects.select_for_update().get(pk=review.card_id)
        # Deleting first tells a repeated undo (double click) that this one is done.
        if not ReviewLog.objects.filter(pk=review.pk).delete()[0]:
            return review.card.question
        if review.card_before["new"]:
            card.delete()
        else:
            _restore(card, review.card_before)
            card.save()
    return review.card.question


def flag_question(*, user: AbstractBaseUser, question: Question, comment: str) -> Flag:
    """Report a question; a student's second report while the first is open updates it."""
    comment = comment.strip()[: Flag._meta.get_field("comment").max_length]
    flag, _ = Flag.objects.update_or_create(
        user=user, question=question, status=Flag.Status.OPEN, defaults={"comment": comment}
    )
    return flag


def _start_of_day(now: datetime) -> datetime:
    return now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)


def _created_today(*, user: AbstractBaseUser, now: datetime):
    start = _start_of_day(now)
    return Card.objects.filter(
        user=user, created_at__gte=start, created_at__lt=start + timedelta(days=1)
    )


def next_card(
    *,
    user: AbstractBaseUser,
    question_set: QuestionSet,
    now: datetime,
    new_limit: int | None = None,
) -> StudyItem | None:
    """The card to study next: learning cards due, then reviews due, then new questions.

    New questions come in the set's order while the student has started fewer than
    ``new_limit`` (default settings.DAILY_NEW_CARDS) cards from this set today (UTC).
    At most three queries, however many cards the student has.
    """
    if not question_set.is_published:
        return None
    due = (
        Card.objects.filter(
            user=user,
            due__lte=now,
            question__status=Question.Status.PUBLISHED,
            question__set_items__question_set=question_set,
        )
        .annotate(learning_first=Case(When(state__in=_DUE_STATES, then=Value(0)), default=Value(1)))
        .select_related("question")
        .order_by("learning_first", "due", "id")
        .first()
    )
    if due is not None:
        return StudyItem(question=due.question, card=due)
    limit = settings.DAILY_NEW_CARDS if new_limit is None else new_limit
    if _created_today(user=user, now=now).filter(question_set=question_set).count() >= limit:
        return None
    item = (
        QuestionSetItem.objects.filter(
            question_set=question_set, question__status=Question.Status.PUBLISHED
        )
        .exclude(Exists(Card.objects.filter(user=user, question=OuterRef("question_id"))))
        .select_related("question")
        .order_by("order", "id")
        .first()
    )
    return StudyItem(question=item.question, card=None) if item else None


def next_due_at(*, user: AbstractBaseUser, question_set: QuestionSet) -> datetime | None:
    """When the student's earliest card in the set falls due, for "come back at …"."""
    return Card.objects.filter(
        user=user,
        question__status=Question.Status.PUBLISHED,
        question__set_items__question_set=question_set,
    ).aggregate(due=Min("due"))["due"]


def study_counts(
    *, user: AbstractBaseUser, question_sets: list[QuestionSet], now: datetime
) -> dict[int, Counts]:
    """Counts per set id for a list of sets, in three queries however many sets."""
    set_ids = [question_set.pk for question_set in question_sets]
    cards = (
        QuestionSetItem.objects.filter(
            question_set__in=set_ids, question__status=Question.Status.PUBLISHED
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
        _created_today(user=user, now=now)
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
    limit = settings.DAILY_NEW_CARDS
    counts = {}
    for set_id in set_ids:
        row = by_set.get(set_id, {"new": 0, "learning": 0, "review": 0})
        answered = reviews.get(set_id, {"total": 0, "correct": 0})
        counts[set_id] = Counts(
            total_new=row["new"],
            new_today=min(row["new"], max(limit - started.get(set_id, 0), 0)),
            learning=row["learning"],
            review=row["review"],
            accuracy=answered["correct"] / answered["total"] if answered["total"] else None,
        )
    return counts
