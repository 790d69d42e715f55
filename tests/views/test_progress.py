from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.models import ReviewLog
from tests.factories import (
    CardFactory,
    QuestionSetFactory,
    QuizAttemptFactory,
    ReviewLogFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("progress")
# Session, user, then the selectors' queries.
MAX_QUERIES = 10


def _study(*, user, set_name: str, reviews: int) -> None:
    card = CardFactory(user=user, question_set=QuestionSetFactory(name=set_name))
    now = timezone.now()
    ReviewLog.objects.bulk_create(
        ReviewLogFactory.build(
            card=card,
            reviewed_at=now - timedelta(hours=7 * n),
            rating=ReviewLog.Rating.AGAIN if n % 4 == 0 else ReviewLog.Rating.GOOD,
        )
        for n in range(reviews)
    )
    QuizAttemptFactory(user=user, question_set=card.question_set, finished_at=now, score=3, total=4)


def test_it_sends_anonymous_visitors_to_the_login_page(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_student_sees_their_figures_as_charts_and_as_text(client, student):
    _study(user=student, set_name="Western Iraq", reviews=3)

    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('role="img"') == 3  # due, calendar, one quiz set
    assert 'aria-labelledby="chart-due-title chart-due-desc"' in html
    assert "Western Iraq" in html
    assert "3 of 4" in html
    assert "3 reviews on" in html


def test_a_student_sees_only_their_own_data(client, student):
    _study(user=student, set_name="Mine", reviews=2)
    _study(user=UserFactory(), set_name="Someone else's", reviews=5)

    response = client.get(URL)

    html = response.content.decode()
    assert "Mine" in html
    assert "Someone else" not in html
    assert response.context["accuracy"].overall.whole == 2
    assert response.context["calendar"].total == 2


def test_set_names_are_escaped_in_the_charts(client, student):
    _study(user=student, set_name="<script>alert(1)</script>", reviews=1)

    html = client.get(URL).content.decode()

    assert "<script>alert" not in html
    assert "Quiz scores for &lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_brand_new_student_gets_a_friendly_empty_page(client, student):
    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing to show yet" in html
    assert "No reviews yet." in html
    assert "No quizzes finished yet." in html
    assert "No streak yet" in html


@pytest.mark.parametrize("reviews", [3, 200])
def test_the_page_takes_the_same_number_of_queries_however_much_was_studied(
    client, student, django_assert_max_num_queries, reviews
):
    _study(user=student, set_name="Alpha", reviews=reviews)
    _study(user=student, set_name="Beta", reviews=reviews)

    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(URL).status_code == 200
