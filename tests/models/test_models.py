from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from learning.models import Flag
from tests.factories import (
    AssignmentFactory,
    CardFactory,
    FactFactory,
    FlagFactory,
    MembershipFactory,
    QuestionFactory,
    QuestionSetItemFactory,
    QuizResponseFactory,
    ReviewLogFactory,
    SourceFactory,
    TeacherFactory,
)

pytestmark = pytest.mark.django_db


def test_every_factory_builds_a_saved_row():
    for factory in (
        AssignmentFactory,
        MembershipFactory,
        CardFactory,
        FlagFactory,
        QuestionSetItemFactory,
        QuizResponseFactory,
        ReviewLogFactory,
    ):
        assert factory().pk is not None


def test_it_refuses_two_questions_of_one_kind_for_one_fact():
    question = QuestionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        QuestionFactory(fact=question.fact, kind=question.kind)


def test_it_refuses_a_second_card_for_the_same_student_and_question():
    card = CardFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CardFactory(user=card.user, question=card.question)


def test_a_question_shows_its_sentence_or_else_its_infobox_line_as_its_source():
    from_sentence = QuestionFactory()
    assert from_sentence.source_text == from_sentence.sentence.text
    fact = FactFactory(
        sentence=None, source=SourceFactory(), infobox_field="Result", source_text="Iraqi victory"
    )
    from_infobox = QuestionFactory(
        fact=fact, source=fact.source, sentence=None, section=None, explanation=""
    )
    assert from_infobox.source_text == "Result: Iraqi victory"
    written = QuestionFactory(
        fact=None, sentence=None, section=None, source=fact.source, explanation=""
    )
    assert written.source_text is None


def test_resolving_flags_marks_who_and_when_and_leaves_resolved_ones_alone():
    teacher, at = TeacherFactory(), timezone.now()
    open_flag = FlagFactory()
    earlier = FlagFactory(status=Flag.Status.RESOLVED, resolved_at=at - timedelta(days=1))
    assert Flag.objects.all().resolve(by=teacher, at=at) == 1
    open_flag.refresh_from_db()
    earlier.refresh_from_db()
    assert (open_flag.status, open_flag.resolved_by, open_flag.resolved_at) == (
        Flag.Status.RESOLVED,
        teacher,
        at,
    )
    assert earlier.resolved_at == at - timedelta(days=1)


def test_a_reopened_flag_forgets_who_resolved_it():
    flag = FlagFactory()
    flag.resolve(by=TeacherFactory(), at=timezone.now())
    flag.reopen()
    assert (flag.status, flag.resolved_by, flag.resolved_at) == (Flag.Status.OPEN, None, None)
