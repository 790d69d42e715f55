from pathlib import Path

import pytest

from tests.factories import TeacherFactory, UserFactory

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEED_ARTICLE = FIXTURES / "2017_western_iraq_campaign.txt"
# Headers of a request htmx makes.
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings) -> None:
    # The default hasher is deliberately slow; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def seed_path() -> Path:
    return SEED_ARTICLE


@pytest.fixture
def student(client):
    """A student, logged in with the test client."""
    user = UserFactory()
    client.force_login(user)
    return user


@pytest.fixture
def teacher(client):
    """A teacher, logged in with the test client."""
    teacher = TeacherFactory()
    client.force_login(teacher)
    return teacher
