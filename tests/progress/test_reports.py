from datetime import UTC, date, datetime, timedelta

import pytest

from learning.models import Card, Question, ReviewLog
from learning.progress import reports
from tests.factories import (
    CardFactory,
    QuestionFactory,
    QuestionSetFactory,
    QuestionSetItemFactory,
    QuizAttemptFactory,
    ReviewLogFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# A Wednesday afternoon.
NOW = datetime(2026, 3, 18, 15, 0, tzinfo=UTC)
TODAY = date(2026, 3, 18)


def _review(
    card: Card,
    *,
    days_ago: float,
    rating: int = ReviewLog.Rating.GOOD,
    state_before: int = Card.State.REVIEW,
) -> ReviewLog:
    return ReviewLogFactory(
        card=card,
        reviewed_at=NOW - timedelta(days=days_ago),
        rating=rating,
        correct=rating != ReviewLog.Rating.AGAIN,
        state_before=state_before,
    )


@pytest.fixture
def card() -> Card:
    return CardFactory()


def test_the_streak_counts_back_from_today_and_stops_at_a_gap(card):
    for days_ago in (0, 0.1, 1, 2, 4, 5):
        _review(card, days_ago=days_ago)

    assert reports.study_streak(user=card.user, now=NOW) == reports.Streak(
        days=3, studied_today=True
    )


def test_before_todays_study_the_streak_still_counts_up_to_yesterday(card):
    for days_ago in (1, 2):
        _review(card, days_ago=days_ago)

    assert reports.study_streak(user=card.user, now=NOW) == reports.Streak(
        days=2, studied_today=False
    )


def test_a_day_without_study_breaks_the_streak(card):
    for days_ago in (2, 3, 4):
        _review(card, days_ago=days_ago)

    assert reports.study_streak(user=card.user, now=NOW).days == 0


def test_a_day_is_a_utc_day_whatever_the_sites_time_zone(card, settings):
    settings.TIME_ZONE = "America/New_York"
    # 23:30 and 00:30 UTC: one New York evening, but two UTC days.
    late_yesterday = datetime(2026, 3, 17, 23, 30, tzinfo=UTC)
    for moment in (late_yesterday, late_yesterday + timedelta(hours=1)):
        ReviewLogFactory(card=card, reviewed_at=moment)

    now = late_yesterday + timedelta(hours=2)
    assert reports.study_streak(user=card.user, now=now).days == 2
    assert [day.count for day in reports.review_calendar(user=card.user, now=now).days[-2:]] == [
        1,
        1,
    ]


def test_retention_is_the_share_of_the_last_30_days_due_reviews_recalled(card):
    # Anki's true retention: a new card's first answer and learning steps do not count.
    _review(card, days_ago=1, rating=ReviewLog.Rating.AGAIN, state_before=0)
    _review(card, days_ago=1, rating=ReviewLog.Rating.AGAIN, state_before=Card.State.LEARNING)
    _review(card, days_ago=0, rating=ReviewLog.Rating.AGAIN)
    _review(card, days_ago=3, rating=ReviewLog.Rating.HARD)
    _review(card, days_ago=10, rating=ReviewLog.Rating.GOOD)
    _review(card, days_ago=29, rating=ReviewLog.Rating.EASY)
    _review(card, days_ago=31, rating=ReviewLog.Rating.AGAIN)
    _review(CardFactory(), days_ago=1, rating=ReviewLog.Rating.AGAIN)

    retention = reports.retention(user=card.user, now=NOW)

    assert retention == reports.Ratio(part=3, whole=4)
    assert retention.percent == 75


def test_retention_without_reviews_has_no_percentage():
    retention = reports.retention(user=UserFactory(), now=NOW)

    assert retention == reports.Ratio(part=0, whole=0)
    assert retention.percent is None


def test_the_due_histogram_counts_overdue_cards_today():
    user = UserFactory()
    for due in (
        NOW - timedelta(days=3),
        NOW - timedelta(minutes=5),
        NOW + timedelta(hours=8),  # 23:00 today
        NOW + timedelta(days=1),
        NOW + timedelta(days=13),
        NOW + timedelta(days=14),  # beyond the 14 days
    ):
        CardFactory(user=user, due=due)
    CardFactory(due=NOW)  # another student's

    due = reports.reviews_due_by_day(user=user, now=NOW)

    assert [day.day for day in due] == [TODAY + timedelta(days=n) for n in range(14)]
    assert [day.count for day in due] == [3, 1, *[0] * 11, 1]


def test_the_calendar_runs_from_a_monday_26_weeks_back_to_today(card):
    for days_ago in (0, 0.2, 0.4, 1, 7, 150):
        _review(card, days_ago=days_ago)
    _review(card, days_ago=200)  # before the calendar's first day
    _review(CardFactory(), days_ago=0)

    calendar = reports.review_calendar(user=card.user, now=NOW)

    first_monday = TODAY - timedelta(days=2 + 25 * 7)
    assert calendar.days[0].day == first_monday
    assert calendar.days[-1].day == TODAY
    assert len(calendar.days) == 25 * 7 + 3
    counts = {day.day: day.count for day in calendar.days if day.count}
    assert counts == {
        TODAY: 3,
        TODAY - timedelta(days=1): 1,
        TODAY - timedelta(days=7): 1,
        TODAY - timedelta(days=150): 1,
    }
    assert calendar.total == 6
    assert calendar.days_studied == 4
    assert calendar.busiest == reports.DayCount(day=TODAY, count=3)


def test_an_empty_calendar_has_no_busiest_day():
    calendar = reports.review_calendar(user=UserFactory(), now=NOW)

    assert calendar.total == 0
    assert calendar.busiest is None


def test_new_cards_are_the_published_questions_of_published_sets_not_yet_studied():
    user = UserFactory()
    published_set = QuestionSetFactory()
    studied, unstudied, in_two_sets = (
        QuestionSetItemFactory(question_set=published_set).question for _ in range(3)
    )
    QuestionSetItemFactory(question_set=QuestionSetFactory(), question=in_two_sets)
    QuestionSetItemFactory(question_set=published_set, question__status=Question.Status.DRAFT)
    QuestionSetItemFactory(question_set=QuestionSetFactory(is_published=False))
    QuestionFactory()  # in no set
    CardFactory(user=user, question=studied, state=Card.State.LEARNING)
    CardFactory(question=unstudied)  # another student's card
    CardFactory(user=user, state=Card.State.REVIEW)
    CardFactory(user=user, state=Card.State.REVIEW)
    CardFactory(user=user, state=Card.State.RELEARNING)

    assert reports.card_states(user=user) == reports.CardStates(
        new=2, learning=1, review=2, relearning=1
    )


def test_a_new_student_has_only_new_cards():
    QuestionSetItemFactory()

    assert reports.card_states(user=UserFactory()) == reports.CardStates(
        new=1, learning=0, review=0, relearning=0
    )


def test_study_accuracy_is_the_share_of_correct_reviews_overall_and_per_set():
    user = UserFactory()
    alpha = CardFactory(user=user, question_set=QuestionSetFactory(name="Alpha"))
    beta = CardFactory(user=user, question_set=QuestionSetFactory(name="Beta"))
    without_set = CardFactory(user=user, question_set=None)
    for card, correct in (
        (beta, True),
        (alpha, True),
        (alpha, True),
        (alpha, False),
        (without_set, False),
    ):
        ReviewLogFactory(card=card, correct=correct)
    ReviewLogFactory(correct=False)  # another student's

    accuracy = reports.study_accuracy(user=user)

    assert accuracy.overall == reports.Ratio(part=3, whole=5)
    assert accuracy.overall.percent == 60
    assert accuracy.per_set == [
        reports.SetAccuracy(name="Alpha", correct=reports.Ratio(part=2, whole=3)),
        reports.SetAccuracy(name="Beta", correct=reports.Ratio(part=1, whole=1)),
        reports.SetAccuracy(name=None, correct=reports.Ratio(part=0, whole=1)),
    ]


def test_quiz_history_lists_finished_attempts_per_set_in_time_order():
    user = UserFactory()
    alpha = QuestionSetFactory(name="Alpha")
    beta = QuestionSetFactory(name="Beta")
    later = QuizAttemptFactory(user=user, question_set=alpha, finished_at=NOW, score=9, total=10)
    earlier = QuizAttemptFactory(
        user=user, question_set=alpha, finished_at=NOW - timedelta(days=2), score=1, total=4
    )
    only = QuizAttemptFactory(
        user=user, question_set=beta, finished_at=NOW - timedelta(days=1), score=0, total=3
    )
    QuizAttemptFactory(user=user, question_set=beta)  # unfinished
    QuizAttemptFactory(question_set=alpha, finished_at=NOW)  # another student's

    history = reports.quiz_score_history(user=user)

    assert history == [
        reports.SetScores(name="Alpha", attempts=[earlier, later]),
        reports.SetScores(name="Beta", attempts=[only]),
    ]
    assert [attempt.percent for attempt in history[0].attempts] == [25, 90]
