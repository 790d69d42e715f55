import re
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

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


# Transaction control, which the query budgets of a study step do not count.
_TRANSACTION = re.compile(r"\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b", re.IGNORECASE)


@pytest.fixture
def assert_row_queries():
    """``with assert_row_queries(n):`` fails if the block runs more than n statements that
    read or write rows (BEGIN, COMMIT and savepoints aside), and lists them."""

    @contextmanager
    def at_most(limit: int):
        with CaptureQueriesContext(connection) as captured:
            yield
        statements = [
            query["sql"]
            for query in captured.captured_queries
            if not _TRANSACTION.match(query["sql"])
        ]
        assert len(statements) <= limit, "\n\n".join(statements)

    return at_most
