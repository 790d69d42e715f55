from datetime import UTC, date, datetime

import pytest

from learning.bank import curation
from learning.bank.generation import generate_questions, regenerate_distractors
from learning.models import Flag, Question, QuizResponse
from learning.teaching import permissions
from tests.factories import (
    CardFactory,
    FactFactory,
    FlagFactory,
    QuestionFactory,
    QuestionSetFactory,
    QuestionSetItemFactory,
    QuizResponseFactory,
    ReviewLogFactory,
    SentenceFactory,
    SourceFactory,
    TeacherFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
Kind = Question.Kind


def _stats(question: Question) -> Question:
    return curation.with_answer_stats(questions=Question.objects.filter(pk=question.pk)).get()


def _answered(question: Question, *, correct: bool) -> QuizResponse:
    return QuizResponseFactory(
        question=question,
        answer_given="Rawa",
        correct=correct,
        answered_at=datetime(2017, 11, 3, tzinfo=UTC),
    )


def _generated_multiple_choice() -> Question:
    """A generated 'Which of these happened on ...?' question with events enough to vary."""
    source = SourceFactory()
    for day in range(1, 15):
        subject = f"the Iraqi Army captured village number {day}"
        FactFactory(
            source=source,
            sentence=SentenceFactory(
                section__source=source, text=f"On {day} October 2017, {subject}."
            ),
            subject=subject,
            value=f"{day} October 2017",
            source_text=f"{day} October 2017",
            date=date(2017, 10, day),
        )
    generate_questions(source=source)
    return source.questions.filter(kind=Kind.MULTIPLE_CHOICE).first()


# --- the question list ---------------------------------------------------------------------


def test_answer_stats_count_study_reviews_and_answered_quiz_responses():
    question = QuestionFactory()
    card = CardFactory(question=question)
    ReviewLogFactory(card=card, correct=True)
    ReviewLogFactory(card=card, correct=False)
    ReviewLogFactory(card=CardFactory(question=question), correct=True)
    _answered(question, correct=True)
    _answered(question, correct=False)
    # Started but not answered yet: not counted.
    QuizResponseFactory(question=question)
    stats = _stats(question)
    assert (stats.times_answered, stats.times_correct) == (5, 3)
    assert stats.percent_correct == pytest.approx(60.0)


def test_a_question_nobody_answered_has_no_percentage():
    stats = _stats(QuestionFactory())
    assert (stats.times_answered, stats.percent_correct) == (0, None)


def test_only_open_flags_count_as_open_flags():
    question = QuestionFactory()
    FlagFactory.create_batch(2, question=question)
    FlagFactory(question=question, status=Flag.Status.RESOLVED)
    assert _stats(question).open_flags == 2


def test_stats_of_one_question_do_not_multiply_those_of_another_kind():
    # Joins would multiply three reviews by two responses by two flags.
    question = QuestionFactory()
    card = CardFactory(question=question)
    ReviewLogFactory.create_batch(3, card=card, correct=True)
    _answered(question, correct=False)
    _answered(question, correct=False)
    FlagFactory.create_batch(2, question=question)
    stats = _stats(question)
    assert (stats.times_answered, stats.times_correct, stats.open_flags) == (5, 3, 2)


def test_a_teacher_may_add_to_their_own_sets_and_a_superuser_to_all():
    teacher = TeacherFactory()
    own = QuestionSetFactory(owner=teacher)
    QuestionSetFactory(owner=TeacherFactory())
    generated = QuestionSetFactory(owner=None)
    superuser = UserFactory(is_staff=True, is_superuser=True)
    assert list(permissions.sets_to_add_questions_to(user=teacher)) == [own]
    assert generated in permissions.sets_to_add_questions_to(user=superuser)
    assert permissions.sets_to_add_questions_to(user=superuser).count() == 3


def test_nobody_adds_to_a_generated_set_which_the_next_generation_would_undo():
    generated = QuestionSetFactory(owner=None, source=SourceFactory())
    superuser = UserFactory(is_staff=True, is_superuser=True)
    assert generated not in permissions.sets_to_add_questions_to(user=superuser)


# --- checking a question -------------------------------------------------------------------


def test_a_fact_keeps_at_most_one_question_of_each_kind():
    question = QuestionFactory(kind=Kind.SHORT_ANSWER, choices=[])
    QuestionFactory(fact=question.fact, kind=Kind.DATE, answer="2017-11-03", choices=[])
    errors = curation.question_errors(
        question=question,
        kind=Kind.DATE,
        prompt="When?",
        answer="2017-11-03",
        choices=[],
        tolerance=0,
    )
    assert "already has a question of this kind" in errors["kind"]


def test_a_section_and_sentence_from_another_source_are_refused():
    source, elsewhere = SourceFactory(), SentenceFactory()
    errors = curation.provenance_errors(
        source=source, section=elsewhere.section, sentence=elsewhere
    )
    assert errors.keys() == {"section", "sentence"}
    here = SentenceFactory(section__source=source)
    assert curation.provenance_errors(source=source, section=here.section, sentence=here) == {}


# --- services ------------------------------------------------------------------------------


def test_a_status_change_is_a_persons_edit_recorded_in_the_history_under_their_name():
    teacher = TeacherFactory()
    chosen = QuestionFactory.create_batch(2, status=Question.Status.DRAFT)
    other = QuestionFactory(status=Question.Status.DRAFT)
    changed = curation.change_status(
        questions=Question.objects.filter(pk__in=[q.pk for q in chosen]),
        status=Question.Status.PUBLISHED,
        user=teacher,
    )
    assert changed == 2
    for question in chosen:
        question.refresh_from_db()
        assert question.status == Question.Status.PUBLISHED and question.edited_by_human
        latest = question.history.first()
        assert latest.history_user == teacher and latest.status == Question.Status.PUBLISHED
    other.refresh_from_db()
    assert other.status == Question.Status.DRAFT and other.history.count() == 1


def test_a_status_change_leaves_questions_already_decided_alone():
    question = QuestionFactory(status=Question.Status.RETIRED, edited_by_human=True)
    changed = curation.change_status(
        questions=Question.objects.all(), status=Question.Status.RETIRED, user=TeacherFactory()
    )
    assert changed == 0 and question.history.count() == 1


def test_questions_are_appended_to_a_set_in_their_order_skipping_those_in_it():
    question_set = QuestionSetFactory()
    first = QuestionSetItemFactory(question_set=question_set, order=0).question
    QuestionSetItemFactory(question_set=question_set, order=7)
    new = QuestionFactory.create_batch(2)
    chosen = Question.objects.filter(pk__in=[first.pk, *(q.pk for q in new)]).order_by("-pk")
    result = curation.add_to_question_set(question_set=question_set, questions=chosen)
    assert (result.added, result.already_there) == (2, 1)
    items = list(question_set.items.order_by("order").values_list("question_id", "order"))
    assert items[0] == (first.pk, 0)
    assert items[2:] == [(new[1].pk, 8), (new[0].pk, 9)]


def test_adding_questions_to_an_empty_set_starts_at_the_top():
    question_set = QuestionSetFactory()
    questions = QuestionFactory.create_batch(2)
    curation.add_to_question_set(question_set=question_set, questions=Question.objects.all())
    assert sorted(question_set.items.values_list("order", flat=True)) == [0, 1]
    assert set(question_set.questions.all()) == set(questions)


def test_regenerated_distractors_are_new_and_keep_the_answer():
    question = _generated_multiple_choice()
    before = list(question.choices)
    assert regenerate_distractors(question=question)
    assert question.answer in question.choices and len(set(question.choices)) == 4
    assert set(question.choices) != set(before)
    # Each call moves on to another draw.
    again = list(question.choices)
    assert regenerate_distractors(question=question)
    assert set(question.choices) != set(again)


def test_distractors_are_regenerated_only_for_generated_multiple_choice_no_person_edited():
    teacher = TeacherFactory()
    question = _generated_multiple_choice()
    before = list(question.choices)
    edited = QuestionFactory(edited_by_human=True)
    typed = QuestionFactory(kind=Kind.SHORT_ANSWER, choices=[])
    result = curation.regenerate_question_distractors(
        questions=Question.objects.filter(pk__in=[question.pk, edited.pk, typed.pk]), user=teacher
    )
    assert (result.changed, result.unchanged, result.edited, result.not_multiple_choice) == (
        1,
        0,
        1,
        1,
    )
    question.refresh_from_db()
    assert set(question.choices) != set(before)
    assert question.edited_by_human
    assert question.history.first().history_user == teacher
    assert edited.history.count() == 1 and typed.history.count() == 1


def test_regenerating_questions_keeps_the_distractors_a_teacher_drew():
    question = _generated_multiple_choice()
    curation.regenerate_question_distractors(
        questions=Question.objects.filter(pk=question.pk), user=TeacherFactory()
    )
    question.refresh_from_db()
    drawn = list(question.choices)
    generate_questions(source=question.source)
    question.refresh_from_db()
    assert question.choices == drawn


def test_a_generated_question_without_other_possible_distractors_stays_as_it_is():
    # A factory question has a generation key no template makes.
    question = QuestionFactory()
    result = curation.regenerate_question_distractors(
        questions=Question.objects.all(), user=TeacherFactory()
    )
    assert (result.changed, result.unchanged) == (0, 1)
    assert Question.objects.get().choices == question.choices


def test_resolving_flags_notes_who_and_when():
    teacher = TeacherFactory()
    flag = FlagFactory()
    resolved_before = FlagFactory(status=Flag.Status.RESOLVED)
    assert curation.resolve_flags(flags=Flag.objects.all(), user=teacher) == 1
    flag.refresh_from_db()
    assert flag.status == Flag.Status.RESOLVED and flag.resolved_by == teacher
    assert flag.resolved_at is not None
    resolved_before.refresh_from_db()
    assert resolved_before.resolved_by is None


def test_reopening_a_flag_forgets_who_resolved_it():
    teacher = TeacherFactory()
    flag = FlagFactory()
    flag.status = Flag.Status.RESOLVED
    curation.save_flag_status(flag=flag, user=teacher)
    flag.refresh_from_db()
    assert flag.resolved_by == teacher and flag.resolved_at is not None
    flag.status = Flag.Status.OPEN
    curation.save_flag_status(flag=flag, user=teacher)
    flag.refresh_from_db()
    assert flag.resolved_by is None and flag.resolved_at is None


def test_retiring_flagged_questions_resolves_every_open_flag_on_them():
    teacher = TeacherFactory()
    question = QuestionFactory()
    chosen, sibling = FlagFactory.create_batch(2, question=question)
    elsewhere = FlagFactory()
    result = curation.retire_flagged_questions(
        flags=Flag.objects.filter(pk=chosen.pk), user=teacher
    )
    assert (result.retired, result.resolved) == (1, 2)
    question.refresh_from_db()
    assert question.status == Question.Status.RETIRED and question.edited_by_human
    assert question.history.first().history_user == teacher
    sibling.refresh_from_db()
    elsewhere.refresh_from_db()
    assert sibling.status == Flag.Status.RESOLVED and elsewhere.status == Flag.Status.OPEN
