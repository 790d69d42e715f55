import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _log_in(client, password: str):
    return client.post(reverse("login"), {"username": "ben", "password": password})


def test_it_locks_an_account_after_repeated_failures_with_a_clear_message(client, settings):
    UserFactory(username="ben")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _log_in(client, "wrong").status_code == 200
    response = _log_in(client, "wrong")
    assert response.status_code == 429
    assert b"Too many failed log-ins" in response.content
    # Even the right password is refused while locked.
    locked = _log_in(client, "correct-horse-battery")
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_successful_login_resets_the_count(client, settings):
    UserFactory(username="ben")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _log_in(client, "wrong")
    assert _log_in(client, "correct-horse-battery").status_code == 302
    client.post(reverse("logout"))
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _log_in(client, "wrong").status_code == 200


def test_it_locks_that_account_from_that_address_only(client, settings):
    UserFactory(username="ben")
    UserFactory(username="ada")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _log_in(client, "wrong")
    other_account = client.post(
        reverse("login"), {"username": "ada", "password": "correct-horse-battery"}
    )
    assert other_account.status_code == 302
    client.post(reverse("logout"))
    other_address = client.post(
        reverse("login"),
        {"username": "ben", "password": "correct-horse-battery"},
        REMOTE_ADDR="10.0.0.9",
    )
    assert other_address.status_code == 302
