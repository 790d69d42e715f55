from datetime import UTC, datetime, timedelta

import pytest

from learning.study.limits import NewCardLimit, cards_started_today
from tests.factories import CardFactory, UserFactory


def test_the_limit_counts_down_to_zero_and_no_further():
    limit = NewCardLimit(per_day=20)
    assert limit.remaining(started_today=5) == 15
    assert limit.remaining(started_today=25) == 0


def test_the_limit_is_the_setting_unless_given(settings):
    settings.DAILY_NEW_CARDS = 7
    assert NewCardLimit.from_settings().per_day == 7
    assert NewCardLimit.from_settings(3).per_day == 3


@pytest.mark.django_db
def test_cards_started_today_are_those_created_on_the_utc_day_of_now():
    user = UserFactory()
    today = CardFactory(user=user)
    CardFactory()
    now = today.created_at.astimezone(UTC)
    assert list(cards_started_today(user=user, now=now)) == [today]
    assert not cards_started_today(user=user, now=now + timedelta(days=1)).exists()
    assert list(
        cards_started_today(user=user, now=datetime.combine(now.date(), datetime.min.time(), UTC))
    ) == [today]
