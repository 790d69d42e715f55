"""Answering a card: grade the answer, record the review once, undo it, flag the question.

Every function takes ``now`` from its caller (the view passes timezone.now()), so due
times are those of one moment, and tests can choose it.
"""

from dataclasses import dataclass, replace
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet

from learning.models import Card, Flag, Question, QuestionSet, QuestionSetItem, ReviewLog
from learning.study import scheduling
from learning.study.grading import Grade, grade_answer

# ReviewLog.state_before for a card that had never been reviewed.
NEW = 0


@dataclass(frozen=True)
class ReviewResult:
    # None only when a stale post names a card that an undo has since deleted.
    card: Card | None
    grade: Grade
    # The rating recorded: a wrong answer is Again whatever was posted, a near one at most Hard.
    rating: scheduling.Rating
    review: ReviewLog | None
    # The post repeated one already recorded (double click, retry): nothing was recorded.
    duplicate: bool = False


def _duplicate(card: Card | None, grade: Grade, rating: scheduling.Rating) -> ReviewResult:
    """What a post already recorded gets back: the review it recorded."""
    review = card.reviews.order_by("reviewed_at", "id").last() if card else None
    return ReviewResult(
        card=card,
        grade=grade,
        rating=scheduling.Rating(review.rating) if review else rating,
        review=review,
        duplicate=True,
    )


def _recorded(card: Card, *, expected_reps: int) -> bool:
    """Write the card's new state if its review count is still the one shown: a compare and
    set, so that of two posts of one rating exactly one is recorded, with no lock read."""
    if expected_reps == 0:
        try:
            # A savepoint, so that losing the race leaves the outer transaction usable.
            with transaction.atomic():
                card.save(force_insert=True)
        except IntegrityError:
            # A concurrent first post created the card.
            return False
        return True
    fields = ("state", "step", "stability", "difficulty", "due", "last_review", "reps")
    changed = Card.objects.filter(pk=card.pk, reps=expected_reps).update(
        **{field: getattr(card, field) for field in fields}
    )
    return changed == 1


def review_card(
    *,
    user: AbstractBaseUser,
    question: Question,
    question_set: QuestionSet,
    card: Card | None,
    rating: int,
    given: str,
    response_ms: int | None,
    expected_reps: int,
    now: datetime,
    overridden: bool = False,
) -> ReviewResult:
    """Grade the answer again and record the review, once however often it is posted.

    ``card`` is the student's card for the question as read (None if they have none).
    ``expected_reps`` is the card's review count when the question was shown (0 for a
    new question): a post naming another count was already recorded. ``overridden``: the
    student says a wrong verdict was wrong ("I was right"); the review counts as right, with
    the rating posted, and is marked so that teachers see it.
    """
    grade = grade_answer(question=question, given=given)
    overridden = overridden and not grade.correct
    if overridden:
        grade = replace(grade, correct=True)
    rating = scheduling.recorded_rating(rating=rating, correct=grade.correct, near=grade.near)
    if (card.reps if card else 0) != expected_reps:
        return _duplicate(card, grade, rating)
    if card is None:
        card = Card(user=user, question=question, question_set=question_set, due=now)
    card_before = scheduling.snapshot(card)
    state_before = NEW if card.reps == 0 else card.state
    scheduling.apply_fsrs_card(card, scheduling.schedule(card=card, rating=rating, now=now))
    card.reps = expected_reps + 1
    # No savepoint of its own: the caller's transaction (the rating view's) holds the writes.
    with transaction.atomic(savepoint=False):
        if not _recorded(card, expected_reps=expected_reps):
            stored = Card.objects.filter(user=user, question=question).first()
            return _duplicate(stored, grade, rating)
        review = ReviewLog.objects.create(
            card=card,
            rating=rating,
            correct=grade.correct,
            overridden=overridden,
            answer_given=given,
            response_ms=response_ms,
            reviewed_at=now,
            state_before=state_before,
            state_after=card.state,
            card_before=card_before,
        )
    return ReviewResult(card=card, grade=grade, rating=rating, review=review)


def reviews_in_set(
    *, user: AbstractBaseUser, question_set: QuestionSet | OuterRef | None
) -> QuerySet[ReviewLog]:
    """The student's reviews of the set's questions (all of them, without a set): what undo
    takes back, and what the counts call the set's reviews."""
    reviews = ReviewLog.objects.filter(card__user=user)
    if question_set is not None:
        reviews = reviews.filter(card_in_set(question_set=question_set, path="card__"))
    return reviews


def card_in_set(*, question_set: QuestionSet | OuterRef, path: str = "") -> Exists:
    """Rows whose card (at ``path``) asks a question of the set. An Exists on the set's items
    by question id, rather than a join through the question: one table less to plan."""
    if isinstance(question_set, OuterRef):
        # Seen from inside this subquery, the caller's outer row is one level further out.
        question_set = OuterRef(question_set)
    return Exists(
        QuestionSetItem.objects.filter(
            question_set=question_set, question_id=OuterRef(f"{path}question_id")
        )
    )


@dataclass(frozen=True)
class Undone:
    """A review taken back: its question, to ask again, and the rating it had."""

    question: Question
    rating: scheduling.Rating


def undo_last_review(
    *, user: AbstractBaseUser, question_set: QuestionSet | None = None
) -> Undone | None:
    """Undo the student's latest review (in the set, if given): what was undone, or None."""
    review = (
        reviews_in_set(user=user, question_set=question_set)
        .select_related("card__question")
        .order_by("reviewed_at", "id")
        .last()
    )
    if review is None:
        return None
    undone = Undone(question=review.card.question, rating=scheduling.Rating(review.rating))
    with transaction.atomic():
        card = Card.objects.select_for_update().get(pk=review.card_id)
        # Deleting first tells a repeated undo (double click) that this one is done.
        if not ReviewLog.objects.filter(pk=review.pk).delete()[0]:
            return undone
        if review.card_before["new"]:
            card.delete()
        else:
            scheduling.restore(card, review.card_before)
            card.save()
    return undone


def flag_question(*, user: AbstractBaseUser, question: Question, comment: str) -> Flag:
    """Report a question; a student's second report while the first is open updates it."""
    comment = comment.strip()[: Flag._meta.get_field("comment").max_length]
    flag, _ = Flag.objects.update_or_create(
        user=user, question=question, status=Flag.Status.OPEN, defaults={"comment": comment}
    )
    return flag
