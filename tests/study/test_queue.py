"""The study queue: which card comes next, and the counts per set."""

import itertools
from datetime import timedelta

import pytest

from learning.models import Card, Question
from learning.study.counts import study_counts, today_in_set
from learning.study.queue import next_card, next_due_at
from tests.factories import (
    CardFactory,
    FactFactory,
    QuestionSetFactory,
    QuestionSetItemFactory,
    SectionFactory,
    SourceFactory,
    UserFactory,
    add_cards,
    add_questions,
    review,
)

pytestmark = pytest.mark.django_db


def study_order(*, user, question_set, now) -> list[Question]:
    """Every question next_card gives, answering each by putting it off for a week."""
    order = []
    while item := next_card(user=user, question_set=question_set, now=now):
        order.append(item.question)
        card = item.card or Card(user=user, question=item.question, question_set=question_set)
        card.due = now + timedelta(days=7)
        card.save()
    return order


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
def test_it_picks_the_next_card_in_four_queries_however_many_cards(
    user, question_set, now, cards, django_assert_max_num_queries
):
    studied = add_questions(question_set, cards)
    add_cards(user, studied, due=now + timedelta(days=1))
    add_questions(question_set, 1)

    # The day's seen questions, the due cards, the set's parts, the new question.
    with django_assert_max_num_queries(4):
        assert next_card(user=user, question_set=question_set, now=now).is_new


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

    assert counts[studied.pk].new_today == 2
    assert (counts[studied.pk].learning, counts[studied.pk].review) == (1, 1)
    assert counts[studied.pk].accuracy == 0.5
    assert counts[fresh.pk].new_today == 3
    assert (counts[fresh.pk].learning, counts[fresh.pk].review) == (0, 0)
    assert counts[fresh.pk].accuracy is None


def test_it_counts_many_sets_in_one_query(user, now, django_assert_num_queries):
    question_sets = [QuestionSetFactory() for _ in range(10)]
    for question_set in question_sets:
        add_cards(user, add_questions(question_set, 3), due=now)

    # The first look counts each set's started questions once; the database keeps them after.
    with django_assert_num_queries(3):
        study_counts(user=user, question_sets=question_sets, now=now)
    with django_assert_num_queries(1):
        counts = study_counts(user=user, question_sets=question_sets, now=now)

    assert {count.review for count in counts.values()} == {3}


def _forms(question_set, fact, *kinds, section=None) -> list[Question]:
    """Questions of one fact (siblings), appended to the set in the order given."""
    section = section or fact.sentence.section
    return [
        QuestionSetItemFactory(
            question_set=question_set,
            question__fact=fact,
            question__section=section,
            question__kind=kind,
        ).question
        for kind in kinds
    ]


def test_once_a_question_of_a_fact_is_seen_its_siblings_wait_until_tomorrow(
    user, question_set, now
):
    fact = FactFactory()
    choice, true_false = _forms(
        question_set, fact, Question.Kind.MULTIPLE_CHOICE, Question.Kind.TRUE_FALSE
    )
    other = add_questions(question_set, 1)[0]
    review(user=user, question=choice, question_set=question_set, now=now)
    # The reviewed question itself comes back while learning; its sibling does not.
    Card.objects.filter(question=choice).update(due=now + timedelta(days=1))
    assert next_card(user=user, question_set=question_set, now=now).question == other
    tomorrow = now + timedelta(days=1, hours=1)
    CardFactory(user=user, question=other, due=tomorrow + timedelta(days=5))
    Card.objects.filter(question=choice).update(due=tomorrow + timedelta(days=5))
    assert next_card(user=user, question_set=question_set, now=tomorrow).question == true_false


def test_a_due_card_waits_when_its_sibling_was_seen_today(user, question_set, now):
    fact = FactFactory()
    first, second = _forms(
        question_set, fact, Question.Kind.MULTIPLE_CHOICE, Question.Kind.TRUE_FALSE
    )
    CardFactory(
        user=user,
        question=first,
        due=now - timedelta(hours=1),
        last_review=now - timedelta(minutes=5),
    )
    CardFactory(
        user=user,
        question=second,
        due=now - timedelta(hours=2),
        last_review=now - timedelta(days=4),
    )
    assert next_card(user=user, question_set=question_set, now=now).question == first


def test_a_fact_is_met_first_as_a_choice_and_typed_once_known_on_a_later_day(
    user, question_set, now
):
    fact = FactFactory()
    typed, _date, choice = _forms(
        question_set,
        fact,
        Question.Kind.SHORT_ANSWER,
        Question.Kind.DATE,
        Question.Kind.MULTIPLE_CHOICE,
    )
    assert next_card(user=user, question_set=question_set, now=now).question == choice
    later = now + timedelta(days=3)
    card = CardFactory(
        user=user,
        question=choice,
        due=later + timedelta(days=9),
        last_review=now,
        state=Card.State.LEARNING,
    )
    # Still learning it: no typed form yet.
    assert next_card(user=user, question_set=question_set, now=later) is None
    card.state = Card.State.REVIEW
    card.save()
    assert next_card(user=user, question_set=question_set, now=later).question == typed


def test_a_typed_question_whose_fact_has_no_choice_form_is_new_at_once(user, question_set, now):
    (typed,) = _forms(question_set, FactFactory(), Question.Kind.SHORT_ANSWER)
    assert next_card(user=user, question_set=question_set, now=now).question == typed


def test_new_cards_take_turns_among_the_sets_sections(user, question_set, now):
    sections = [SectionFactory() for _ in range(3)]
    questions = {
        (s, n): _forms(question_set, FactFactory(), Question.Kind.MULTIPLE_CHOICE, section=section)[
            0
        ]
        for s, section in enumerate(sections)
        for n in range(2)
    }
    order = study_order(user=user, question_set=question_set, now=now)
    assert order == [questions[s, n] for n in range(2) for s in range(3)]


def test_thirty_new_cards_never_bring_two_of_one_fact_in_a_row(user, question_set, now):
    for _ in range(10):
        _forms(
            question_set,
            FactFactory(),
            Question.Kind.MULTIPLE_CHOICE,
            Question.Kind.TRUE_FALSE,
            Question.Kind.SHORT_ANSWER,
        )
    seen = []
    day = now
    for _ in range(30):
        item = next_card(user=user, question_set=question_set, now=day, new_limit=100)
        if item is None:
            # The rest wait for another day, as siblings do.
            day += timedelta(days=1)
            continue
        seen.append(item.question)
        CardFactory(
            user=user, question=item.question, due=day + timedelta(days=30), last_review=day
        )
    assert len(seen) >= 20
    assert all(a.fact_id != b.fact_id for a, b in itertools.pairwise(seen))


def test_a_learning_card_due_within_twenty_minutes_is_shown_rather_than_a_dead_end(
    user, question_set, now
):
    soon, later = add_questions(question_set, 2)
    for question, minutes in ((soon, 15), (later, 25)):
        CardFactory(
            user=user,
            question=question,
            state=Card.State.LEARNING,
            step=0,
            due=now + timedelta(minutes=minutes),
            last_review=now - timedelta(minutes=1),
        )
    assert next_card(user=user, question_set=question_set, now=now).question == soon
    Card.objects.filter(question=soon).update(due=now + timedelta(minutes=21))
    assert next_card(user=user, question_set=question_set, now=now) is None


def test_the_day_in_a_set_counts_reviews_done_right_and_cards_left(user, question_set, now):
    first, second, _third = add_questions(question_set, 3)
    review(user=user, question=first, question_set=question_set, now=now)
    review(user=user, question=second, question_set=question_set, now=now, given="Anah")
    today = today_in_set(user=user, question_set=question_set, now=now)
    # Left: the third, new; the first two are learning, due in minutes, not now.
    assert (today.done, today.right, today.left) == (2, 1, 1)


def test_ordering_questions_come_spread_through_the_set_not_at_its_end(user, question_set, now):
    sections = [SectionFactory(), SectionFactory()]
    asked = [
        _forms(question_set, FactFactory(), Question.Kind.MULTIPLE_CHOICE, section=section)[0]
        for section in sections
        for _ in range(2)
    ]
    orderings = [
        QuestionSetItemFactory(
            question_set=question_set,
            question__kind=Question.Kind.ORDERING,
            question__fact=None,
            question__source=SourceFactory(),
            question__sentence=None,
            question__section=None,
            question__explanation="",
        ).question
        for _ in range(2)
    ]
    order = study_order(user=user, question_set=question_set, now=now)
    assert order == [asked[0], asked[2], orderings[0], asked[1], asked[3], orderings[1]]
