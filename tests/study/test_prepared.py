"""Prepared queries give what their querysets give, with each run's values, compiled once."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import Count, F
from django.test.utils import CaptureQueriesContext

from learning.models import Card, QuestionSet
from learning.study.limits import day_start
from learning.study.prepared import Param, Prepared, moment
from tests.factories import UserFactory, add_cards, add_questions

pytestmark = pytest.mark.django_db


def _due_cards(*, user, until):
    """Cards of a student due by ``until``, with their question and an annotation."""
    return (
        Card.objects.filter(user=user, due__lte=until)
        .select_related("question")
        .annotate(twice=F("reps") * 2)
        .order_by("due", "id")
    )


PREPARED_DUE = Prepared(lambda: _due_cards(user=Param("user"), until=moment("until")))


@pytest.fixture
def cards(user, question_set, now):
    questions = add_questions(question_set, 6)
    early = add_cards(user, questions[:3], due=now - timedelta(hours=2))
    late = add_cards(user, questions[3:], due=now + timedelta(days=2))
    # Another student's cards, due too: never the student's.
    add_cards(UserFactory(), questions, due=now - timedelta(hours=2))
    return early + late


def test_a_prepared_query_gives_the_instances_its_queryset_gives(user, cards, now):
    for until in (now, now + timedelta(days=3), now - timedelta(days=1)):
        expected = list(_due_cards(user=user, until=until))
        found = PREPARED_DUE.instances(user=user, until=until)
        assert [card.pk for card in found] == [card.pk for card in expected]
        for card, same in zip(found, expected, strict=True):
            assert card.due == same.due
            assert card.twice == same.twice == 2
            assert card.question.prompt == same.question.prompt
            assert not card._state.adding


def test_the_select_related_object_comes_without_a_query(user, cards, now):
    card = PREPARED_DUE.first(user=user, until=now)
    with CaptureQueriesContext(connection) as captured:
        assert card.question.answer == "Rawa"
    assert captured.captured_queries == []


def test_a_model_instance_stands_for_its_key_and_a_number_for_itself(user, cards, now):
    by_instance = PREPARED_DUE.instances(user=user, until=now)
    by_key = PREPARED_DUE.instances(user=user.pk, until=now)
    assert [card.pk for card in by_instance] == [card.pk for card in by_key]
    assert len(by_instance) == 3


def test_first_is_none_when_no_row_matches(user, cards, now):
    assert PREPARED_DUE.first(user=user, until=now - timedelta(days=5)) is None


def test_a_derived_parameter_takes_its_function_of_each_runs_value(user, cards, now):
    reviewed_today = Prepared(
        lambda: Card.objects.filter(
            user=Param("user"), last_review__gte=day_start(moment("now"))
        ).order_by("id")
    )
    # The cards were last reviewed three days before they fall due.
    first_day = now - timedelta(hours=2) - timedelta(days=3)
    assert len(reviewed_today.instances(user=user, now=first_day)) == 6
    assert len(reviewed_today.instances(user=user, now=first_day + timedelta(days=1))) == 3
    assert reviewed_today.instances(user=user, now=now) == []


def test_a_values_query_gives_dicts_as_its_queryset_does(user, cards, question_set):
    def per_set(*, user):
        return (
            QuestionSet.objects.filter(items__question__cards__user=user)
            .values("slug")
            .annotate(cards=Count("items__question__cards"))
            .order_by("slug")
        )

    prepared = Prepared(lambda: per_set(user=Param("user")))
    assert prepared.dicts(user=user) == list(per_set(user=user))
    assert prepared.dicts(user=user) == [{"slug": question_set.slug, "cards": 6}]


def test_the_queryset_is_built_once_and_each_run_is_one_query(user, cards, now):
    built = []

    def build():
        built.append(1)
        return _due_cards(user=Param("user"), until=moment("until"))

    prepared = Prepared(build)
    for _ in range(3):
        with CaptureQueriesContext(connection) as captured:
            prepared.instances(user=user, until=now)
        assert len(captured.captured_queries) == 1
    assert built == [1]
