import pytest
from django.utils import timezone

from tests.factories import QuestionSetFactory, UserFactory


@pytest.fixture
def now():
    # Real time: Card.created_at is set by the database clock, and the daily limit compares.
    return timezone.now()


@pytest.fixture
def user():
    return UserFactory()


@pytest.fixture
def question_set():
    return QuestionSetFactory()
