import csv
import io
import json
import zipfile

import pytest
from django.core.management import CommandError, call_command

from learning.models import Fact, Question
from tests.factories import (
    FactFactory,
    QuestionFactory,
    QuestionSetItemFactory,
    SectionFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

KEYS = {
    "id",
    "kind",
    "prompt",
    "answer",
    "accepted_answers",
    "choices",
    "explanation",
    "source_sentence",
    "section",
    "status",
}


def _export(capsys, **options) -> list[dict]:
    call_command("export_questions", **options)
    return json.loads(capsys.readouterr().out)


def test_it_prints_one_object_per_question_with_exactly_the_agreed_keys(capsys):
    question = QuestionFactory(accepted_answers=["Rawah"])
    (exported,) = _export(capsys, format="json")
    assert set(exported) == KEYS
    assert exported["id"] == question.pk
    assert exported["answer"] == "Rawa" and exported["accepted_answers"] == ["Rawah"]
    assert exported["choices"] == ["Anah", "Rawa", "Akashat", "Hit"]
    assert exported["source_sentence"] == question.sentence.text
    assert exported["section"] == question.section.title
    assert exported["status"] == "published"


def test_it_keeps_non_ascii_text_readable(capsys):
    QuestionFactory(prompt="Which town lies near al-Qā'im?")
    call_command("export_questions")
    assert "al-Qā'im" in capsys.readouterr().out


def test_an_ordering_answer_is_the_list_of_items_in_order(capsys):
    QuestionFactory(
        fact=None,
        sentence=None,
        section=None,
        source=SourceFactory(),
        kind=Question.Kind.ORDERING,
        answer="First\nSecond",
        explanation="26 October 2017: First.",
        choices=["Second", "First"],
    )
    (exported,) = _export(capsys)
    assert exported["answer"] == ["First", "Second"]
    assert exported["choices"] == ["Second", "First"]
    assert exported["source_sentence"] is None and exported["section"] is None


def test_questions_without_choices_export_an_empty_list(capsys):
    QuestionFactory(kind=Question.Kind.SHORT_ANSWER, choices=["stale"])
    assert _export(capsys)[0]["choices"] == []


def test_an_infobox_question_quotes_its_infobox_line(capsys):
    source = SourceFactory()
    fact = FactFactory(
        sentence=None,
        source=source,
        kind=Fact.Kind.ATTRIBUTE,
        infobox_field="Commander1",
        value="Abdul Amir Yarallah",
        source_text="Lt. Gen. Abdel Emir Yarallah",
    )
    QuestionFactory(fact=fact, source=source, sentence=None, section=None, explanation="…")
    assert _export(capsys)[0]["source_sentence"] == "Commanders: Lt. Gen. Abdel Emir Yarallah"


def test_it_filters_by_source_and_status(capsys):
    chosen = QuestionFactory(status=Question.Status.DRAFT)
    QuestionFactory(source=chosen.source, fact__source=chosen.source)
    QuestionFactory(status=Question.Status.DRAFT)
    exported = _export(capsys, source=chosen.source.slug, status="draft")
    assert [question["id"] for question in exported] == [chosen.pk]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"source": "nowhere"}, "No source with slug 'nowhere'"),
        ({"status": "lost"}, "Unknown status 'lost'"),
        (
            {"format": "pdf"},
            "Unknown format 'pdf'; choose one of: json, csv, gift, moodle-xml, apkg",
        ),
        ({"set_slug": "nowhere"}, "No question set with slug 'nowhere'"),
        ({"format": "apkg"}, "apkg is a binary format: name a file with --output FILE"),
    ],
)
def test_it_refuses_bad_options_with_a_one_line_error(options, message):
    with pytest.raises(CommandError, match=message) as error:
        call_command("export_questions", **options)
    assert "\n" not in str(error.value)


def test_it_reads_all_questions_in_a_fixed_number_of_queries(capsys, django_assert_max_num_queries):
    source = SourceFactory()
    section = SectionFactory(source=source)
    for _ in range(5):
        QuestionFactory(source=source, fact__sentence__section=section, fact__source=source)
        QuestionFactory(
            source=source,
            fact__sentence=None,
            fact__source=source,
            sentence=None,
            section=None,
            explanation="Infobox — Commander1: Yarallah",
        )
    with django_assert_max_num_queries(2):
        exported = _export(capsys, source=source.slug)
    assert len(exported) == 10


def test_it_exports_a_set_in_the_sets_order_in_another_format(capsys):
    item = QuestionSetItemFactory(order=2, question__prompt="Second?")
    QuestionSetItemFactory(question_set=item.question_set, order=1, question__prompt="First?")
    QuestionFactory(prompt="Not in the set?")
    call_command("export_questions", format="csv", set_slug=item.question_set.slug)
    rows = csv.DictReader(io.StringIO(capsys.readouterr().out, newline=""))
    assert [row["prompt"] for row in rows] == ["First?", "Second?"]


def test_it_writes_an_anki_deck_to_the_output_file(tmp_path, capsys):
    question = QuestionFactory()
    output = tmp_path / "deck.apkg"
    call_command("export_questions", format="apkg", source=question.source.slug, output=output)
    assert capsys.readouterr().out == f"Wrote {output}.\n"
    assert "collection.anki2" in zipfile.ZipFile(output).namelist()


def test_it_writes_text_formats_to_the_output_file_as_utf8(tmp_path):
    QuestionFactory(prompt="Which town lies near al-Qā'im?")
    output = tmp_path / "questions.gift.txt"
    call_command("export_questions", format="gift", output=output)
    assert "al-Qā'im" in output.read_text(encoding="utf-8")
