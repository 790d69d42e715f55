"""Stored XSS: text people type is shown escaped on every page that shows it.

Question text, choices, explanations, source sentences, flag comments, class and set
names all carry a script; no page may contain it unescaped.
"""

import pytest
from django.urls import reverse

from learning.models import Question
from learning.study import quizzes
from tests.factories import (
    AssignmentFactory,
    CardFactory,
    ClassroomFactory,
    FlagFactory,
    MembershipFactory,
    QuestionSetFactory,
    QuestionSetItemFactory,
    ReviewLogFactory,
    TeacherFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PAYLOAD = '<script>alert("xss")</script>'
ESCAPED = "&lt;script&gt;alert("


@pytest.fixture
def world():
    teacher = TeacherFactory()
    student = UserFactory()
    question_set = QuestionSetFactory(name=f"Set {PAYLOAD}", owner=teacher)
    question = QuestionSetItemFactory(
        question_set=question_set,
        question__prompt=f"Which town {PAYLOAD}?",
        question__answer=f"Rawa {PAYLOAD}",
        question__choices=[f"Rawa {PAYLOAD}", "Anah", "Hit", "Akashat"],
        question__explanation=f"Because {PAYLOAD}",
        question__fact__sentence__text=f"The army took Rawa {PAYLOAD}.",
    ).question
    classroom = ClassroomFactory(name=f"Class {PAYLOAD}", teacher=teacher)
    MembershipFactory(classroom=classroom, student=student)
    AssignmentFactory(classroom=classroom, question_set=question_set)
    flag = FlagFactory(question=question, user=student, comment=f"Wrong {PAYLOAD}")
    # Studied once, so the progress page names the set.
    ReviewLogFactory(card=CardFactory(user=student, question=question, question_set=question_set))
    attempt = quizzes.start_quiz(user=student, question_set=question_set)
    return {
        "teacher": teacher,
        "student": student,
        "set": question_set,
        "question": question,
        "classroom": classroom,
        "flag": flag,
        "attempt": attempt,
    }


def _assert_escaped(response) -> None:
    assert response.status_code == 200
    html = response.content.decode()
    assert PAYLOAD not in html
    assert ESCAPED in html


STUDENT_PAGES = {
    "home": lambda w: reverse("home"),
    "study": lambda w: reverse("study", args=[w["set"].slug]),
    "quiz": lambda w: reverse("quiz-attempt", args=[w["attempt"].pk]),
    "progress": lambda w: reverse("progress"),
}

TEACHER_PAGES = {
    "gradebook": lambda w: reverse("gradebook", args=[w["classroom"].pk]),
    "teacher student": lambda w: reverse(
        "teacher-student", args=[w["classroom"].pk, w["student"].pk]
    ),
    "item analysis": lambda w: reverse("item-analysis", args=[w["set"].pk]),
    "admin question list": lambda w: reverse("admin:learning_question_changelist"),
    "admin question": lambda w: reverse("admin:learning_question_change", args=[w["question"].pk]),
    "admin question history": lambda w: reverse(
        "admin:learning_question_history", args=[w["question"].pk]
    ),
    "admin flags": lambda w: reverse("admin:learning_flag_changelist") + "?status__exact=open",
    "admin class list": lambda w: reverse("admin:learning_classroom_changelist"),
    "admin class": lambda w: reverse("admin:learning_classroom_change", args=[w["classroom"].pk]),
    "admin set": lambda w: reverse("admin:learning_questionset_change", args=[w["set"].pk]),
    "admin quiz attempts": lambda w: reverse("admin:learning_quizattempt_changelist"),
}


@pytest.mark.parametrize("page", STUDENT_PAGES)
def test_student_pages_escape_what_people_typed(client, world, page):
    client.force_login(world["student"])
    _assert_escaped(client.get(STUDENT_PAGES[page](world)))


def test_feedback_and_quiz_results_escape_what_people_typed(client, world):
    client.force_login(world["student"])
    question = world["question"]
    feedback = client.post(
        reverse("study-answer", args=[world["set"].slug]),
        {"question": question.pk, "answer": PAYLOAD},
    )
    _assert_escaped(feedback)
    assert (
        "Because" in feedback.content.decode() or "The army took Rawa" in feedback.content.decode()
    )
    response = world["attempt"].responses.get()
    client.post(
        reverse("quiz-answer", args=[world["attempt"].pk]),
        {"response": response.pk, "answer": PAYLOAD},
    )
    _assert_escaped(client.get(reverse("quiz-attempt", args=[world["attempt"].pk])))


@pytest.mark.parametrize("page", TEACHER_PAGES)
def test_teacher_pages_escape_what_people_typed(client, world, page):
    client.force_login(world["teacher"])
    _assert_escaped(client.get(TEACHER_PAGES[page](world)))


def test_exports_for_browsers_escape_what_people_typed(client, world):
    Question.objects.update(status=Question.Status.PUBLISHED)
    client.force_login(world["teacher"])
    response = client.get(reverse("export-questions") + f"?set={world['set'].pk}&format=moodle-xml")
    assert response.status_code == 200
    assert b"<script>" not in response.content
