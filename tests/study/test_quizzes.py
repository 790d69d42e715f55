from datetime import timedelta

import pytest
from django.utils import timezone

from learning.models import Question, QuizAttempt, QuizResponse
from learning.study import quizzes
from tests.factories import (
    FactFactory,
    QuestionFactory,
    QuestionSetFactory,
    QuestionSetItemFactory,
    QuizAttemptFactory,
    QuizResponseFactory,
    SentenceFactory,
    SourceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _set_with_questions(count: int, **question_fields):
    question_set = QuestionSetFactory()
    for _ in range(count):
        QuestionSetItemFactory(
            question_set=question_set, question=QuestionFactory(distinct=True, **question_fields)
        )
    return question_set


def _answer_all(attempt: QuizAttempt, given: str | None = None, now=None) -> QuizAttempt:
    """Answer every question, right unless ``given`` says what."""
    now = now or timezone.now()
    for response in attempt.responses.select_related("question"):
        attempt = quizzes.answer_question(
            attempt=attempt,
            response_id=response.pk,
            given=given or response.question.answer,
            time_taken_ms=1000,
            now=now,
        )
    return attempt


def _question_ids(attempt: QuizAttempt) -> list[int]:
    return list(attempt.responses.order_by("position").values_list("question_id", flat=True))


def test_it_asks_ten_questions_by_default():
    question_set = _set_with_questions(12)

    attempt = quizzes.start_quiz(user=UserFactory(), question_set=question_set, seed=1)

    assert list(attempt.responses.values_list("position", flat=True)) == list(range(10))
    assert len(set(_question_ids(attempt))) == 10


def test_it_asks_every_question_of_a_smaller_set():
    question_set = _set_with_questions(3)

    attempt = quizzes.start_quiz(user=UserFactory(), question_set=question_set, size=10)

    assert attempt.responses.count() == 3


def test_it_asks_the_questions_in_random_order():
    question_set = _set_with_questions(12)

    first = quizzes.start_quiz(user=UserFactory(), question_set=question_set, seed=1)
    second = quizzes.start_quiz(user=UserFactory(), question_set=question_set, seed=2)

    assert _question_ids(first) != _question_ids(second)
    assert _question_ids(first) != sorted(_question_ids(first))


def test_it_only_asks_published_questions_of_the_set():
    question_set = _set_with_questions(2)
    for status in (Question.Status.DRAFT, Question.Status.RETIRED):
        QuestionSetItemFactory(question_set=question_set, question=QuestionFactory(status=status))
    _set_with_questions(3)  # another set's questions

    attempt = quizzes.start_quiz(user=UserFactory(), question_set=question_set)

    assert set(_question_ids(attempt)) == set(
        question_set.questions.filter(status=Question.Status.PUBLISHED).values_list("pk", flat=True)
    )


def test_it_refuses_a_set_without_published_questions():
    question_set = _set_with_questions(2, status=Question.Status.DRAFT)

    with pytest.raises(quizzes.NoQuestions):
        quizzes.start_quiz(user=UserFactory(), question_set=question_set)
    assert not QuizAttempt.objects.exists()


def test_it_resumes_an_unfinished_attempt():
    user = UserFactory()
    question_set = _set_with_questions(3)
    attempt = quizzes.start_quiz(user=user, question_set=question_set)

    assert quizzes.start_quiz(user=user, question_set=question_set) == attempt
    assert QuizAttempt.objects.count() == 1


def test_a_retake_after_finishing_creates_a_new_attempt():
    user = UserFactory()
    question_set = _set_with_questions(3)
    finished = _answer_all(quizzes.start_quiz(user=user, question_set=question_set))

    retake = quizzes.start_quiz(user=user, question_set=question_set)

    assert retake != finished
    assert retake.finished_at is None
    assert retake.responses.count() == 3


def test_it_shuffles_multiple_choice_choices_per_attempt():
    question_set = _set_with_questions(1, choices=["A", "B", "C", "D", "E", "F", "G", "H"])

    shown = [
        quizzes.start_quiz(user=UserFactory(), question_set=question_set, seed=seed)
        .responses.get()
        .shown_choices
        for seed in (1, 2)
    ]

    assert sorted(shown[0]) == sorted(shown[1]) == ["A", "B", "C", "D", "E", "F", "G", "H"]
    assert shown[0] != shown[1]


def test_it_keeps_true_and_false_in_that_order():
    question_set = _set_with_questions(1, kind=Question.Kind.TRUE_FALSE, answer="False")

    attempt = quizzes.start_quiz(user=UserFactory(), question_set=question_set)

    assert attempt.responses.get().shown_choices == ["True", "False"]


def test_it_never_shows_ordering_items_already_in_order():
    items = ["Rutba", "Anah", "Rawa"]
    question_set = _set_with_questions(
        1, kind=Question.Kind.ORDERING, answer="\n".join(items), choices=items
    )

    shown = [
        quizzes.start_quiz(user=UserFactory(), question_set=question_set, seed=seed)
        .responses.get()
        .shown_choices
        for seed in range(20)
    ]

    assert all(sorted(choices) == sorted(items) and choices != items for choices in shown)


def test_current_response_is_the_first_unanswered_one():
    attempt = quizzes.start_quiz(user=UserFactory(), question_set=_set_with_questions(3))
    first, second, _ = attempt.responses.order_by("position")
    quizzes.answer_question(
        attempt=attempt,
        response_id=first.pk,
        given=first.question.answer,
        time_taken_ms=10,
        now=timezone.now(),
    )

    assert quizzes.current_response(attempt=attempt) == second


def test_it_records_an_answer_with_its_grade_and_time():
    attempt = quizzes.start_quiz(user=UserFactory(), question_set=_set_with_questions(2))
    first, second = attempt.responses.order_by("position")
    now = timezone.now()

    quizzes.answer_question(
        attempt=attempt,
        response_id=first.pk,
        given=first.question.answer,
        time_taken_ms=4200,
        now=now,
    )
    quizzes.answer_question(
        attempt=attempt, response_id=second.pk, given="Hit", time_taken_ms=None, now=now
    )

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.correct, first.time_taken_ms) == (True, 4200)
    assert first.answer_given == first.question.answer
    assert first.answered_at == now
    assert (second.answer_given, second.correct, second.time_taken_ms) == ("Hit", False, None)


def test_a_double_answer_is_recorded_once():
    attempt = quizzes.start_quiz(user=UserFactory(), question_set=_set_with_questions(2))
    response = attempt.responses.first()
    now = timezone.now()

    quizzes.answer_question(
        attempt=attempt, response_id=response.pk, given="Anah", time_taken_ms=100, now=now
    )
    quizzes.answer_question(
        attempt=attempt,
        response_id=response.pk,
        given=response.question.answer,
        time_taken_ms=900,
        now=now + timedelta(seconds=1),
    )

    response.refresh_from_db()
    assert (response.answer_given, response.correct, response.time_taken_ms) == ("Anah", False, 100)
    assert response.answered_at == now


def test_the_last_answer_finishes_the_attempt_with_its_score():
    attempt = quizzes.start_quiz(user=UserFactory(), question_set=_set_with_questions(3))
    responses = list(attempt.responses.order_by("position"))
    now = timezone.now()

    givens = [responses[0].question.answer, "Hit", responses[2].question.answer]
    for response, given in zip(responses, givens, strict=True):
        assert attempt.finished_at is None
        attempt = quizzes.answer_question(
            attempt=attempt, response_id=response.pk, given=given, time_taken_ms=1, now=now
        )

    attempt.refresh_from_db()
    assert attempt.finished_at == now
    assert (attempt.score, attempt.total, attempt.percent) == (2, 3, 67)
    assert quizzes.current_response(attempt=attempt) is None


def test_it_refuses_a_response_of_another_attempt():
    attempt = quizzes.start_quiz(user=UserFactory(), question_set=_set_with_questions(1))
    other = QuizResponseFactory(attempt=QuizAttemptFactory())

    with pytest.raises(QuizResponse.DoesNotExist):
        quizzes.answer_question(
            attempt=attempt, response_id=other.pk, given="Rawa", time_taken_ms=1, now=timezone.now()
        )
    other.refresh_from_db()
    assert other.answered_at is None


def test_the_results_give_each_answer_with_the_correct_one():
    question_set = QuestionSetFactory()
    QuestionSetItemFactory(
        question_set=question_set,
        question=QuestionFactory(kind=Question.Kind.DATE, answer="2017-11-03", choices=[]),
    )
    attempt = _answer_all(
        quizzes.start_quiz(user=UserFactory(), question_set=question_set), given="4 Nov 2017"
    )

    [item] = quizzes.quiz_results(attempt=attempt)

    assert item.response.answer_given == "4 Nov 2017"
    assert item.response.correct is False
    assert item.expected == "3 November 2017"


@pytest.mark.parametrize("size", [2, 6])
def test_the_results_show_every_question_s_source_in_one_query(size, django_assert_num_queries):
    attempt = QuizAttemptFactory()
    for position in range(size):
        fact = FactFactory(
            sentence=None,
            source=SourceFactory(),
            infobox_field="Result",
            source_text=f"Iraqi victory {position}",
        )
        question = QuestionFactory(
            fact=fact, source=fact.source, sentence=None, section=None, explanation=""
        )
        QuizResponseFactory(attempt=attempt, question=question, position=position)
    with django_assert_num_queries(1):
        sources = [
            item.response.question.source_text for item in quizzes.quiz_results(attempt=attempt)
        ]
    assert sources == [f"Result: Iraqi victory {n}" for n in range(size)]


def test_a_quiz_never_holds_two_questions_of_one_fact():
    question_set = QuestionSetFactory()
    fact = FactFactory()
    siblings = [
        QuestionFactory(source=fact.source, fact=fact, kind=kind)
        for kind in (Question.Kind.MULTIPLE_CHOICE, Question.Kind.SHORT_ANSWER)
    ]
    others = [QuestionFactory(distinct=True) for _ in range(4)]
    for question in [*siblings, *others]:
        QuestionSetItemFactory(question_set=question_set, question=question)

    attempt = quizzes.start_quiz(user=UserFactory(), question_set=question_set, size=10, seed=3)

    asked = set(_question_ids(attempt))
    assert len(asked & {q.pk for q in siblings}) == 1
    assert {q.pk for q in others} <= asked


def test_a_quiz_never_holds_a_question_whose_prompt_states_another_s_answer():
    question_set = QuestionSetFactory()
    telling = [
        QuestionFactory(
            kind=Question.Kind.DATE,
            prompt="When did the army capture Rawa?",
            answer="2017-11-17",
            choices=[],
        ),
        QuestionFactory(
            kind=Question.Kind.TRUE_FALSE,
            prompt="Is it true that the army captured Rawa on 17 November 2017?",
            answer="True",
            choices=["True", "False"],
        ),
        QuestionFactory(prompt="Which town did the army capture on 17 November 2017?"),
    ]
    others = [QuestionFactory(distinct=True) for _ in range(3)]
    for question in [*telling, *others]:
        QuestionSetItemFactory(question_set=question_set, question=question)

    for seed in range(5):
        attempt = quizzes.start_quiz(user=UserFactory(), question_set=question_set, seed=seed)
        asked = set(_question_ids(attempt))
        assert len(asked & {q.pk for q in telling}) == 1
        assert {q.pk for q in others} <= asked


def _never_together(first: Question, second: Question) -> None:
    question_set = QuestionSetFactory()
    others = [QuestionFactory(distinct=True) for _ in range(3)]
    for question in [first, second, *others]:
        QuestionSetItemFactory(question_set=question_set, question=question)
    for seed in range(6):
        attempt = quizzes.start_quiz(user=UserFactory(), question_set=question_set, seed=seed)
        asked = set(_question_ids(attempt))
        assert len(asked & {first.pk, second.pk}) == 1
        assert {q.pk for q in others} <= asked


def test_a_quiz_never_holds_a_question_whose_choices_offer_another_s_answer():
    _never_together(
        QuestionFactory(prompt="In which year was Jayavarman VII crowned?", answer="1181",
                        choices=["1177", "1181", "1190", "1201"]),
        QuestionFactory(prompt="In which year did the Cham fleet sail up the Mekong?",
                        answer="1177", choices=["1165", "1177", "1181", "1220"]),
    )  # fmt: skip


def test_a_quiz_never_holds_two_questions_with_one_answer():
    _never_together(
        QuestionFactory(kind=Question.Kind.SHORT_ANSWER, prompt="Who succeeded Salan?",
                        answer="Henri Navarre", choices=[]),
        QuestionFactory(kind=Question.Kind.SHORT_ANSWER, prompt="Who worried about Laos?",
                        answer="Henri Navarre", choices=[]),
    )  # fmt: skip


def test_a_quiz_never_holds_an_ordering_whose_items_state_another_s_answer():
    items = ["Lewis met a band of Shoshone", "The party reached the Pacific"]
    _never_together(
        QuestionFactory(kind=Question.Kind.ORDERING, fact=None, source=SourceFactory(),
                        sentence=None, section=None, explanation="",
                        answer="\n".join(items), choices=items),
        QuestionFactory(kind=Question.Kind.SHORT_ANSWER, prompt="Who met the Shoshone?",
                        answer="Lewis", choices=[]),
    )  # fmt: skip


def test_a_quiz_never_holds_two_questions_of_one_sentence():
    sentence = SentenceFactory()
    first, second = (
        QuestionFactory(distinct=True, fact=FactFactory(sentence=sentence)) for _ in range(2)
    )
    _never_together(first, second)
