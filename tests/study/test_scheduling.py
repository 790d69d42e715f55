from datetime import UTC, datetime, timedelta

import fsrs
import pytest

from learning.models import Card
from learning.study.scheduling import (
    Rating,
    allowed_ratings,
    apply_fsrs_card,
    format_interval,
    preview_intervals,
    schedule,
    suggested_rating,
    to_fsrs_card,
)
from tests.factories import CardFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
# fsrs itself, with our settings, to check that we schedule exactly as it does.
REFERENCE = fsrs.Scheduler(desired_retention=0.9, enable_fuzzing=False)


def test_again_keeps_a_new_card_learning_and_brings_it_back_in_a_minute():
    scheduled = schedule(card=None, rating=Rating.AGAIN, now=NOW)

    assert scheduled.state == fsrs.State.Learning
    assert scheduled.due == NOW + timedelta(minutes=1)


def test_good_moves_a_new_card_through_the_learning_steps_and_then_to_review():
    card = Card(due=NOW)
    apply_fsrs_card(card, schedule(card=card, rating=Rating.GOOD, now=NOW))

    assert card.state == Card.State.LEARNING
    assert card.step == 1
    assert card.due == NOW + timedelta(minutes=10)

    apply_fsrs_card(card, schedule(card=card, rating=Rating.GOOD, now=card.due))

    assert card.state == Card.State.REVIEW
    assert card.step is None
    assert card.due - card.last_review >= timedelta(days=1)


def test_easy_sends_a_new_card_straight_to_review():
    scheduled = schedule(card=None, rating=Rating.EASY, now=NOW)

    assert scheduled.state == fsrs.State.Review
    assert scheduled.due - NOW >= timedelta(days=1)


@pytest.mark.parametrize("rating", list(Rating))
def test_it_schedules_a_review_card_exactly_as_fsrs_does(rating):
    card = CardFactory(
        state=Card.State.REVIEW,
        stability=4.2,
        difficulty=6.1,
        due=NOW - timedelta(hours=2),
        last_review=NOW - timedelta(days=4),
    )
    card.refresh_from_db()
    reference = fsrs.Card(
        card_id=card.pk,
        state=fsrs.State.Review,
        stability=4.2,
        difficulty=6.1,
        due=NOW - timedelta(hours=2),
        last_review=NOW - timedelta(days=4),
    )

    expected, _ = REFERENCE.review_card(reference, fsrs.Rating(rating), NOW)

    assert schedule(card=card, rating=rating, now=NOW) == expected


def test_it_copies_every_scheduling_field_both_ways():
    card = CardFactory(state=Card.State.RELEARNING, step=0, stability=1.5, difficulty=7.0)
    card.refresh_from_db()
    converted = to_fsrs_card(card)
    copy = Card()

    apply_fsrs_card(copy, converted)

    assert converted.card_id == card.pk
    assert (copy.state, copy.step, copy.stability, copy.difficulty) == (3, 0, 1.5, 7.0)
    assert (copy.due, copy.last_review) == (card.due, card.last_review)


def test_a_question_without_a_card_is_a_fresh_fsrs_card():
    fresh = to_fsrs_card(None)

    assert (fresh.card_id, fresh.state, fresh.step, fresh.stability) == (
        0,
        fsrs.State.Learning,
        0,
        None,
    )


def test_it_previews_what_each_rating_would_do():
    intervals = preview_intervals(card=None, now=NOW)

    assert intervals[Rating.AGAIN] == timedelta(minutes=1)
    assert intervals[Rating.HARD] == timedelta(minutes=5, seconds=30)
    assert intervals[Rating.GOOD] == timedelta(minutes=10)
    assert intervals[Rating.EASY] == schedule(card=None, rating=Rating.EASY, now=NOW).due - NOW


@pytest.mark.parametrize(
    ("interval", "label"),
    [
        (timedelta(seconds=20), "<1m"),
        (timedelta(minutes=1), "1m"),
        (timedelta(minutes=5, seconds=30), "6m"),
        (timedelta(minutes=10), "10m"),
        (timedelta(hours=1), "1h"),
        (timedelta(hours=1, minutes=30), "1.5h"),
        (timedelta(days=1), "1d"),
        (timedelta(days=4), "4d"),
        (timedelta(days=90), "3mo"),
        (timedelta(days=105), "3.5mo"),
        (timedelta(days=438), "1.2y"),
        (timedelta(days=730), "2y"),
    ],
)
def test_it_labels_intervals_as_anki_does(interval, label):
    assert format_interval(interval) == label


def test_a_wrong_answer_suggests_and_allows_only_again():
    assert suggested_rating(correct=False) == Rating.AGAIN
    assert allowed_ratings(correct=False) == [Rating.AGAIN]


def test_a_right_answer_suggests_good_and_allows_every_rating():
    assert suggested_rating(correct=True) == Rating.GOOD
    assert allowed_ratings(correct=True) == [Rating.AGAIN, Rating.HARD, Rating.GOOD, Rating.EASY]
