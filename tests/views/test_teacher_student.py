import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.models import QuizResponse
from tests.factories import (
    AssignmentFactory,
    CardFactory,
    ClassroomFactory,
    MembershipFactory,
    QuestionSetItemFactory,
    QuizAttemptFactory,
    QuizResponseFactory,
    ReviewLogFactory,
    TeacherFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# Session, user, teacher check, classroom, membership, sets, weekly accuracy, attempts and
# their responses with questions, the answers the student marked right.
MAX_QUERIES = 10


@pytest.fixture
def membership(client):
    """A student of a class of the logged-in teacher."""
    membership = MembershipFactory()
    client.force_login(membership.classroom.teacher)
    return membership


def _url(membership):
    return reverse("teacher-student", args=[membership.classroom.pk, membership.student.pk])


def _answered_attempt(*, student, question_set, answers):
    """A finished attempt with one response per (prompt, given, correct, time) in ``answers``."""
    now = timezone.now()
    attempt = QuizAttemptFactory(
        user=student,
        question_set=question_set,
        finished_at=now,
        score=sum(correct for _, _, correct, _ in answers),
        total=len(answers),
    )
    for position, (prompt, given, correct, time_taken_ms) in enumerate(answers):
        QuizResponseFactory(
            attempt=attempt,
            position=position,
            question=QuestionSetItemFactory(
                question_set=question_set, question__prompt=prompt
            ).question,
            answer_given=given,
            correct=correct,
            time_taken_ms=time_taken_ms,
            answered_at=now,
        )
    return attempt


# --- who may see it -----------------------------------------------------------------------


def test_it_sends_anonymous_visitors_to_the_login_page(client):
    response = client.get(_url(MembershipFactory()))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_student_may_not_open_a_teacher_s_page_even_about_themselves(client):
    membership = MembershipFactory()
    client.force_login(membership.student)

    assert client.get(_url(membership)).status_code == 403


def test_a_teacher_opens_the_page_of_a_student_of_their_class(client, membership):
    response = client.get(_url(membership))

    assert response.status_code == 200
    assert response.context["student"] == membership.student


def test_another_teacher_s_student_is_not_found(client):
    theirs = MembershipFactory()
    client.force_login(TeacherFactory())

    assert client.get(_url(theirs)).status_code == 404


def test_a_student_of_another_class_is_not_found_through_the_teacher_s_own_class(
    client, membership
):
    elsewhere = MembershipFactory(classroom=ClassroomFactory(teacher=membership.classroom.teacher))
    url = reverse("teacher-student", args=[membership.classroom.pk, elsewhere.student.pk])

    assert client.get(url).status_code == 404


def test_a_student_of_their_class_is_not_found_through_another_teacher_s_class(client, membership):
    theirs = MembershipFactory(student=membership.student)
    url = reverse("teacher-student", args=[theirs.classroom.pk, membership.student.pk])

    assert client.get(url).status_code == 404


def test_a_removed_student_s_page_stays_with_a_note(client, membership):
    membership.removed_at = timezone.now()
    membership.save()

    response = client.get(_url(membership))

    assert response.status_code == 200
    assert "their results stay" in response.content.decode()


def test_a_superuser_opens_any_student_s_page(client):
    membership = MembershipFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    assert client.get(_url(membership)).status_code == 200


# --- what it shows ------------------------------------------------------------------------


def test_each_attempt_shows_its_questions_answers_results_and_times(client, membership):
    question_set = AssignmentFactory(classroom=membership.classroom).question_set
    _answered_attempt(
        student=membership.student,
        question_set=question_set,
        answers=[
            ("When did Rawa fall?", "17 November 2017", True, 4200),
            ("Who led the offensive?", "Someone else", False, 11000),
        ],
    )
    QuizResponseFactory(
        attempt__user=membership.student,
        attempt__question_set=question_set,
        question__prompt="Still to answer?",
    )

    # Without the whitespace between tags, so that a row reads as one string.
    html = re.sub(r">\s+<", "><", client.get(_url(membership)).content.decode())

    assert "Score: 1 of 2 (50%)." in html
    assert (
        "<td>When did Rawa fall?</td><td>17 November 2017</td><td>Correct</td><td>4 s</td>" in html
    )
    assert "<td>Someone else</td><td>Wrong</td><td>11 s</td>" in html
    assert "Not finished yet." in html
    assert "Not answered" in html


def test_the_page_lists_the_answers_the_student_marked_right(client, membership):
    question_set = AssignmentFactory(classroom=membership.classroom).question_set
    question = QuestionSetItemFactory(
        question_set=question_set, question__prompt="Who led the offensive?"
    ).question
    card = CardFactory(user=membership.student, question=question)
    ReviewLogFactory(card=card, correct=True, overridden=True, answer_given="Yarallah")
    ReviewLogFactory(card=card, correct=True, answer_given="Hit")
    html = re.sub(r">\s+<", "><", client.get(_url(membership)).content.decode())
    assert "<td>Who led the offensive?</td><td>Yarallah</td>" in html
    assert "<td>Hit</td>" not in html


def test_attempts_at_sets_not_assigned_to_the_class_are_left_out(client, membership):
    _answered_attempt(
        student=membership.student,
        question_set=AssignmentFactory().question_set,
        answers=[("Another class's question?", "Yes", True, 1000)],
    )

    html = client.get(_url(membership)).content.decode()

    assert "Another class" not in html
    assert "No quiz attempts at this class's sets." in html


def test_study_accuracy_per_week_shows_as_a_chart_and_a_table(client, membership):
    question_set = AssignmentFactory(classroom=membership.classroom).question_set
    card = CardFactory(
        user=membership.student,
        question=QuestionSetItemFactory(question_set=question_set).question,
    )
    ReviewLogFactory(card=card, correct=True)
    ReviewLogFactory(card=card, correct=False)
    ReviewLogFactory(card=card, correct=False, reviewed_at=timezone.now() - timedelta(weeks=1))

    html = client.get(_url(membership)).content.decode()

    assert html.count('role="img"') == 1
    assert f'aria-labelledby="chart-{question_set.pk}-title chart-{question_set.pk}-desc"' in html
    assert "<td>2</td><td>1</td><td>50%</td>" in html
    assert "<td>1</td><td>0</td><td>0%</td>" in html
    assert "3 reviews in all." in html


def test_a_set_without_reviews_says_so_instead_of_an_empty_chart(client, membership):
    AssignmentFactory(classroom=membership.classroom)

    html = client.get(_url(membership)).content.decode()

    assert 'role="img"' not in html
    assert "No reviews in the last 12 weeks." in html


def test_names_prompts_and_answers_are_escaped(client, membership):
    membership.student.first_name = "<b>x</b>"
    membership.student.save()
    question_set = AssignmentFactory(
        classroom=membership.classroom, question_set__name="<script>alert(1)</script>"
    ).question_set
    _answered_attempt(
        student=membership.student,
        question_set=question_set,
        answers=[("<i>prompt</i>", "<img src=x onerror=alert(1)>", False, 100)],
    )
    ReviewLogFactory(card__user=membership.student, card__question=question_set.questions.get())

    html = client.get(_url(membership)).content.decode()

    for raw in ("<b>x</b>", "<script>alert", "<i>prompt", "<img src=x"):
        assert raw not in html
    assert "Study accuracy per week for &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html


def test_the_page_takes_a_fixed_number_of_queries(
    client, membership, django_assert_max_num_queries
):
    for _ in range(5):
        question_set = AssignmentFactory(classroom=membership.classroom).question_set
        for _ in range(3):
            _answered_attempt(
                student=membership.student,
                question_set=question_set,
                answers=[(f"Question {n}?", "Rawa", n % 2 == 0, 1500) for n in range(4)],
            )
        ReviewLogFactory(
            card__user=membership.student, card__question=question_set.questions.first()
        )

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(_url(membership))

    assert len(response.context["attempts"]) == 15
    assert QuizResponse.objects.count() == 60
