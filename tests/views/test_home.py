import pytest
from django.urls import reverse

from learning.models import Question
from learning.study import quizzes
from tests.factories import (
    AssignmentFactory,
    CardFactory,
    MembershipFactory,
    QuestionSetFactory,
    QuestionSetItemFactory,
    ReviewLogFactory,
    TeacherFactory,
)

pytestmark = pytest.mark.django_db


def test_it_lists_published_sets_with_their_counts(client, student):
    question_set = QuestionSetFactory(name="Al-Qaim")
    items = QuestionSetItemFactory.create_batch(3, question_set=question_set)
    card = CardFactory(user=student, question=items[0].question, question_set=question_set)
    ReviewLogFactory(card=card, correct=True)
    ReviewLogFactory(card=card, correct=False)

    response = client.get(reverse("home"))

    assert response.status_code == 200
    [row] = response.context["rows"]
    assert row["set"] == question_set
    assert (row["counts"].new_today, row["counts"].review) == (2, 1)
    assert row["counts"].accuracy == 0.5
    assert b"50%" in response.content
    assert reverse("study", args=[question_set.slug]).encode() in response.content


def test_it_hides_unpublished_sets_and_sets_without_published_questions(client, student):
    QuestionSetItemFactory(question_set__is_published=False)
    QuestionSetItemFactory(question__status=Question.Status.DRAFT)
    response = client.get(reverse("home"))
    assert response.context["rows"] == []
    assert b"No question sets are published yet" in response.content


def _studiable_set(**kwargs):
    return QuestionSetItemFactory(question_set=QuestionSetFactory(**kwargs)).question_set


def test_sets_assigned_to_the_students_classes_come_first_with_their_teacher(client, student):
    other = _studiable_set(name="A first by name")
    assigned = _studiable_set(name="Z last by name")
    membership = MembershipFactory(
        student=student,
        classroom__name="Year 10 History",
        classroom__teacher=TeacherFactory(first_name="Ann", last_name="Hall"),
    )
    AssignmentFactory(classroom=membership.classroom, question_set=assigned)

    response = client.get(reverse("home"))

    assert [row["set"] for row in response.context["rows"]] == [assigned, other]
    assert response.context["rows"][0]["assignment"].classroom == membership.classroom
    assert response.context["rows"][1]["assignment"] is None
    assert response.content.count(b"Assigned by Ann Hall") == 1
    assert response.context["classrooms"] == [membership.classroom]


def test_a_removed_student_no_longer_gets_the_classes_assignments(client, student):
    other = _studiable_set(name="A first by name")
    assigned = _studiable_set(name="Z last by name")
    membership = MembershipFactory(student=student, removed_at="2026-01-01T00:00Z")
    AssignmentFactory(classroom=membership.classroom, question_set=assigned)

    response = client.get(reverse("home"))

    assert [row["set"] for row in response.context["rows"]] == [other, assigned]
    assert b"Assigned by" not in response.content
    assert response.context["classrooms"] == []


def test_class_names_are_escaped(client, student):
    membership = MembershipFactory(student=student, classroom__name="<b>Year 10</b>")
    AssignmentFactory(classroom=membership.classroom, question_set=_studiable_set())
    response = client.get(reverse("home"))
    assert b"<b>Year 10</b>" not in response.content
    assert response.content.count(b"&lt;b&gt;Year 10&lt;/b&gt;") == 2


def test_teachers_are_not_offered_to_join_a_class(client):
    client.force_login(TeacherFactory())
    response = client.get(reverse("home"))
    assert reverse("join-class").encode() not in response.content


@pytest.mark.parametrize("sets", [1, 15])
def test_it_takes_a_constant_number_of_queries(
    client, student, sets, django_assert_max_num_queries
):
    for _ in range(sets):
        QuestionSetItemFactory.create_batch(2, question_set=QuestionSetFactory())
        membership = MembershipFactory(student=student)
        for _ in range(2):
            AssignmentFactory(classroom=membership.classroom, question_set=_studiable_set())
    # With the quiz state of every set: one query.
    with django_assert_max_num_queries(9):
        assert client.get(reverse("home")).status_code == 200


def test_an_unfinished_quiz_is_offered_to_resume(client, student):
    question_set = _studiable_set()
    attempt = quizzes.start_quiz(user=student, question_set=question_set)
    html = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("quiz-attempt", args=[attempt.pk])}">Resume quiz</a>' in html
