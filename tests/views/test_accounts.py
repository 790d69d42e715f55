import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_it_sends_anonymous_visitors_to_the_login_page(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_student_can_sign_up_and_is_logged_in(client):
    response = client.post(
        reverse("signup"),
        {"username": "ada", "password1": "a-long-pass-phrase", "password2": "a-long-pass-phrase"},
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(username="ada")
    assert not user.is_staff
    assert client.get(reverse("home")).status_code == 200


def test_it_shows_signup_errors_with_a_400(client):
    response = client.post(
        reverse("signup"), {"username": "ada", "password1": "x", "password2": "y"}
    )
    assert response.status_code == 400
    assert b"didn" in response.content  # "The two password fields didn’t match."
    assert not get_user_model().objects.filter(username="ada").exists()


def test_a_student_can_log_in_and_out(client):
    UserFactory(username="ben")
    response = client.post(
        reverse("login"), {"username": "ben", "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302


def test_logout_refuses_get(client):
    UserFactory(username="ben")
    client.force_login(UserFactory(username="ben"))
    assert client.get(reverse("logout")).status_code == 405


def test_whoami_needs_a_login_and_names_the_user(client):
    response = client.get(reverse("whoami"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    client.force_login(UserFactory(username="ben"))
    response = client.get(reverse("whoami"))
    assert response.status_code == 200
    assert response.json() == {"username": "ben"}
