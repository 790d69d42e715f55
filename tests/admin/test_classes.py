from types import ModuleType

import pytest
from django.contrib import admin
from django.http import HttpResponse
from django.urls import path, reverse

from learning.models import Classroom, Membership
from learning.teaching import classes
from tests.factories import (
    AssignmentFactory,
    ClassroomFactory,
    MembershipFactory,
    QuestionSetFactory,
    ReviewLogFactory,
    TeacherFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:learning_classroom_changelist")
ADD = reverse("admin:learning_classroom_add")


def _change_url(classroom: Classroom) -> str:
    return reverse("admin:learning_classroom_change", args=[classroom.pk])


def _form_data(page) -> dict:
    """What the browser would post back from an admin change page, as it was shown."""
    forms = [page.context["adminform"].form]
    for inline in page.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is not None and value is not False:
                data[form.add_prefix(name)] = "on" if value is True else value
    return data


def test_a_teacher_creates_a_class_of_their_own_with_a_generated_code(client, teacher):
    data = _form_data(client.get(ADD)) | {"name": "Year 10 History", "teacher": TeacherFactory().pk}

    response = client.post(ADD, data)

    assert response.status_code == 302
    classroom = Classroom.objects.get(name="Year 10 History")
    assert classroom.teacher == teacher
    assert len(classroom.join_code) == classes.JOIN_CODE_LENGTH
    page = client.get(_change_url(classroom))
    assert classroom.join_code.encode() in page.content
    assert "join_code" not in page.context["adminform"].form.fields


def test_a_teacher_sees_and_changes_only_their_own_classes(client, teacher):
    mine = ClassroomFactory(teacher=teacher)
    theirs = ClassroomFactory()

    response = client.get(CHANGELIST)

    assert list(response.context["cl"].result_list) == [mine]
    assert theirs.name.encode() not in response.content
    assert client.get(_change_url(theirs)).status_code == 302
    client.post(_change_url(theirs), {"name": "Taken over"})
    theirs.refresh_from_db()
    assert theirs.name != "Taken over"


def test_a_superuser_sees_every_class_and_chooses_its_teacher(client):
    classrooms = ClassroomFactory.create_batch(2)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert set(client.get(CHANGELIST).context["cl"].result_list) == set(classrooms)

    colleague = TeacherFactory()
    data = _form_data(client.get(ADD)) | {"name": "Year 11", "teacher": colleague.pk}
    assert client.post(ADD, data).status_code == 302
    assert Classroom.objects.get(name="Year 11").teacher == colleague


def test_students_cannot_be_chosen_as_a_teacher(client):
    student = UserFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    data = _form_data(client.get(ADD)) | {"name": "Year 11", "teacher": student.pk}
    response = client.post(ADD, data)
    assert response.status_code == 200
    assert "teacher" in response.context["adminform"].form.errors


def test_removing_a_student_keeps_their_membership_and_their_results_visible(client, teacher):
    membership = MembershipFactory(classroom__teacher=teacher)
    staying = MembershipFactory(classroom=membership.classroom)
    ReviewLogFactory(card__user=membership.student)
    page = client.get(_change_url(membership.classroom))
    data = _form_data(page)
    index = [form.instance for form in page.context["inline_admin_formsets"][0].formset.forms]
    data[f"memberships-{index.index(membership)}-remove"] = "on"

    response = client.post(_change_url(membership.classroom), data)

    assert response.status_code == 302
    membership.refresh_from_db()
    staying.refresh_from_db()
    assert membership.removed_at is not None
    assert staying.removed_at is None
    assert Membership.objects.count() == 2
    reviews = client.get(reverse("admin:learning_reviewlog_changelist"))
    assert len(reviews.context["cl"].result_list) == 1


def test_classes_are_assigned_only_published_sets_the_teacher_can_see(client, teacher):
    classroom = ClassroomFactory(teacher=teacher)
    published = QuestionSetFactory(name="Rawa published", owner=teacher)
    unpublished = QuestionSetFactory(name="Rawa draft", owner=teacher, is_published=False)
    QuestionSetFactory(name="Rawa of another teacher", owner=TeacherFactory())

    found = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "learning",
            "model_name": "assignment",
            "field_name": "question_set",
            "term": "Rawa",
        },
    )
    data = _form_data(client.get(_change_url(classroom)))
    data["assignments-0-question_set"] = unpublished.pk
    refused = client.post(_change_url(classroom), data)
    data["assignments-0-question_set"] = published.pk
    accepted = client.post(_change_url(classroom), data)

    assert [result["id"] for result in found.json()["results"]] == [str(published.pk)]
    assert refused.status_code == 200
    assert accepted.status_code == 302
    assert list(classroom.question_sets.all()) == [published]


def test_the_list_counts_current_students_and_sets_without_n_plus_one(
    client, teacher, django_assert_max_num_queries
):
    for _ in range(15):
        classroom = ClassroomFactory(teacher=teacher)
        MembershipFactory.create_batch(2, classroom=classroom)
        MembershipFactory(classroom=classroom, removed_at="2026-01-01T00:00Z")
        AssignmentFactory(classroom=classroom)

    with django_assert_max_num_queries(10):
        response = client.get(CHANGELIST)

    rows = response.context["cl"].result_list
    assert {(c.student_count, c.set_count) for c in rows} == {(2, 1)}
    assert len(rows) == 15


def test_class_names_are_escaped(client, teacher):
    classroom = ClassroomFactory(teacher=teacher, name="<script>alert(1)</script>")
    for url in (CHANGELIST, _change_url(classroom)):
        content = client.get(url).content
        assert b"<script>alert(1)</script>" not in content
        assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in content


def _stub(request, **kwargs) -> HttpResponse:
    return HttpResponse()


def test_the_class_page_links_to_its_gradebook_once_that_page_exists(client, teacher, settings):
    classroom = ClassroomFactory(teacher=teacher)
    gradebook = path("gradebook/<int:classroom_id>/", _stub, name="gradebook")
    # The admin with or without the gradebook, whether that page exists yet or not.
    with_route, without_route = ModuleType("with_route"), ModuleType("without_route")
    with_route.urlpatterns = [path("admin/", admin.site.urls), gradebook]
    without_route.urlpatterns = [path("admin/", admin.site.urls)]

    settings.ROOT_URLCONF = with_route
    linked = client.get(_change_url(classroom))
    settings.ROOT_URLCONF = without_route
    unlinked = client.get(_change_url(classroom))

    assert f'href="/gradebook/{classroom.pk}/"'.encode() in linked.content
    assert unlinked.status_code == 200
    assert b"Gradebook" not in unlinked.content


def test_a_set_assigned_in_the_admin_goes_after_the_class_s_other_sets(client, teacher):
    classroom = ClassroomFactory(teacher=teacher)
    first = AssignmentFactory(classroom=classroom, order=4, question_set__owner=teacher)
    added = QuestionSetFactory(owner=teacher)
    data = _form_data(client.get(_change_url(classroom)))
    # A new row starts at order 0, which would put it first.
    data["assignments-1-question_set"] = added.pk
    data["assignments-1-order"] = "0"
    data["assignments-TOTAL_FORMS"] = "2"
    assert client.post(_change_url(classroom), data).status_code == 302
    assert list(classroom.assignments.values_list("question_set", "order")) == [
        (first.question_set_id, 4),
        (added.pk, 5),
    ]
