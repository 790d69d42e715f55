"""FSRS scheduling of cards: converting between our Card model and fsrs.Card."""

from datetime import UTC, datetime, timedelta

import fsrs

from learning.models import Card, ReviewLog

# The app speaks the model's ratings (they have labels for the buttons); their values
# are fsrs.Rating's.
Rating = ReviewLog.Rating

# Fuzzing is off so that a rating always gives the interval its button showed
# (preview_intervals) and so that scheduling is reproducible in tests.
SCHEDULER = fsrs.Scheduler(desired_retention=0.9, enable_fuzzing=False)


def _utc(moment: datetime) -> datetime:
    # fsrs insists on datetime.UTC itself; databases may hand back another UTC tzinfo.
    return moment.astimezone(UTC)


def to_fsrs_card(card: Card | None) -> fsrs.Card:
    """The fsrs.Card for a card; a question never studied (no card) gets a fresh one."""
    if card is None:
        # 0 rather than fsrs's default id, which reads the clock and sleeps a millisecond.
        return fsrs.Card(card_id=0)
    return fsrs.Card(
        card_id=card.pk or 0,
        state=fsrs.State(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=_utc(card.due),
        last_review=_utc(card.last_review) if card.last_review else None,
    )


def apply_fsrs_card(card: Card, fsrs_card: fsrs.Card) -> None:
    card.state = int(fsrs_card.state)
    card.step = fsrs_card.step
    card.stability = fsrs_card.stability
    card.difficulty = fsrs_card.difficulty
    card.due = fsrs_card.due
    card.last_review = fsrs_card.last_review


def schedule(*, card: Card | None, rating: Rating, now: datetime) -> fsrs.Card:
    """The card's FSRS state after being rated at ``now``."""
    scheduled, _ = SCHEDULER.review_card(to_fsrs_card(card), fsrs.Rating(rating), _utc(now))
    return scheduled


def preview_intervals(*, card: Card | None, now: datetime) -> dict[Rating, timedelta]:
    """How long until the card comes back, for each rating the student might give now."""
    return {rating: schedule(card=card, rating=rating, now=now).due - now for rating in Rating}


def format_interval(interval: timedelta) -> str:
    """A short interval label for a rating button, as Anki shows it: 10m, 1h, 4d, 3.5mo, 1.2y."""
    seconds = interval.total_seconds()
    if seconds < 60:
        return "<1m"
    if seconds < 3600:
        return f"{round(seconds / 60)}m"
    days = seconds / 86400
    if days < 1:
        return f"{_one_decimal(seconds / 3600)}h"
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{_one_decimal(days / 30)}mo"
    return f"{_one_decimal(days / 365)}y"


def _one_decimal(number: float) -> str:
    return f"{number:.1f}".removesuffix(".0")


def suggested_rating(*, correct: bool, near: bool = False) -> Rating:
    if near:
        return Rating.HARD
    return Rating.GOOD if correct else Rating.AGAIN


def allowed_ratings(*, correct: bool, near: bool = False) -> list[Rating]:
    # A wrong answer is always Again: the student cannot claim to have known it. A near one
    # (a date two days off) was recalled, but not well: Hard at best.
    if near:
        return [Rating.AGAIN, Rating.HARD]
    return list(Rating) if correct else [Rating.AGAIN]


def recorded_rating(*, rating: int, correct: bool, near: bool = False) -> Rating:
    """The rating kept for a post: one the answer allows, whatever the form sent."""
    allowed = allowed_ratings(correct=correct, near=near)
    return Rating(rating) if Rating(rating) in allowed else max(allowed)


def snapshot(card: Card) -> dict:
    """The card's state before a review, kept on the review so that undo can restore it."""
    if card.reps == 0:
        return {"new": True}
    return {"new": False, "reps": card.reps, **to_fsrs_card(card).to_dict()}


def restore(card: Card, snapshot: dict) -> None:
    # Reviews stored before snapshots carried fsrs's card_id have none.
    apply_fsrs_card(card, fsrs.Card.from_dict({"card_id": 0, **snapshot}))
    card.reps = snapshot["reps"]
