"""Passwords: Argon2id at OWASP's first-choice cost, and older hashes upgraded at login."""

import pytest
from django.contrib.auth.hashers import make_password
from django.urls import reverse

from campaign_quiz import settings as project_settings
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def _project_hashers(settings) -> None:
    # The tests' fast MD5 hasher (conftest) gives way to the project's own list.
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS


def test_a_new_password_is_hashed_with_argon2id_at_19_mib_two_passes_one_lane():
    user = UserFactory(password=PASSWORD)
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert user.check_password(PASSWORD)


def test_a_password_stored_with_pbkdf2_still_logs_in_and_is_rehashed_with_argon2id(client):
    user = UserFactory(username="ben")
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])

    response = client.post(reverse("login"), {"username": "ben", "password": PASSWORD})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")


def test_a_wrong_password_against_an_old_hash_changes_nothing(client):
    user = UserFactory(username="ben")
    user.password = old = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])

    response = client.post(reverse("login"), {"username": "ben", "password": "wrong-horse"})

    assert response.status_code == 200
    user.refresh_from_db()
    assert user.password == old
