import csv
import html
import io
import json
import sqlite3
import xml.etree.ElementTree as ET
import zipfile
from decimal import Decimal

import pytest

from learning.bank.exchange.exporter import (
    ExportError,
    export_format,
    set_bank,
    source_bank,
)
from learning.bank.exchange.importer import CSV_COLUMNS, parse_gift
from learning.models import Question
from tests.factories import (
    QuestionFactory,
    QuestionSetItemFactory,
    SourceFactory,
    person_question,
    questions_of_every_kind,
)

pytestmark = pytest.mark.django_db


def test_csv_has_the_agreed_columns_and_json_lists_for_list_cells():
    source = SourceFactory()
    questions = questions_of_every_kind(source)
    text = export_format("csv").write(source_bank(source=source))
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert len(rows) == len(questions)
    choice = rows[0]
    assert json.loads(choice["choices"]) == questions[0].choices
    assert json.loads(choice["accepted_answers"]) == ["Rawah"]
    assert choice["prompt"] == questions[0].prompt
    assert rows[3]["tolerance"] == "7.5"
    assert rows[6]["answer"] == "Anah captured\nAl-Qa'im -> taken\nRawa captured"


def test_questions_without_choices_export_an_empty_choice_list_to_csv():
    question = QuestionFactory(kind=Question.Kind.SHORT_ANSWER, choices=["stale"])
    text = export_format("csv").write(source_bank(source=question.source))
    assert next(csv.DictReader(io.StringIO(text)))["choices"] == "[]"


def test_gift_escapes_every_special_character_and_reads_back_the_same_text():
    source = SourceFactory()
    question = questions_of_every_kind(source)[0]
    text = export_format("gift").write(source_bank(source=source))
    first = text.split("\n\n")[0]
    assert r"a \~ b \= c \# d \{ e \} f \: g \\ h" in first
    assert r"####Rawa fell \{after\} Anah\: see \#2 \~ end." in first
    (draft,) = parse_gift(first)
    assert (draft.prompt, draft.explanation) == (question.prompt, question.explanation)


def test_gift_writes_each_kind_in_moodles_syntax():
    source = SourceFactory()
    questions = questions_of_every_kind(source)
    paragraphs = export_format("gift").write(source_bank(source=source)).split("\n\n")
    choice, true_false, short, numeric, numeric_range, when, ordering = paragraphs[:7]
    assert choice.startswith('// accepted: ["Rawah"]\n::q')
    assert '{~Anah | upper =Rawa, on the Euphrates ~Al-Qā\'im ~Hit "town" ####' in choice
    assert true_false.endswith("{F ####False\\: it was 26 September 2017.}")
    assert "{=Abdul Amir Yarallah =Yarallah =Abdel \\= Emir Yarallah}" in short
    assert numeric.endswith("{#75:7.5 ####The article says around 75.}")
    assert numeric_range.endswith("{#1500..2000}")
    assert when.startswith("// kind: date\n")
    assert "{=2017-11-17 =17 November 2017 =November 17, 2017 =17/11/2017 ####" in when
    assert f"::q{questions[6].pk}::" in ordering
    assert "{=Rawa captured -> 3 =Anah captured -> 1 =Al-Qa'im -> taken -> 2 ####" in ordering
    assert "####26 September 2017\\: Anah.\\n3 November 2017\\: Al-Qa'im.}" in ordering
    assert paragraphs[7:] == [""]


def test_gift_adds_the_written_out_date_when_no_accepted_answer_has_it():
    source = SourceFactory()
    person_question(source=source, kind=Question.Kind.DATE, answer="2017-11-03", choices=[])
    text = export_format("gift").write(source_bank(source=source))
    assert "{=2017-11-03 =3 November 2017}" in text


def test_gift_widens_a_numeric_range_by_its_tolerance():
    source = SourceFactory()
    person_question(
        source=source,
        kind=Question.Kind.NUMERIC,
        answer="1500–2000",
        tolerance=Decimal(10),
        choices=[],
    )
    text = export_format("gift").write(source_bank(source=source))
    assert "{#1490..2010}" in text


def test_a_numeric_answer_that_is_no_number_stops_the_export_naming_the_question():
    source = SourceFactory()
    question = person_question(
        source=source, kind=Question.Kind.NUMERIC, answer="about seventy", choices=[]
    )
    with pytest.raises(ExportError, match=f"Question {question.pk}: 'about seventy'"):
        export_format("gift").write(source_bank(source=source))


def _xml_texts(element, path: str) -> list[str]:
    return [html.unescape(node.text or "") for node in element.findall(path)]


def test_moodle_xml_parses_back_with_each_question_type_and_its_right_answers():
    source = SourceFactory()
    questions = questions_of_every_kind(source)
    text = export_format("moodle-xml").write(source_bank(source=source))
    quiz = ET.fromstring(text.encode())
    elements = quiz.findall("question")
    assert [element.get("type") for element in elements] == [
        "multichoice",
        "truefalse",
        "shortanswer",
        "numerical",
        "numerical",
        "shortanswer",
        "ordering",
    ]
    choice, true_false, short, numeric, numeric_range, when, ordering = elements
    assert _xml_texts(choice, "questiontext/text") == [questions[0].prompt]
    assert choice.find("questiontext").get("format") == "html"
    assert _xml_texts(choice, "generalfeedback/text") == [questions[0].explanation]
    assert _xml_texts(choice, "answer/text") == questions[0].choices
    assert [a.get("fraction") for a in choice.findall("answer")] == ["0", "100", "0", "0"]
    assert [a.get("fraction") for a in true_false.findall("answer")] == ["0", "100"]
    assert _xml_texts(short, "answer/text") == [
        "Abdul Amir Yarallah",
        *questions[2].accepted_answers,
    ]
    assert (numeric.findtext("answer/text"), numeric.findtext("answer/tolerance")) == ("75", "7.5")
    # A range is its middle, give or take half of it.
    assert numeric_range.findtext("answer/text") == "1750"
    assert numeric_range.findtext("answer/tolerance") == "250"
    assert _xml_texts(when, "answer/text")[:2] == ["2017-11-17", "17 November 2017"]
    assert _xml_texts(ordering, "answer/text") == questions[6].ordering_items
    assert [a.get("fraction") for a in ordering.findall("answer")] == ["1", "2", "3"]


def _anki_notes(data: bytes, tmp_path) -> tuple[list[tuple[str, str]], list[int]]:
    """The notes (guid, fields) and the deck ids of an .apkg file."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        (tmp_path / "collection.anki2").write_bytes(package.read("collection.anki2"))
    with sqlite3.connect(tmp_path / "collection.anki2") as database:
        notes = database.execute("SELECT guid, flds FROM notes ORDER BY id").fetchall()
        (decks,) = database.execute("SELECT decks FROM col").fetchone()
    return notes, [int(deck_id) for deck_id in json.loads(decks)]


def test_an_anki_deck_has_one_note_per_question_with_answer_and_source_sentence(tmp_path):
    question = QuestionFactory(prompt="Which town <fell> first?", answer="Rawa & Anah")
    question.choices = ["Hit", "Rawa & Anah"]
    question.save()
    data = export_format("apkg").write(source_bank(source=question.source))
    ((_guid, fields),), _ = _anki_notes(data, tmp_path)
    front, back = fields.split("\x1f")
    assert (
        front
        == "<p>Which town &lt;fell&gt; first?</p><ul><li>Hit</li><li>Rawa &amp; Anah</li></ul>"
    )
    assert "<b>Rawa &amp; Anah</b>" in back
    assert f"<blockquote>{question.sentence.text}</blockquote>" in back


def test_anki_deck_and_note_ids_are_stable_across_exports(tmp_path):
    question = QuestionFactory()
    other = SourceFactory()
    item = QuestionSetItemFactory(question=question)
    first = export_format("apkg").write(source_bank(source=question.source))
    again = export_format("apkg").write(source_bank(source=question.source))
    of_set = export_format("apkg").write(set_bank(question_set=item.question_set))
    of_other = export_format("apkg").write(source_bank(source=other))
    (note,), decks = _anki_notes(first, tmp_path)
    (note_again,), decks_again = _anki_notes(again, tmp_path)
    (note_in_set,), set_decks = _anki_notes(of_set, tmp_path)
    _, other_decks = _anki_notes(of_other, tmp_path)
    assert note[0] == note_again[0] == note_in_set[0]
    assert decks == decks_again
    assert len({*decks, *set_decks, *other_decks}) == len(decks) + 2


def test_an_anki_ordering_card_shows_the_shuffled_items_and_answers_the_order(tmp_path):
    source = SourceFactory()
    ordering = questions_of_every_kind(source)[6]
    data = export_format("apkg").write(source_bank(source=source))
    notes, _ = _anki_notes(data, tmp_path)
    front, back = notes[6][1].split("\x1f")
    assert "<li>Rawa captured</li><li>Anah captured</li>" in front
    items = "".join(f"<li>{html.escape(item)}</li>" for item in ordering.ordering_items)
    assert back.startswith(f"<ol>{items}</ol>")


def test_a_set_exports_its_questions_in_the_sets_order():
    item = QuestionSetItemFactory(order=2)
    first = QuestionSetItemFactory(question_set=item.question_set, order=1)
    QuestionFactory()
    bank = set_bank(question_set=item.question_set)
    assert list(bank.questions) == [first.question, item.question]
    assert bank.name == item.question_set.name
