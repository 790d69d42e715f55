import time

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.models import Question, QuestionSet, QuizAttempt, QuizResponse
from learning.study import quizzes
from learning.views.forms import MAX_RESPONSE_MS
from tests.conftest import HTMX
from tests.factories import (
    AssignmentFactory,
    MembershipFactory,
    QuestionFactory,
    QuestionSetFactory,
    QuestionSetItemFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _set_with_questions(count: int, **question_fields) -> QuestionSet:
    question_set = QuestionSetFactory()
    for _ in range(count):
        QuestionSetItemFactory(
            question_set=question_set, question=QuestionFactory(distinct=True, **question_fields)
        )
    return question_set


def _start(user, count: int = 3, **question_fields) -> QuizAttempt:
    return quizzes.start_quiz(user=user, question_set=_set_with_questions(count, **question_fields))


def _first(attempt: QuizAttempt) -> QuizResponse:
    return attempt.responses.order_by("position").first()


def _answer(client, attempt: QuizAttempt, data: dict, **headers):
    return client.post(reverse("quiz-answer", args=[attempt.pk]), data, **headers)


def _finish(user, given: str | None = None, count: int = 3) -> QuizAttempt:
    """A finished attempt, every answer right unless ``given`` says what."""
    attempt = _start(user, count)
    for response in attempt.responses.select_related("question"):
        attempt = quizzes.answer_question(
            attempt=attempt,
            response_id=response.pk,
            given=given or response.question.answer,
            time_taken_ms=1,
            now=timezone.now(),
        )
    return attempt


@pytest.mark.parametrize(
    ("name", "args"),
    [("quiz-start", ["a-set"]), ("quiz-attempt", [1]), ("quiz-answer", [1])],
)
def test_it_sends_anonymous_visitors_to_the_login_page(client, name, args):
    response = client.post(reverse(name, args=args))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_starting_a_quiz_opens_the_new_attempt(client, student):
    question_set = _set_with_questions(3)

    response = client.post(reverse("quiz-start", args=[question_set.slug]))

    attempt = QuizAttempt.objects.get(user=student)
    assert response.status_code == 302
    assert response["Location"] == reverse("quiz-attempt", args=[attempt.pk])


def test_starting_again_resumes_the_unfinished_attempt(client, student):
    attempt = _start(student)

    response = client.post(reverse("quiz-start", args=[attempt.question_set.slug]))

    assert response["Location"] == reverse("quiz-attempt", args=[attempt.pk])
    assert QuizAttempt.objects.count() == 1


def test_starting_needs_a_post(client, student):
    question_set = _set_with_questions(1)

    assert client.get(reverse("quiz-start", args=[question_set.slug])).status_code == 405


@pytest.mark.parametrize(
    "question_set",
    [
        pytest.param(
            lambda: _set_with_questions(2, status=Question.Status.DRAFT), id="no-questions"
        ),
        pytest.param(
            lambda: QuestionSetItemFactory(question_set__is_published=False).question_set,
            id="unpublished-set",
        ),
    ],
)
def test_it_has_no_quiz_for_a_set_without_published_questions(client, student, question_set):
    response = client.post(reverse("quiz-start", args=[question_set().slug]))

    assert response.status_code == 404
    assert not QuizAttempt.objects.exists()


def test_it_shows_the_current_question_with_progress(client, student):
    attempt = _start(student)
    response = _first(attempt)

    page = client.get(reverse("quiz-attempt", args=[attempt.pk]))

    assert page.status_code == 200
    assert "Question 1 of 3" in page.text
    assert response.question.prompt in page.text
    assert f'name="response" value="{response.pk}"' in page.text
    assert 'name="shown_at"' in page.text
    for choice in response.shown_choices:
        assert f'value="{choice}"' in page.text


def test_it_hides_another_students_attempt(client, student):
    attempt = _start(UserFactory())

    assert client.get(reverse("quiz-attempt", args=[attempt.pk])).status_code == 404
    answer = _answer(client, attempt, {"response": _first(attempt).pk, "answer": "Rawa"})
    assert answer.status_code == 404
    assert not attempt.responses.filter(answered_at__isnull=False).exists()


def test_a_plain_answer_is_recorded_and_leads_to_the_next_question(client, student):
    attempt = _start(student)
    first = _first(attempt)

    response = _answer(
        client,
        attempt,
        {
            "response": first.pk,
            "answer": first.question.answer,
            "shown_at": int(time.time() * 1000) - 5000,
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("quiz-attempt", args=[attempt.pk])
    first.refresh_from_db()
    assert (first.answer_given, first.correct) == (first.question.answer, True)
    assert 5000 <= first.time_taken_ms < 60_000
    assert "Question 2 of 3" in client.get(response["Location"]).text


def test_an_htmx_answer_swaps_in_the_next_question_without_feedback(client, student):
    attempt = _start(student)

    response = _answer(client, attempt, {"response": _first(attempt).pk, "answer": "Hit"}, **HTMX)

    assert response.status_code == 200
    assert "<html" not in response.text
    assert "Question 2 of 3" in response.text
    assert "Correct" not in response.text
    second = attempt.responses.order_by("position")[1].question
    assert second.answer in response.text  # among its choices, not as an answer


@pytest.mark.parametrize(
    ("shown_at", "expected"),
    [(lambda now: now + 60_000, 0), (lambda now: 0, MAX_RESPONSE_MS)],
    ids=["in-the-future", "long-ago"],
)
def test_it_clamps_the_time_taken(client, student, shown_at, expected):
    attempt = _start(student)
    first = _first(attempt)

    _answer(
        client,
        attempt,
        {"response": first.pk, "answer": "Rawa", "shown_at": shown_at(int(time.time() * 1000))},
    )

    first.refresh_from_db()
    assert first.time_taken_ms == expected


def test_a_double_post_records_one_answer(client, student):
    attempt = _start(student)
    first = _first(attempt)

    _answer(client, attempt, {"response": first.pk, "answer": "Rawa"})
    again = _answer(client, attempt, {"response": first.pk, "answer": "Hit"}, **HTMX)

    assert again.status_code == 200
    assert "Question 2 of 3" in again.text
    first.refresh_from_db()
    assert first.answer_given == "Rawa"


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"answer": "Rawa"},
        {"response": "first", "answer": "Rawa"},
        {"response": "1.5", "answer": "Rawa"},
        {"response": 1, "answer": "Rawa", "shown_at": "soon"},
    ],
    ids=["empty", "no-response", "not-a-number", "not-an-integer", "bad-shown-at"],
)
@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_it_answers_a_malformed_post_with_a_400(client, student, data, headers):
    attempt = _start(student)

    response = _answer(client, attempt, data, **headers)

    assert response.status_code == 400
    assert "could not be read" in response.text
    assert not attempt.responses.filter(answered_at__isnull=False).exists()


def test_it_refuses_an_answer_for_a_response_of_another_attempt(client, student):
    attempt = _start(student)
    other = _first(_start(UserFactory()))

    response = _answer(client, attempt, {"response": other.pk, "answer": "Rawa"})

    assert response.status_code == 400
    other.refresh_from_db()
    assert other.answered_at is None


@pytest.mark.parametrize(
    "ranks",
    [{}, {"rank_0": "1", "rank_1": "1", "rank_2": "2"}, {"rank_0": "1", "rank_1": "2"}],
    ids=["missing", "repeated", "incomplete"],
)
def test_it_refuses_ordering_ranks_that_are_not_a_permutation(client, student, ranks):
    items = ["Rutba", "Anah", "Rawa"]
    attempt = _start(
        student, count=1, kind=Question.Kind.ORDERING, answer="\n".join(items), choices=items
    )

    response = _answer(client, attempt, {"response": _first(attempt).pk, **ranks})

    assert response.status_code == 400
    assert attempt.responses.get().answered_at is None


def test_ordering_ranks_refer_to_the_items_as_this_attempt_showed_them(client, student):
    items = ["Rutba", "Anah", "Rawa"]
    attempt = _start(
        student, count=1, kind=Question.Kind.ORDERING, answer="\n".join(items), choices=items
    )
    response = attempt.responses.get()
    ranks = {
        f"rank_{i}": str(items.index(item) + 1) for i, item in enumerate(response.shown_choices)
    }

    _answer(client, attempt, {"response": response.pk, **ranks})

    response.refresh_from_db()
    assert response.answer_given == "\n".join(items)
    assert response.correct is True


def test_the_last_answer_shows_the_result(client, student):
    question_set = QuestionSetFactory()
    right = QuestionFactory()
    wrong = QuestionFactory(distinct=True, sentence=None, explanation="From the lead.")
    for question in (right, wrong):
        QuestionSetItemFactory(question_set=question_set, question=question)
    client.post(reverse("quiz-start", args=[question_set.slug]))
    attempt = QuizAttempt.objects.get(user=student)

    for question, given in ((right, "Rawa"), (wrong, "Hit")):
        response = attempt.responses.get(question=question)
        posted = _answer(client, attempt, {"response": response.pk, "answer": given})
    page = client.get(posted["Location"])

    assert "Your score: 1 / 2 (50%)" in page.text
    assert page.text.count("✓") == 1
    assert page.text.count("✗") == 1
    for text in (right.prompt, right.sentence.text, wrong.prompt, "From the lead.", "Hit"):
        assert text in page.text
    assert reverse("quiz-start", args=[question_set.slug]) in page.text
    assert reverse("home") in page.text


def test_an_htmx_last_answer_swaps_in_the_result(client, student):
    attempt = _start(student, count=1)

    first = _first(attempt)
    response = _answer(
        client, attempt, {"response": first.pk, "answer": first.question.answer}, **HTMX
    )

    assert response.status_code == 200
    assert "<html" not in response.text
    assert "Your score: 1 / 1 (100%)" in response.text
    assert "Retake the quiz" in response.text


@pytest.mark.parametrize(("headers", "status"), [({}, 302), (HTMX, 409)], ids=["plain", "htmx"])
def test_answering_a_finished_attempt_changes_nothing(client, student, headers, status):
    attempt = _finish(student, given="Hit")

    response = _answer(
        client, attempt, {"response": _first(attempt).pk, "answer": "Rawa"}, **headers
    )

    assert response.status_code == status
    attempt.refresh_from_db()
    assert attempt.score == 0
    assert not attempt.responses.filter(correct=True).exists()


def test_retaking_a_finished_quiz_starts_a_new_attempt(client, student):
    finished = _finish(student)

    response = client.post(reverse("quiz-start", args=[finished.question_set.slug]))

    retake = QuizAttempt.objects.exclude(pk=finished.pk).get(user=student)
    assert response["Location"] == reverse("quiz-attempt", args=[retake.pk])


def _history(user) -> None:
    """Earlier attempts, finished and not, that no page should have to read."""
    _finish(user, count=5)
    _start(user, count=5)


@pytest.mark.parametrize("size", [2, 10])
def test_showing_a_question_takes_a_constant_number_of_queries(
    client, student, django_assert_max_num_queries, size
):
    _history(student)
    attempt = _start(student, count=size)

    with django_assert_max_num_queries(5):
        client.get(reverse("quiz-attempt", args=[attempt.pk]))


@pytest.mark.parametrize("size", [2, 10])
@pytest.mark.parametrize("last", [False, True], ids=["next-question", "result"])
def test_answering_takes_a_constant_number_of_queries(
    client, student, django_assert_max_num_queries, size, last
):
    _history(student)
    attempt = _start(student, count=size)
    *before, response = attempt.responses.order_by("position") if last else [_first(attempt)]
    for earlier in before:
        quizzes.answer_question(
            attempt=attempt,
            response_id=earlier.pk,
            given="Hit",
            time_taken_ms=1,
            now=timezone.now(),
        )
    data = {"response": response.pk, "answer": "Rawa"}

    with django_assert_max_num_queries(13):
        _answer(client, attempt, data, **HTMX)


@pytest.mark.parametrize("size", [2, 10])
def test_the_result_takes_a_constant_number_of_queries(
    client, student, django_assert_max_num_queries, size
):
    _history(student)
    attempt = _finish(student, count=size)

    with django_assert_max_num_queries(4):
        client.get(reverse("quiz-attempt", args=[attempt.pk]))


def test_the_result_shows_the_time_taken_and_hides_the_answers_when_the_teacher_says(
    client, student
):
    attempt = _finish(student, given="Anah")
    page = client.get(reverse("quiz-attempt", args=[attempt.pk])).content.decode()
    assert "Time taken:" in page
    assert "Correct answer" in page
    assert "Study the 3 missed questions" in page
    QuizAttempt.objects.filter(pk=attempt.pk).update(show_answers=False)
    page = client.get(reverse("quiz-attempt", args=[attempt.pk])).content.decode()
    assert "Correct answer" not in page
    assert "Your teacher shows the answers later" in page


def test_studying_the_missed_questions_leads_to_the_set_with_them_due(client, student):
    attempt = _finish(student, given="Anah", count=2)
    response = client.post(reverse("quiz-study-missed", args=[attempt.pk]), follow=True)
    assert "2 missed questions are due now." in response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("study", args=[attempt.question_set.slug])


def test_a_student_with_no_attempts_left_is_told_so(client, student):
    attempt = _finish(student)
    assignment = AssignmentFactory(question_set=attempt.question_set, attempts_allowed=1)
    MembershipFactory(classroom=assignment.classroom, student=student)
    response = client.post(reverse("quiz-start", args=[attempt.question_set.slug]), follow=True)
    assert "You have made every quiz attempt allowed" in response.content.decode()
    assert "No quiz attempts left" in response.content.decode()
