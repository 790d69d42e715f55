"""Property-based tests: arbitrary posts to the students' forms never cause a 500.

Each endpoint gets dictionaries mixing its real field names with junk keys, and values
that are any text (control characters, NUL, huge numbers, unicode digits). The answer is
always a 2xx, 3xx or 4xx, and the database still holds only valid rows.
"""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from learning.models import Card, Flag, Question, QuizAttempt, QuizResponse, ReviewLog
from tests.conftest import HTMX
from tests.factories import FUZZ, QuestionSetItemFactory, UserFactory, posts

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(client):
    """A student with a set of one question of each kind, and a quiz under way."""
    student = UserFactory()
    client.force_login(student)
    items = [
        QuestionSetItemFactory(question__kind=kind, question__answer=answer, question__choices=c)
        for kind, answer, c in [
            (Question.Kind.MULTIPLE_CHOICE, "Rawa", ["Anah", "Rawa", "Hit", "Akashat"]),
            (Question.Kind.NUMERIC, "75", []),
            (Question.Kind.DATE, "2017-11-03", []),
            (Question.Kind.ORDERING, "A\nB\nC", ["C", "A", "B"]),
        ]
    ]
    question_set = items[0].question_set
    for item in items[1:]:
        item.question_set = question_set
        item.save()
    client.post(reverse("quiz-start", args=[question_set.slug]))
    return {"client": client, "set": question_set, "attempt": QuizAttempt.objects.get()}


def _assert_ok(response) -> None:
    assert response.status_code < 500, response.content[:500]


def _assert_valid_rows() -> None:
    for card in Card.objects.all():
        assert card.reps == card.reviews.count()
        assert card.state in Card.State.values
    assert set(ReviewLog.objects.values_list("rating", flat=True)) <= set(ReviewLog.Rating.values)
    assert all(len(comment) <= 500 for comment in Flag.objects.values_list("comment", flat=True))
    for response in QuizResponse.objects.exclude(answered_at=None):
        assert response.correct is not None


@pytest.mark.parametrize(
    ("url_name", "fields"),
    [
        ("study-answer", ("question", "answer", "shown_at", "rank_0", "rank_1", "rank_2")),
        ("study-rate", ("question", "answer", "response_ms", "reps", "rating")),
        ("study-undo", ("question",)),
    ],
)
def test_study_posts_never_fail(world, url_name, fields):
    url = reverse(url_name, args=[world["set"].slug])
    question_ids = list(world["set"].questions.values_list("pk", flat=True))

    @FUZZ
    @given(data=posts(*fields), question=st.sampled_from(question_ids), htmx=st.booleans())
    def post(data, question, htmx):
        data.setdefault("question", str(question))
        headers = HTMX if htmx else {}
        _assert_ok(world["client"].post(url, data, **headers))
        _assert_valid_rows()

    post()


def test_flag_posts_never_fail(world):
    question = world["set"].questions.first()
    url = reverse("study-flag", args=[world["set"].slug, question.pk])

    @FUZZ
    @given(data=posts("comment"))
    def post(data):
        _assert_ok(world["client"].post(url, data))
        _assert_valid_rows()

    post()


def test_quiz_answer_posts_never_fail(world):
    attempt = world["attempt"]
    url = reverse("quiz-answer", args=[attempt.pk])
    response_ids = [str(pk) for pk in attempt.responses.values_list("pk", flat=True)]

    @FUZZ
    @given(
        data=posts("response", "answer", "shown_at", "rank_0", "rank_1", "rank_2"),
        response=st.sampled_from([*response_ids, "0", "x"]),
    )
    def post(data, response):
        data.setdefault("response", response)
        _assert_ok(world["client"].post(url, data))
        _assert_valid_rows()

    post()


def test_join_class_posts_never_fail(world):
    @FUZZ
    @given(data=posts("code"))
    def post(data):
        _assert_ok(world["client"].post(reverse("join-class"), data))

    post()


@pytest.mark.parametrize(
    ("url_name", "fields"),
    [
        ("signup", ("first_name", "last_name", "username", "password1", "password2")),
        ("login", ("username", "password")),
        ("account", ("first_name", "last_name")),
    ],
)
def test_account_forms_never_fail(url_name, fields):
    @FUZZ
    @given(data=posts(*fields))
    def post(data):
        _assert_ok(Client().post(reverse(url_name), data))

    post()
