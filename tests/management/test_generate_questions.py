from datetime import date

import pytest
from django.core.management import CommandError, call_command

from learning.bank.generation.worth import PUBLISH_THRESHOLD
from learning.models import Question, QuestionSet
from tests.factories import FactFactory, SentenceFactory, SourceFactory

pytestmark = pytest.mark.django_db


def _source_with_events(**fields):
    source = SourceFactory(**fields)
    for day, subject in (
        (26, "al-Abadi announced the offensive"),
        (27, "the PMU secured the road to Akashat"),
        (28, "the JOC reported militants killed"),
        (31, "Iraqi forces reached the edge of al-Qaim"),
    ):
        FactFactory(
            source=source,
            sentence=SentenceFactory(section__source=source, text=f"On {day} October, {subject}."),
            subject=subject,
            value=f"{day} October 2017",
            date=date(2017, 10, day),
        )
    return source


def test_it_prints_a_one_line_summary_by_outcome_and_kind(capsys):
    _source_with_events()
    call_command("generate_questions")
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert out.startswith("Questions: ") and "created (date 4," in out


def test_it_generates_only_for_the_named_source(capsys):
    chosen, other = _source_with_events(), _source_with_events()
    call_command("generate_questions", source=chosen.slug)
    assert chosen.questions.exists() and not other.questions.exists()


def test_it_refuses_an_unknown_source():
    with pytest.raises(CommandError, match="No source with slug 'nowhere'"):
        call_command("generate_questions", source="nowhere")


def test_publish_publishes_the_generated_questions_worth_it_and_leaves_the_rest_drafts(capsys):
    source = _source_with_events()
    call_command("generate_questions", publish=True)
    for question in source.questions.all():
        worth = question.value >= PUBLISH_THRESHOLD
        assert question.status == (Question.Status.PUBLISHED if worth else Question.Status.DRAFT)
    assert source.questions.filter(status=Question.Status.PUBLISHED).exists()


def test_it_also_builds_the_sources_question_sets(capsys):
    source = _source_with_events(title="Western Iraq")
    call_command("generate_questions")
    whole = QuestionSet.objects.get(source=source, section=None)
    assert whole.name == "Western Iraq"
    assert whole.items.count() == source.questions.count()


def test_the_seed_article_gets_every_kind_of_question(seed_path, capsys):
    call_command("import_source", str(seed_path))
    call_command("generate_questions")
    counts = {kind: Question.objects.filter(kind=kind).count() for kind in Question.Kind.values}
    minimum = {
        Question.Kind.MULTIPLE_CHOICE: 15,
        Question.Kind.TRUE_FALSE: 3,
        Question.Kind.SHORT_ANSWER: 3,
        Question.Kind.NUMERIC: 4,
        Question.Kind.DATE: 10,
        Question.Kind.ORDERING: 3,
    }
    assert all(counts[kind] >= n for kind, n in minimum.items()), counts


def test_every_multiple_choice_question_on_the_seed_has_four_distinct_choices(seed_path, capsys):
    call_command("import_source", str(seed_path))
    call_command("generate_questions")
    questions = Question.objects.filter(kind=Question.Kind.MULTIPLE_CHOICE)
    assert questions.exists()
    for question in questions:
        assert len(set(question.choices)) == 4 and question.answer in question.choices
