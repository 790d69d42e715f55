"""Who may open what: every URL the project defines, for every role.

Roles: anonymous, student A (in the class, with a quiz attempt), student B (in no class),
a teacher of another class, the class's teacher, and a superuser. Each cell is the exact
status that role must get. A URL added to the project without a row here fails
`test_every_url_is_covered`.
"""

from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from learning.models import Question
from learning.study import quizzes
from tests.factories import (
    AssignmentFactory,
    ClassroomFactory,
    MembershipFactory,
    QuestionSetFactory,
    QuestionSetItemFactory,
    TeacherFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "student_a", "student_b", "other_teacher", "teacher", "superuser")
LOGIN = "login"  # a redirect to the log-in page
ADMIN_LOGIN = "admin-login"  # a redirect to the admin's log-in page
ADMIN_INDEX = "admin-index"  # the admin's "does not exist or you may not see it"


@dataclass
class World:
    users: dict
    question_set: object
    question: object
    classroom: object
    attempt: object


@pytest.fixture
def world() -> World:
    teacher = TeacherFactory(username="teacher")
    classroom = ClassroomFactory(teacher=teacher, join_code="CODE1234")
    question_set = QuestionSetFactory(slug="rawa", owner=teacher)
    items = QuestionSetItemFactory.create_batch(3, question_set=question_set)
    AssignmentFactory(classroom=classroom, question_set=question_set)
    student_a = UserFactory(username="student-a")
    MembershipFactory(classroom=classroom, student=student_a)
    other_teacher = TeacherFactory(username="other-teacher")
    ClassroomFactory(teacher=other_teacher)
    users = {
        "student_a": student_a,
        "student_b": UserFactory(username="student-b"),
        "other_teacher": other_teacher,
        "teacher": teacher,
        "superuser": UserFactory(username="root", is_staff=True, is_superuser=True),
    }
    attempt = quizzes.start_quiz(user=student_a, question_set=question_set)
    return World(users, question_set, items[0].question, classroom, attempt)


@dataclass(frozen=True)
class Case:
    name: str
    url: object  # World -> str
    expected: tuple  # one status (or LOGIN / ADMIN_LOGIN / ADMIN_INDEX) per role
    method: str = "get"
    data: object = None  # World -> dict


def _set(world):
    return world.question_set.slug


CASES = [
    # A visitor gets the landing page.
    Case("home", lambda w: reverse("home"), (200, 200, 200, 200, 200, 200)),
    Case("favicon", lambda w: reverse("favicon"), (301,) * 6),
    Case("signup", lambda w: reverse("signup"), (200, 302, 302, 302, 302, 302)),
    Case("login", lambda w: reverse("login"), (200, 302, 302, 302, 302, 302)),
    Case("logout", lambda w: reverse("logout"), (405,) * 6),
    Case("logout", lambda w: reverse("logout"), (LOGIN,) * 6, method="post"),
    Case("whoami", lambda w: reverse("whoami"), (LOGIN, 200, 200, 200, 200, 200)),
    # Each person's own name only: the view reads request.user, never an id.
    Case("account", lambda w: reverse("account"), (LOGIN, 200, 200, 200, 200, 200)),
    Case("study", lambda w: reverse("study", args=[_set(w)]), (LOGIN, 200, 200, 200, 200, 200)),
    # The date box's echo tells anyone logged in how a date is read, and nothing else.
    Case("read-date", lambda w: reverse("read-date"), (LOGIN, 200, 200, 200, 200, 200)),
    Case(
        "study-answer",
        lambda w: reverse("study-answer", args=[_set(w)]),
        (LOGIN, 200, 200, 200, 200, 200),
        method="post",
        data=lambda w: {"question": w.question.pk, "answer": w.question.answer},
    ),
    Case(
        "study-rate",
        lambda w: reverse("study-rate", args=[_set(w)]),
        (LOGIN, 302, 302, 302, 302, 302),
        method="post",
        data=lambda w: {
            "question": w.question.pk,
            "answer": w.question.answer,
            "rating": 3,
            "reps": 0,
        },
    ),
    Case(
        "study-undo",
        lambda w: reverse("study-undo", args=[_set(w)]),
        (LOGIN, 302, 302, 302, 302, 302),
        method="post",
    ),
    Case(
        "study-flag",
        lambda w: reverse("study-flag", args=[_set(w), w.question.pk]),
        # Without JavaScript the feedback comes back, the flag acknowledged.
        (LOGIN, 200, 200, 200, 200, 200),
        method="post",
        data=lambda w: {"comment": "unclear"},
    ),
    Case(
        "join-class",
        lambda w: reverse("join-class"),
        # Staff never join classes as students.
        (LOGIN, 302, 302, 400, 400, 400),
        method="post",
        data=lambda w: {"code": w.classroom.join_code},
    ),
    Case("progress", lambda w: reverse("progress"), (LOGIN, 200, 200, 200, 200, 200)),
    Case(
        "quiz-start",
        lambda w: reverse("quiz-start", args=[_set(w)]),
        (LOGIN, 302, 302, 302, 302, 302),
        method="post",
    ),
    Case(
        "quiz-attempt",
        lambda w: reverse("quiz-attempt", args=[w.attempt.pk]),
        # An attempt is its student's alone; teachers see it on their own pages.
        (LOGIN, 200, 404, 404, 404, 404),
    ),
    Case(
        "quiz-answer",
        lambda w: reverse("quiz-answer", args=[w.attempt.pk]),
        (LOGIN, 302, 404, 404, 404, 404),
        method="post",
        data=lambda w: {"response": w.attempt.responses.first().pk, "answer": "Rawa"},
    ),
    # Only the attempt's own student; an unfinished attempt goes back to its question.
    Case(
        "quiz-study-missed",
        lambda w: reverse("quiz-study-missed", args=[w.attempt.pk]),
        (LOGIN, 302, 404, 404, 404, 404),
        method="post",
    ),
    Case(
        "export-questions",
        lambda w: reverse("export-questions") + f"?set={w.question_set.pk}&format=csv",
        # The question bank is shared: any teacher may export a published set.
        (LOGIN, 403, 403, 200, 200, 200),
    ),
    Case(
        "import-questions", lambda w: reverse("import-questions"), (LOGIN, 403, 403, 200, 200, 200)
    ),
    Case(
        "item-analysis",
        lambda w: reverse("item-analysis", args=[w.question_set.pk]),
        # A set the teacher may see (another teacher's own set is hidden, as in the
        # admin), over their own students' attempts only.
        (LOGIN, 403, 403, 404, 200, 200),
    ),
    Case(
        "gradebook",
        lambda w: reverse("gradebook", args=[w.classroom.pk]),
        (LOGIN, 403, 403, 404, 200, 200),
    ),
    Case(
        "gradebook-csv",
        lambda w: reverse("gradebook-csv", args=[w.classroom.pk]),
        (LOGIN, 403, 403, 404, 200, 200),
    ),
    Case(
        "teacher-student",
        lambda w: reverse("teacher-student", args=[w.classroom.pk, w.users["student_a"].pk]),
        (LOGIN, 403, 403, 404, 200, 200),
    ),
    Case(
        "teacher-student (not in the class)",
        lambda w: reverse("teacher-student", args=[w.classroom.pk, w.users["student_b"].pk]),
        (LOGIN, 403, 403, 404, 404, 404),
    ),
    Case("healthz", lambda w: reverse("healthz"), (200,) * 6),
    Case(
        "admin index",
        lambda w: reverse("admin:index"),
        (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200, 200, 200),
    ),
    Case(
        "admin class",
        lambda w: reverse("admin:learning_classroom_change", args=[w.classroom.pk]),
        (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_INDEX, 200, 200),
    ),
    Case(
        "admin set",
        lambda w: reverse("admin:learning_questionset_change", args=[w.question_set.pk]),
        (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_INDEX, 200, 200),
    ),
    Case(
        "admin quiz attempt",
        lambda w: reverse("admin:learning_quizattempt_change", args=[w.attempt.pk]),
        (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_INDEX, 200, 200),
    ),
    Case(
        "admin question",
        lambda w: reverse("admin:learning_question_change", args=[w.question.pk]),
        # The question bank is shared by all teachers.
        (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200, 200, 200),
    ),
    Case(
        "admin delete question",
        lambda w: reverse("admin:learning_question_delete", args=[w.question.pk]),
        # Teachers retire questions; only a superuser deletes.
        (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 403, 403, 200),
    ),
]


def _outcome(response) -> int | str:
    location = response.get("Location", "")
    if response.status_code == 302 and location.startswith(reverse("admin:login")):
        return ADMIN_LOGIN
    if response.status_code == 302 and location.startswith(reverse("login")):
        return LOGIN
    if response.status_code == 302 and location == reverse("admin:index"):
        return ADMIN_INDEX
    return response.status_code


@pytest.mark.parametrize("case", CASES, ids=[case.name + f" ({case.method})" for case in CASES])
def test_each_role_gets_exactly_what_it_should(world, case):
    outcomes = {}
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(world.users[role])
        data = case.data(world) if case.data else {}
        response = getattr(client, case.method)(case.url(world), data)
        outcomes[role] = _outcome(response)
    assert outcomes == dict(zip(ROLES, case.expected, strict=True))


def test_every_url_is_covered():
    named = {
        pattern.name for pattern in get_resolver().url_patterns if getattr(pattern, "name", None)
    } | {
        pattern.name
        for included in get_resolver().url_patterns
        for pattern in getattr(included, "url_patterns", [])
        if getattr(included, "app_name", None) != "admin" and pattern.name
    }
    covered = {case.name for case in CASES}
    assert named <= covered, f"URLs without isolation cases: {sorted(named - covered)}"


def test_retiring_a_question_hides_it_from_students(world, client):
    Question.objects.filter(pk=world.question.pk).update(status=Question.Status.RETIRED)
    client.force_login(world.users["student_b"])
    url = reverse("study-answer", args=[world.question_set.slug])
    assert client.post(url, {"question": world.question.pk, "answer": "x"}).status_code == 404
