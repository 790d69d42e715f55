import pytest
from django.test import Client
from django.urls import reverse

from learning.models import Membership
from tests.factories import ClassroomFactory, MembershipFactory, TeacherFactory

pytestmark = pytest.mark.django_db

URL = reverse("join-class")


def test_a_student_joins_a_class_and_sees_it_on_the_home_page(client, student):
    classroom = ClassroomFactory(name="Year 10 History", join_code="K7QM3XPA")

    response = client.post(URL, {"code": " k7qm3xpa "}, follow=True)

    assert response.redirect_chain == [(reverse("home"), 302)]
    assert Membership.objects.filter(classroom=classroom, student=student).exists()
    assert "You joined Year 10 History" in [str(m) for m in response.context["messages"]]
    assert response.context["classrooms"] == [classroom]


def test_an_unknown_code_shows_the_home_page_again_with_the_reason(client, student):
    ClassroomFactory()

    response = client.post(URL, {"code": "NOSUCHCD"})

    assert response.status_code == 400
    assert response.templates[0].name == "learning/home.html"
    assert b"No class has that join code" in response.content
    assert b'value="NOSUCHCD"' in response.content
    assert not Membership.objects.exists()


def test_a_post_without_a_code_is_a_bad_request(client, student):
    response = client.post(URL, {})
    assert response.status_code == 400
    assert b"Enter the join code" in response.content


def test_a_removed_student_can_join_again(client, student):
    membership = MembershipFactory(student=student, removed_at="2026-01-01T00:00Z")
    response = client.post(URL, {"code": membership.classroom.join_code})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.removed_at is None


def test_a_teacher_cannot_join_a_class(client):
    teacher = TeacherFactory()
    client.force_login(teacher)
    response = client.post(URL, {"code": ClassroomFactory().join_code})
    assert response.status_code == 400
    assert not Membership.objects.exists()


def test_the_class_name_in_the_message_is_escaped(client, student):
    classroom = ClassroomFactory(name="<script>alert(1)</script>")
    response = client.post(URL, {"code": classroom.join_code}, follow=True)
    assert b"<script>alert(1)</script>" not in response.content
    assert b"You joined &lt;script&gt;alert(1)&lt;/script&gt;" in response.content


def test_an_anonymous_post_is_sent_to_log_in(client):
    response = client.post(URL, {"code": ClassroomFactory().join_code})
    assert response.url.startswith(reverse("login"))
    assert not Membership.objects.exists()


def test_joining_only_accepts_posts(client, student):
    assert client.get(URL).status_code == 405


def test_the_home_page_form_posts_with_its_csrf_token(student):
    client = Client(enforce_csrf_checks=True)
    client.force_login(student)
    classroom = ClassroomFactory()
    page = client.get(reverse("home"))
    assert f'action="{URL}"'.encode() in page.content
    token = str(page.context["csrf_token"])

    assert client.post(URL, {"code": classroom.join_code}).status_code == 403
    response = client.post(URL, {"code": classroom.join_code, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
