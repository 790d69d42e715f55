import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_visitor_gets_a_page_saying_what_the_app_does_with_sign_up_and_log_in(client):
    response = client.get(reverse("home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Learn a piece of history" in html and "spaced repetition" in html
    assert f'href="{reverse("signup")}"' in html and f'href="{reverse("login")}"' in html


def test_a_visitor_is_still_sent_to_log_in_for_a_students_page(client):
    response = client.get(reverse("progress"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


SIGN_UP = {
    "first_name": "Ada",
    "last_name": "Lovelace",
    "username": "ada",
    "password1": "a-long-pass-phrase",
    "password2": "a-long-pass-phrase",
}


def test_a_student_signs_up_with_a_name_and_is_logged_in(client):
    response = client.post(reverse("signup"), SIGN_UP)
    assert response.status_code == 302
    user = get_user_model().objects.get(username="ada")
    assert not user.is_staff
    assert user.get_full_name() == "Ada Lovelace"
    assert client.get(reverse("home")).status_code == 200


def test_sign_up_asks_for_a_first_and_last_name(client):
    response = client.post(reverse("signup"), {**SIGN_UP, "first_name": " ", "last_name": ""})
    assert response.status_code == 400
    assert not get_user_model().objects.exists()


def test_a_student_changes_the_name_teachers_see(client):
    user = UserFactory(first_name="Ada", last_name="Byron")
    client.force_login(user)
    page = client.get(reverse("account")).content.decode()
    assert 'value="Byron"' in page
    response = client.post(
        reverse("account"), {"first_name": "Ada", "last_name": "Lovelace"}, follow=True
    )
    assert "Your name is now Ada Lovelace." in response.content.decode()
    user.refresh_from_db()
    assert user.get_full_name() == "Ada Lovelace"
    assert client.post(reverse("account"), {"first_name": ""}).status_code == 400


def test_it_shows_signup_errors_with_a_400(client):
    response = client.post(reverse("signup"), {**SIGN_UP, "password1": "x", "password2": "y"})
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
    assert b"Create a student account" in client.get(reverse("home")).content


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
