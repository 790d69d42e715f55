import threading
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone

from learning.models import Card, Flag, Question, QuestionSetItem, ReviewLog
from learning.study.answering import (
    flag_question,
    has_review_to_undo,
    review_card,
    undo_last_review,
)
from learning.study.queue import next_card, next_due_at, study_counts
from learning.study.scheduling import Rating, schedule
from tests.factories import (
    CardFactory,
    FlagFactory,
    QuestionSetFactory,
    SourceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

SCHEDULING_FIELDS = ("state", "step", "stability", "difficulty", "due", "last_review", "reps")


@pytest.fixture
def now():
    # Real time: Card.created_at is set by the database clock, and the daily limit compares.
    return timezone.now()


@pytest.fixture
def user():
    return UserFactory()


@pytest.fixture
def question_set():
    return QuestionSetFactory()


def add_questions(question_set, count: int, **fields) -> list[Question]:
    """Questions appended to the set, in bulk so that hundreds stay fast."""
    source = SourceFactory()
    start = QuestionSetItem.objects.filter(question_set=question_set).count()
    questions = Question.objects.bulk_create(
        Question(
            source=source,
            kind=Question.Kind.SHORT_ANSWER,
            prompt=f"Which town, {start + i}?",
            answer="Rawa",
            status=fields.get("status", Question.Status.PUBLISHED),
            generation_key=f"q-{start + i}",
        )
        for i in range(count)
    )
    QuestionSetItem.objects.bulk_create(
        QuestionSetItem(question_set=question_set, question=question, order=start + i)
        for i, question in enumerate(questions)
    )
    return questions


def add_cards(user, questions, *, due, **fields) -> list[Card]:
    return Card.objects.bulk_create(
        Card(
            user=user,
            question=question,
            due=due,
            state=fields.get("state", Card.State.REVIEW),
            stability=3.0,
            difficulty=5.0,
            last_review=due - timedelta(days=3),
            reps=1,
        )
        for question in questions
    )


def review(*, user, question, question_set, now, rating=Rating.GOOD, given="Rawa", reps=0):
    return review_card(
        user=user,
        question=question,
        question_set=question_set,
        rating=rating,
        given=given,
        response_ms=4200,
        expected_reps=reps,
        now=now,
    )


def study_order(*, user, question_set, now) -> list[Question]:
    """Every question next_card gives, answering each by putting it off for a week."""
    order = []
    while item := next_card(user=user, question_set=question_set, now=now):
        order.append(item.question)
        card = item.card or Card(user=user, question=item.question, question_set=question_set)
        card.due = now + timedelta(days=7)
        card.save()
    return order


# --- next_card ---------------------------------------------------------------------------


def test_it_serves_learning_cards_due_then_reviews_due_then_new_questions_in_set_order(
    user, question_set, now
):
    first_new, review_1, second_new, learning, review_2, relearning = add_questions(question_set, 6)
    CardFactory(user=user, question=review_1, due=now - timedelta(days=2))
    CardFactory(user=user, question=review_2, due=now - timedelta(days=1))
    CardFactory(
        user=user,
        question=learning,
        state=Card.State.LEARNING,
        step=1,
        due=now - timedelta(minutes=1),
    )
    CardFactory(
        user=user,
        question=relearning,
        state=Card.State.RELEARNING,
        step=0,
        due=now - timedelta(minutes=5),
    )

    assert study_order(user=user, question_set=question_set, now=now) == [
        relearning,
        learning,
        review_1,
        review_2,
        first_new,
        second_new,
    ]


def test_it_says_whether_the_question_is_new(user, question_set, now):
    studied, new = add_questions(question_set, 2)
    card = CardFactory(user=user, question=studied, due=now)

    item = next_card(user=user, question_set=question_set, now=now)

    assert (item.question, item.card, item.is_new) == (studied, card, False)
    card.due = now + timedelta(days=1)
    card.save()
    item = next_card(user=user, question_set=question_set, now=now)
    assert (item.question, item.card, item.is_new) == (new, None, True)


def test_it_stops_new_questions_at_the_daily_limit_counting_cards_started_today(
    user, question_set, now
):
    started_today, started_yesterday, *new = add_questions(question_set, 5)
    tomorrow = now + timedelta(days=1)
    CardFactory(user=user, question=started_today, question_set=question_set, due=tomorrow)
    old = CardFactory(
        user=user, question=started_yesterday, question_set=question_set, due=tomorrow
    )
    Card.objects.filter(pk=old.pk).update(created_at=now - timedelta(days=1))

    assert next_card(user=user, question_set=question_set, now=now, new_limit=2).question == new[0]
    assert next_card(user=user, question_set=question_set, now=now, new_limit=1) is None


def test_the_daily_limit_is_a_setting(user, question_set, now, settings):
    settings.DAILY_NEW_CARDS = 2

    assert len(study_order(user=user, question_set=question_set, now=now)) == 0
    add_questions(question_set, 3)
    assert len(study_order(user=user, question_set=question_set, now=now)) == 2


def test_cards_started_in_another_set_leave_this_sets_limit_alone(user, question_set, now):
    other_set = QuestionSetFactory()
    for question in add_questions(other_set, 2):
        Card.objects.create(user=user, question=question, question_set=other_set, due=now)
    first, _ = add_questions(question_set, 2)

    item = next_card(user=user, question_set=question_set, now=now, new_limit=1)

    assert item.question == first


def test_it_never_serves_unpublished_questions(user, question_set, now):
    _, retired = add_questions(question_set, 2, status=Question.Status.DRAFT)
    Question.objects.filter(pk=retired.pk).update(status=Question.Status.RETIRED)
    add_cards(user, [retired], due=now - timedelta(days=1))

    assert next_card(user=user, question_set=question_set, now=now) is None


def test_it_serves_nothing_from_an_unpublished_set(user, now):
    question_set = QuestionSetFactory(is_published=False)
    add_cards(user, add_questions(question_set, 1), due=now - timedelta(days=1))
    add_questions(question_set, 1)

    assert next_card(user=user, question_set=question_set, now=now) is None


def test_another_students_cards_change_nothing(user, question_set, now):
    first, second = add_questions(question_set, 2)
    other = UserFactory()
    for question in (first, second):
        Card.objects.create(user=other, question=question, question_set=question_set, due=now)

    assert study_order(user=user, question_set=question_set, now=now) == [first, second]


def test_it_tells_when_the_next_card_falls_due_when_nothing_is_due(user, question_set, now):
    soon, later = add_questions(question_set, 2)
    add_cards(user, [later], due=now + timedelta(days=3))
    add_cards(user, [soon], due=now + timedelta(hours=2))
    add_cards(UserFactory(), [soon], due=now + timedelta(minutes=1))

    assert next_card(user=user, question_set=question_set, now=now) is None
    assert next_due_at(user=user, question_set=question_set) == now + timedelta(hours=2)


def test_there_is_no_next_due_time_before_any_study(user, question_set):
    add_questions(question_set, 1)

    assert next_due_at(user=user, question_set=question_set) is None


@pytest.mark.parametrize("cards", [5, 300])
def test_it_picks_the_next_card_in_three_queries_however_many_cards(
    user, question_set, now, cards, django_assert_max_num_queries
):
    studied = add_questions(question_set, cards)
    add_cards(user, studied, due=now + timedelta(days=1))
    add_questions(question_set, 1)

    with django_assert_max_num_queries(3):
        assert next_card(user=user, question_set=question_set, now=now).is_new


# --- review_card -------------------------------------------------------------------------


def test_a_first_review_starts_a_card_in_the_set_and_logs_it(user, question_set, now):
    (question,) = add_questions(question_set, 1)

    result = review(user=user, question=question, question_set=question_set, now=now)

    card = Card.objects.get(user=user, question=question)
    assert result.card == card
    assert (card.question_set, card.reps, card.state, card.step) == (question_set, 1, 1, 1)
    assert card.due == now + timedelta(minutes=10)
    log = ReviewLog.objects.get(card=card)
    assert result.review == log
    assert (log.rating, log.correct, log.answer_given, log.response_ms) == (3, True, "Rawa", 4200)
    assert (log.reviewed_at, log.state_before, log.state_after) == (now, 0, 1)
    assert log.card_before == {"new": True}
    assert not result.duplicate


def test_it_reschedules_a_card_as_fsrs_says(user, question_set, now):
    (question,) = add_questions(question_set, 1)
    (card,) = add_cards(user, [question], due=now - timedelta(hours=1))
    expected = schedule(card=card, rating=Rating.HARD, now=now)

    review(
        user=user, question=question, question_set=question_set, now=now, rating=Rating.HARD, reps=1
    )

    card.refresh_from_db()
    assert (card.state, card.stability, card.difficulty, card.due, card.reps) == (
        expected.state,
        expected.stability,
        expected.difficulty,
        expected.due,
        2,
    )


def test_it_rates_a_wrong_answer_again_whatever_was_posted(user, question_set, now):
    (question,) = add_questions(question_set, 1)

    result = review(
        user=user,
        question=question,
        question_set=question_set,
        now=now,
        rating=Rating.EASY,
        given="Anah",
    )

    assert result.rating == Rating.AGAIN
    assert not result.grade.correct
    log = ReviewLog.objects.get()
    assert (log.rating, log.correct, log.answer_given) == (Rating.AGAIN, False, "Anah")
    assert result.card.due == now + timedelta(minutes=1)


def test_a_repeated_post_is_recorded_once(user, question_set, now):
    (question,) = add_questions(question_set, 1)
    first = review(user=user, question=question, question_set=question_set, now=now)

    again = review(
        user=user,
        question=question,
        question_set=question_set,
        now=now + timedelta(seconds=1),
        rating=Rating.EASY,
    )

    assert again.duplicate
    assert (again.review, again.rating) == (first.review, Rating.GOOD)
    assert ReviewLog.objects.count() == 1
    assert Card.objects.get().reps == 1


def test_a_stale_post_for_an_undone_card_records_nothing(user, question_set, now):
    (question,) = add_questions(question_set, 1)

    result = review(user=user, question=question, question_set=question_set, now=now, reps=1)

    assert result.duplicate
    assert result.card is None
    assert not Card.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_first_posts_record_one_review(user, question_set, now):
    (question,) = add_questions(question_set, 1)
    recorded = threading.Event()

    def first_post():
        # Keeps its transaction open, so the second post finds no card and must wait.
        with transaction.atomic():
            review(user=user, question=question, question_set=question_set, now=now)
            recorded.set()
            threading.Event().wait(0.5)
        connection.close()

    thread = threading.Thread(target=first_post)
    thread.start()
    recorded.wait(5)
    second = review(user=user, question=question, question_set=question_set, now=now)
    thread.join()

    assert second.duplicate
    assert second.card.reps == 1
    assert ReviewLog.objects.count() == 1


@pytest.mark.parametrize("cards", [5, 300])
def test_it_records_a_review_in_a_constant_number_of_queries(
    user, question_set, now, cards, django_assert_max_num_queries
):
    questions = add_questions(question_set, cards)
    add_cards(user, questions, due=now - timedelta(hours=1))

    with django_assert_max_num_queries(5):
        review(user=user, question=questions[-1], question_set=question_set, now=now, reps=1)


# --- undo_last_review --------------------------------------------------------------------


def test_undoing_a_first_review_deletes_the_card(user, question_set, now):
    (question,) = add_questions(question_set, 1)
    review(user=user, question=question, question_set=question_set, now=now)

    assert undo_last_review(user=user) == question

    assert not Card.objects.exists()
    assert not ReviewLog.objects.exists()


def test_undo_restores_the_card_exactly(user, question_set, now):
    (question,) = add_questions(question_set, 1)
    review(user=user, question=question, question_set=question_set, now=now)
    card = Card.objects.get()
    before = [getattr(card, field) for field in SCHEDULING_FIELDS]
    review(user=user, question=question, question_set=question_set, now=card.due, reps=1)

    assert undo_last_review(user=user, question_set=question_set) == question

    card.refresh_from_db()
    assert [getattr(card, field) for field in SCHEDULING_FIELDS] == before
    assert ReviewLog.objects.count() == 1


def test_undo_takes_back_only_the_students_own_latest_review(user, question_set, now):
    mine, theirs = add_questions(question_set, 2)
    review(user=user, question=mine, question_set=question_set, now=now)
    other = UserFactory()
    review(user=other, question=theirs, question_set=question_set, now=now + timedelta(minutes=1))

    assert undo_last_review(user=user) == mine

    assert list(Card.objects.values_list("user", flat=True)) == [other.pk]
    assert undo_last_review(user=user) is None


def test_it_tells_whether_there_is_a_review_to_undo_in_the_set(user, question_set, now):
    (question,) = add_questions(question_set, 1)
    review(user=user, question=question, question_set=question_set, now=now)

    assert has_review_to_undo(user=user, question_set=question_set)
    assert has_review_to_undo(user=user)
    assert not has_review_to_undo(user=user, question_set=QuestionSetFactory())
    assert not has_review_to_undo(user=UserFactory(), question_set=question_set)


def test_undo_in_a_set_leaves_reviews_in_other_sets(user, question_set, now):
    (in_set,) = add_questions(question_set, 1)
    other_set = QuestionSetFactory()
    (elsewhere,) = add_questions(other_set, 1)
    review(user=user, question=in_set, question_set=question_set, now=now)
    review(user=user, question=elsewhere, question_set=other_set, now=now + timedelta(minutes=1))

    assert undo_last_review(user=user, question_set=question_set) == in_set

    assert Card.objects.get().question == elsewhere


# --- flag_question -----------------------------------------------------------------------


def test_a_flag_keeps_a_trimmed_comment(user, question_set):
    (question,) = add_questions(question_set, 1)

    flag = flag_question(user=user, question=question, comment="  The date is wrong.\n")

    assert (flag.status, flag.comment) == (Flag.Status.OPEN, "The date is wrong.")


def test_a_flag_comment_is_cut_to_500_characters(user, question_set):
    (question,) = add_questions(question_set, 1)

    flag = flag_question(user=user, question=question, comment="x" * 600)

    assert flag.comment == "x" * 500


def test_flagging_again_updates_the_open_flag(user, question_set):
    (question,) = add_questions(question_set, 1)
    FlagFactory(user=user, question=question, status=Flag.Status.RESOLVED)
    first = flag_question(user=user, question=question, comment="Wrong date.")

    second = flag_question(user=user, question=question, comment="Wrong year, in fact.")

    assert second == first
    assert Flag.objects.get(pk=first.pk).comment == "Wrong year, in fact."
    assert Flag.objects.filter(status=Flag.Status.OPEN).count() == 1


# --- study_counts ------------------------------------------------------------------------


def test_it_counts_new_learning_and_due_cards_and_accuracy_per_set(user, now, settings):
    settings.DAILY_NEW_CARDS = 3
    studied, fresh = QuestionSetFactory(), QuestionSetFactory()
    due, learning, later, started, *_ = add_questions(studied, 8)
    add_questions(studied, 1, status=Question.Status.DRAFT)
    add_questions(fresh, 2)
    add_cards(user, [due], due=now - timedelta(days=1))
    add_cards(user, [learning], due=now - timedelta(minutes=1), state=Card.State.LEARNING)
    add_cards(user, [later], due=now + timedelta(days=1))
    review(user=user, question=started, question_set=studied, now=now, given="Anah")
    review(user=user, question=later, question_set=studied, now=now, reps=1)
    add_cards(UserFactory(), add_questions(fresh, 1), due=now - timedelta(days=1))

    counts = study_counts(user=user, question_sets=[studied, fresh], now=now)

    assert counts[studied.pk].total_new == 4
    assert counts[studied.pk].new_today == 2
    assert (counts[studied.pk].learning, counts[studied.pk].review) == (1, 1)
    assert counts[studied.pk].accuracy == 0.5
    assert counts[fresh.pk].total_new == 3
    assert counts[fresh.pk].new_today == 3
    assert (counts[fresh.pk].learning, counts[fresh.pk].review) == (0, 0)
    assert counts[fresh.pk].accuracy is None


def test_it_counts_many_sets_in_three_queries(user, now, django_assert_num_queries):
    question_sets = [QuestionSetFactory() for _ in range(10)]
    for question_set in question_sets:
        add_cards(user, add_questions(question_set, 3), due=now)

    with django_assert_num_queries(3):
        counts = study_counts(user=user, question_sets=question_sets, now=now)

    assert {count.review for count in counts.values()} == {3}
