import pytest
from django.urls import reverse

from learning.models import Question
from tests.factories import (
    CardFactory,
    QuestionSetFactory,
    QuestionSetItemFactory,
    ReviewLogFactory,
)

pytestmark = pytest.mark.django_db


def test_it_lists_published_sets_with_their_counts(client, student):
    question_set = QuestionSetFactory(name="Al-Qaim")
    items = QuestionSetItemFactory.create_batch(3, question_set=question_set)
    card = CardFactory(user=student, question=items[0].question, question_set=question_set)
    ReviewLogFactory(card=card, correct=True)
    ReviewLogFactory(card=card, correct=False)

    response = client.get(reverse("home"))

    assert response.status_code == 200
    [row] = response.context["rows"]
    assert row["set"] == question_set
    assert (row["counts"].new_today, row["counts"].review) == (2, 1)
    assert row["counts"].accuracy == 0.5
    assert b"50%" in response.content
    assert reverse("study", args=[question_set.slug]).encode() in response.content


def test_it_hides_unpublished_sets_and_sets_without_published_questions(client, student):
    QuestionSetItemFactory(question_set__is_published=False)
    QuestionSetItemFactory(question__status=Question.Status.DRAFT)
    response = client.get(reverse("home"))
    assert response.context["rows"] == []
    assert b"No question sets are published yet" in response.content


@pytest.mark.parametrize("sets", [1, 15])
def test_it_takes_a_constant_number_of_queries(
    client, student, sets, django_assert_max_num_queries
):
    for _ in range(sets):
        QuestionSetItemFactory.create_batch(2, question_set=QuestionSetFactory())
    with django_assert_max_num_queries(6):
        assert client.get(reverse("home")).status_code == 200
