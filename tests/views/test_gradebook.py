import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.models import Card, QuizAttempt, ReviewLog
from tests.factories import (
    AssignmentFactory,
    ClassroomFactory,
    MembershipFactory,
    QuestionSetFactory,
    QuestionSetItemFactory,
    QuizAttemptFactory,
    ReviewLogFactory,
    TeacherFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# Session, user, teacher check and classroom, then the gradebook's six queries.
MAX_QUERIES = 10


@pytest.fixture
def classroom(client):
    """A class of the logged-in teacher."""
    classroom = ClassroomFactory(name="Year 10 History, set B")
    client.force_login(classroom.teacher)
    return classroom


def _url(classroom, name="gradebook", **query):
    url = reverse(name, args=[classroom.pk])
    return f"{url}?{'&'.join(f'{key}={value}' for key, value in query.items())}" if query else url


def _finished(*, student, question_set, score, total=10, hours_ago=1):
    return QuizAttemptFactory(
        user=student,
        question_set=question_set,
        score=score,
        total=total,
        finished_at=timezone.now() - timedelta(hours=hours_ago),
    )


def _csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _big_class(classroom, *, students=30, sets=10):
    """Every student scored 70% then 40%, and reviewed one card twice, in every set."""
    question_sets = [AssignmentFactory(classroom=classroom).question_set for _ in range(sets)]
    questions = [QuestionSetItemFactory(question_set=qs).question for qs in question_sets]
    now = timezone.now()
    members = [MembershipFactory(classroom=classroom).student for _ in range(students)]
    QuizAttempt.objects.bulk_create(
        QuizAttempt(user=student, question_set=qs, score=score, total=10, finished_at=now - age)
        for student in members
        for qs in question_sets
        for score, age in ((7, timedelta(hours=1)), (4, timedelta(0)))
    )
    cards = Card.objects.bulk_create(
        Card(user=student, question=question, question_set=qs, due=now)
        for student in members
        for qs, question in zip(question_sets, questions, strict=True)
    )
    ReviewLog.objects.bulk_create(
        ReviewLogFactory.build(card=card, correct=correct, reviewed_at=now)
        for card in cards
        for correct in (True, False)
    )


# --- who may see it -----------------------------------------------------------------------


def test_it_sends_anonymous_visitors_to_the_login_page(client):
    response = client.get(_url(ClassroomFactory()))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", ["gradebook", "gradebook-csv"])
def test_a_student_may_not_open_a_gradebook_even_of_their_own_class(client, name):
    membership = MembershipFactory()
    client.force_login(membership.student)

    assert client.get(_url(membership.classroom, name)).status_code == 403


@pytest.mark.parametrize("name", ["gradebook", "gradebook-csv"])
def test_another_teacher_s_class_is_not_found(client, classroom, name):
    assert client.get(_url(ClassroomFactory(), name)).status_code == 404


@pytest.mark.parametrize("name", ["gradebook", "gradebook-csv"])
def test_a_teacher_opens_their_own_class_s_gradebook(client, classroom, name):
    assert client.get(_url(classroom, name)).status_code == 200


def test_a_superuser_opens_any_class_s_gradebook(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    assert client.get(_url(ClassroomFactory())).status_code == 200


def test_another_teacher_may_not_see_the_class_even_as_staff(client):
    classroom = ClassroomFactory()
    client.force_login(TeacherFactory())

    assert client.get(_url(classroom, "gradebook-csv")).status_code == 404


# --- the page -----------------------------------------------------------------------------


def test_each_student_has_a_row_with_their_scores_linking_to_their_page(client, classroom):
    question_set = AssignmentFactory(classroom=classroom, question_set__name="Rawa").question_set
    student = MembershipFactory(classroom=classroom, student__first_name="Ann").student
    _finished(student=student, question_set=question_set, score=9, hours_ago=2)
    _finished(student=student, question_set=question_set, score=6)

    response = client.get(_url(classroom))

    html = response.content.decode()
    assert "Best 90%, latest 60%" in html
    assert "2 attempts" in html
    assert reverse("teacher-student", args=[classroom.pk, student.pk]) in html
    assert f"{student.username}</a>" in html
    assert "Ann" in html


def test_names_and_set_names_are_escaped(client, classroom):
    AssignmentFactory(classroom=classroom, question_set__name="<script>alert(1)</script>")
    MembershipFactory(classroom=classroom, student__first_name="<b>x</b>")

    html = client.get(_url(classroom)).content.decode()

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>x</b>" not in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html


def test_an_empty_class_says_so(client, classroom):
    response = client.get(_url(classroom))

    assert "No students in this class yet." in response.content.decode()


# --- sorting ------------------------------------------------------------------------------


@pytest.fixture
def ranked(classroom):
    """ann scored 50, bea 90 and cy nothing in the class's one set."""
    question_set = AssignmentFactory(classroom=classroom).question_set
    for name, score in (("bea", 9), ("ann", 5), ("cy", None)):
        student = MembershipFactory(classroom=classroom, student__username=name).student
        if score is not None:
            _finished(student=student, question_set=question_set, score=score)
    return question_set


def _order(response):
    return [row.student.username for row in response.context["rows"]]


def test_rows_sort_by_name_by_default(client, classroom, ranked):
    assert _order(client.get(_url(classroom))) == ["ann", "bea", "cy"]


def test_rows_sort_by_a_set_s_best_score(client, classroom, ranked):
    key = f"best-{ranked.pk}"

    assert _order(client.get(_url(classroom, sort=key, dir="desc"))) == ["bea", "ann", "cy"]
    assert _order(client.get(_url(classroom, sort=key, dir="asc"))) == ["ann", "bea", "cy"]


@pytest.mark.parametrize(
    "query",
    [
        {"sort": "password"},
        {"sort": "best-abc", "dir": "up"},
        {"sort": "", "dir": ""},
        {"sort": "best-999999999999999999999"},
        {"sort": "name", "dir": "%00"},
    ],
)
def test_an_unknown_sort_falls_back_to_names(client, classroom, ranked, query):
    response = client.get(_url(classroom, **query))

    assert response.status_code == 200
    assert _order(response) == ["ann", "bea", "cy"]


def test_a_column_heading_links_to_the_other_direction_once_sorted_by_it(client, classroom, ranked):
    html = client.get(_url(classroom, sort="name", dir="asc")).content.decode()

    assert 'aria-sort="ascending"><a href="?sort=name&amp;dir=desc">Student</a>' in html
    assert f'<a href="?sort=best-{ranked.pk}&amp;dir=desc">' in html
    assert f'href="{_url(classroom, "gradebook-csv")}?sort=name&amp;dir=asc"' in html


# --- CSV ----------------------------------------------------------------------------------


def test_the_csv_holds_the_same_figures_with_a_header_row(client, classroom):
    question_set = AssignmentFactory(
        classroom=classroom, question_set__name='Rawa, "the town"'
    ).question_set
    student = MembershipFactory(
        classroom=classroom, student__username="ann", student__first_name="Ann"
    ).student
    _finished(student=student, question_set=question_set, score=9, hours_ago=2)
    _finished(student=student, question_set=question_set, score=6)
    question = QuestionSetItemFactory(question_set=question_set).question
    ReviewLogFactory(card__user=student, card__question=question, correct=False)
    MembershipFactory(classroom=classroom, student__username="bea")

    response = client.get(_url(classroom, "gradebook-csv"))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="year-10-history-set-b-gradebook.csv"'
    )
    header, ann, bea = _csv_rows(response)
    assert header == [
        "Username",
        "Full name",
        "Last activity",
        'Rawa, "the town": best %',
        'Rawa, "the town": latest %',
        'Rawa, "the town": attempts',
        'Rawa, "the town": quiz unfinished',
        'Rawa, "the town": study accuracy %',
        'Rawa, "the town": reviews',
        'Rawa, "the town": cards due',
    ]
    assert ann[:2] == ["ann", "Ann"]
    assert ann[2].startswith(str(timezone.localdate()))
    assert ann[3:] == ["90", "60", "2", "", "0", "1", "1"]
    assert bea == ["bea", "", "", "", "", "0", "", "", "0", "0"]


def test_the_csv_keeps_the_page_s_order(client, classroom, ranked):
    response = client.get(_url(classroom, "gradebook-csv", sort=f"best-{ranked.pk}", dir="desc"))

    assert [row[0] for row in _csv_rows(response)[1:]] == ["bea", "ann", "cy"]


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_defused(client, classroom):
    AssignmentFactory(classroom=classroom, question_set__name="=HYPERLINK(1)")
    MembershipFactory(classroom=classroom, student__username="-1+1", student__last_name="@SUM")

    header, row = _csv_rows(client.get(_url(classroom, "gradebook-csv")))

    assert header[3] == "'=HYPERLINK(1): best %"
    assert row[:2] == ["'-1+1", "'@SUM"]


def test_an_unusual_class_name_still_gives_a_file_name(client):
    classroom = ClassroomFactory(name="«»")
    client.force_login(classroom.teacher)

    response = client.get(_url(classroom, "gradebook-csv"))

    assert response["Content-Disposition"] == 'attachment; filename="class-gradebook.csv"'


# --- queries ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["gradebook", "gradebook-csv"])
def test_a_class_of_30_students_and_10_sets_takes_a_fixed_number_of_queries(
    client, classroom, name, django_assert_max_num_queries
):
    _big_class(classroom)

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(_url(classroom, name, sort="activity"))

    assert response.status_code == 200
    if name == "gradebook-csv":
        rows = _csv_rows(response)
        assert len(rows) == 31
        assert rows[1][3:10] == ["70", "40", "2", "", "50", "2", "1"]


def test_assigned_sets_appear_even_when_nobody_took_them(client, classroom):
    AssignmentFactory(classroom=classroom, question_set=QuestionSetFactory(name="Anah"))
    MembershipFactory(classroom=classroom)

    html = client.get(_url(classroom)).content.decode()

    assert "Anah" in html
    assert "No quiz" in html


def test_an_unfinished_attempt_shows_as_unfinished_not_as_no_quiz(client, classroom):
    question_set = AssignmentFactory(classroom=classroom).question_set
    student = MembershipFactory(classroom=classroom).student
    QuizAttemptFactory(user=student, question_set=question_set)

    html = client.get(_url(classroom)).content.decode()

    assert "Quiz unfinished" in html
    assert "No quiz" not in html
