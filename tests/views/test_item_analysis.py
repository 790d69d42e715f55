import pytest
from django.urls import reverse
from django.utils import timezone

from learning.models import Question, QuizAttempt, QuizResponse
from tests.factories import (
    ClassroomFactory,
    MembershipFactory,
    QuestionSetFactory,
    QuestionSetItemFactory,
    QuizResponseFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# Session, user, teachers group, set, classes, questions, responses; one more for ?classroom=.
MAX_QUERIES = 7


def _url(question_set, **query) -> str:
    url = reverse("item-analysis", args=[question_set.pk])
    return f"{url}?classroom={query['classroom']}" if query else url


def _answer(*, student, question, given: str, correct: bool):
    """One finished attempt of the question's set, asking only that question."""
    return QuizResponseFactory(
        attempt__user=student,
        attempt__question_set=question.question_sets.get(),
        attempt__finished_at=timezone.now(),
        question=question,
        answer_given=given,
        correct=correct,
        answered_at=timezone.now(),
    )


@pytest.fixture
def question():
    return QuestionSetItemFactory().question


@pytest.fixture
def classroom(client):
    """A class of the teacher logged in."""
    classroom = ClassroomFactory()
    client.force_login(classroom.teacher)
    return classroom


def test_it_sends_anonymous_visitors_to_the_login_page(client, question):
    response = client.get(_url(question.question_sets.get()))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_students_are_forbidden(client, student, question):
    assert client.get(_url(question.question_sets.get())).status_code == 403


def test_an_unknown_set_is_not_found(client, classroom):
    assert client.get(reverse("item-analysis", args=[999999])).status_code == 404


def test_a_teacher_sees_only_the_attempts_of_their_students(client, classroom, question):
    mine = MembershipFactory(classroom=classroom).student
    _answer(student=mine, question=question, given="Rawa", correct=True)
    _answer(student=MembershipFactory().student, question=question, given="Hit", correct=False)
    _answer(student=UserFactory(), question=question, given="Hit", correct=False)

    response = client.get(_url(question.question_sets.get()))

    assert response.status_code == 200
    analysis = response.context["analysis"]
    assert (analysis.attempts, analysis.students) == (1, 1)
    assert analysis.items[0].facility == 100
    assert "1 finished attempt by 1 student." in response.content.decode()


def test_a_superuser_sees_every_students_attempts(client, question):
    for _ in range(2):
        _answer(student=UserFactory(), question=question, given="Rawa", correct=True)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get(_url(question.question_sets.get()))

    assert response.context["analysis"].attempts == 2


def test_a_teacher_can_narrow_the_analysis_to_one_class(client, classroom, question):
    other_class = ClassroomFactory(teacher=classroom.teacher)
    for membership_class in (classroom, other_class):
        student = MembershipFactory(classroom=membership_class).student
        _answer(student=student, question=question, given="Rawa", correct=True)
    question_set = question.question_sets.get()

    response = client.get(_url(question_set, classroom=classroom.pk))

    assert response.context["analysis"].attempts == 1
    assert f'<option value="{classroom.pk}" selected>' in response.content.decode()
    assert client.get(_url(question_set)).context["analysis"].attempts == 2


@pytest.mark.parametrize("value", ["abc", "-1", "1.5", "٣", "9" * 30])
def test_a_malformed_or_out_of_range_class_is_not_found(client, classroom, question, value):
    assert client.get(_url(question.question_sets.get(), classroom=value)).status_code == 404


def test_another_teachers_class_is_not_found(client, classroom, question):
    theirs = ClassroomFactory()

    response = client.get(_url(question.question_sets.get(), classroom=theirs.pk))

    assert response.status_code == 404


def test_the_page_links_to_the_set_and_its_questions_in_the_admin(client, classroom, question):
    question_set = question.question_sets.get()

    html = client.get(_url(question_set)).content.decode()

    assert reverse("admin:learning_questionset_change", args=[question_set.pk]) in html
    assert reverse("admin:learning_question_change", args=[question.pk]) in html


def test_labels_and_undefined_figures_are_shown_as_text(client, classroom, question):
    _answer(
        student=MembershipFactory(classroom=classroom).student,
        question=question,
        given="Hit",
        correct=False,
    )

    html = client.get(_url(question.question_sets.get())).content.decode()

    assert "<strong>too hard</strong>, <strong>few attempts</strong>" in html
    assert "<td>0%</td>" in html
    assert "<td>–</td>" in html
    assert "Hit: 1" in html


def test_question_text_and_answers_are_escaped(client, classroom):
    question = QuestionSetItemFactory(
        question__kind=Question.Kind.MULTIPLE_CHOICE,
        question__prompt="<script>alert(1)</script> captured?",
        question__answer="<b>Rawa</b>",
        question__choices=["<b>Rawa</b>", "<i>Hit</i>"],
    ).question
    _answer(
        student=MembershipFactory(classroom=classroom).student,
        question=question,
        given="<i>Hit</i>",
        correct=False,
    )

    html = client.get(_url(question.question_sets.get())).content.decode()

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; captured?" in html
    assert "&lt;b&gt;Rawa&lt;/b&gt;: 0 <strong>(correct)</strong>" in html
    assert "&lt;i&gt;Hit&lt;/i&gt;: 1" in html


def test_the_page_takes_the_same_queries_for_20_questions_and_60_attempts(
    client, classroom, django_assert_max_num_queries
):
    question_set = QuestionSetFactory()
    questions = [QuestionSetItemFactory(question_set=question_set).question for _ in range(20)]
    students = [MembershipFactory(classroom=classroom).student for _ in range(20)]
    attempts = QuizAttempt.objects.bulk_create(
        QuizAttempt(user=students[n % 20], question_set=question_set, finished_at=timezone.now())
        for n in range(60)
    )
    QuizResponse.objects.bulk_create(
        QuizResponse(
            attempt=attempt,
            question=question,
            position=position,
            answer_given="Rawa" if (n + position) % 3 else "Hit",
            correct=bool((n + position) % 3),
            time_taken_ms=1000 * position,
        )
        for n, attempt in enumerate(attempts)
        for position, question in enumerate(questions)
    )

    with django_assert_max_num_queries(MAX_QUERIES + 1):
        response = client.get(_url(question_set, classroom=classroom.pk))

    assert response.status_code == 200
    assert response.context["analysis"].attempts == 60
