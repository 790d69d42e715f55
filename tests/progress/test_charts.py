"""The quiz score chart: points over time, one per finished attempt."""

from datetime import timedelta

import pytest
from django.utils import timezone

from learning.progress.charts import score_chart
from tests.factories import QuizAttemptFactory

pytestmark = pytest.mark.django_db


def test_one_attempt_is_one_point_not_one_wide_bar():
    attempt = QuizAttemptFactory(finished_at=timezone.now(), score=3, total=4)
    chart = score_chart(name="Rawa", attempts=[attempt])
    (point,) = chart.points
    assert point.text == "75%"
    assert "Attempt 1" in point.title and "3 of 4 (75%)" in point.title
    assert chart.description == "1 finished attempt; latest 75%, best 75%."


def test_points_stand_by_when_each_attempt_was_finished_and_higher_for_higher_scores():
    now = timezone.now()
    attempts = [
        QuizAttemptFactory(finished_at=now + timedelta(days=days), score=score, total=10)
        for days, score in ((0, 4), (1, 8), (10, 6))
    ]
    chart = score_chart(name="Rawa", attempts=attempts)
    first, second, third = chart.points
    # Time sets the spacing: a day, then nine days.
    assert (second.x - first.x) * 9 == pytest.approx(third.x - second.x, rel=0.01)
    # SVG's y grows downwards: 80% stands above 40%.
    assert second.y < third.y < first.y
    assert chart.line == f"{first.x},{first.y} {second.x},{second.y} {third.x},{third.y}"
