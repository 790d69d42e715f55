import pytest
from django.urls import reverse

from learning.models import Question
from learning.teachers import add_to_teachers
from tests.factories import QuestionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def teacher_client(client):
    teacher = UserFactory(username="mrs-hall")
    add_to_teachers(user=teacher)
    client.force_login(teacher)
    return client


def test_a_teacher_sees_the_question_list_without_n_plus_one(
    teacher_client, django_assert_max_num_queries
):
    QuestionFactory.create_batch(30)
    with django_assert_max_num_queries(12):
        response = teacher_client.get(reverse("admin:learning_question_changelist"))
    assert response.status_code == 200
    assert response.content.count(b'class="action-select"') == 30


def test_a_student_cannot_open_the_admin(client):
    client.force_login(UserFactory())
    response = client.get(reverse("admin:learning_question_changelist"))
    assert response.status_code == 302


def test_editing_a_question_marks_it_edited_by_a_person(teacher_client):
    question = QuestionFactory()
    url = reverse("admin:learning_question_change", args=[question.pk])
    form = teacher_client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data["prompt"] = "Which town did the Iraqi Army retake on 17 November 2017?"
    response = teacher_client.post(url, data)
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.edited_by_human
    assert question.prompt.startswith("Which town did the Iraqi Army retake")


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("publish", Question.Status.PUBLISHED),
        ("retire", Question.Status.RETIRED),
        ("return_to_draft", Question.Status.DRAFT),
    ],
)
def test_bulk_actions_change_the_status_of_the_selected_questions(teacher_client, action, status):
    chosen = QuestionFactory.create_batch(3, status=Question.Status.DRAFT)
    untouched = QuestionFactory(status=Question.Status.DRAFT)
    if status == Question.Status.DRAFT:
        Question.objects.update(status=Question.Status.PUBLISHED)
        untouched.refresh_from_db()
    response = teacher_client.post(
        reverse("admin:learning_question_changelist"),
        {"action": action, "_selected_action": [q.pk for q in chosen]},
    )
    assert response.status_code == 302
    assert set(Question.objects.filter(status=status).values_list("pk", flat=True)) == {
        q.pk for q in chosen
    }
    assert Question.objects.get(pk=untouched.pk).status == untouched.status
    assert all(
        Question.objects.filter(pk__in=[q.pk for q in chosen]).values_list(
            "edited_by_human", flat=True
        )
    )
