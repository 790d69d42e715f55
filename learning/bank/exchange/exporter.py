"""Exporting questions to files other tools read.

What is exported is a ``Bank``: a question set, a source or every question. Each format
is a function from a bank to text (bytes for binary formats), registered with
``@exporter(name, ...)``; ``export_questions --format NAME`` and the teachers' export
page offer every registered one. Each format's conventions are in its docstring;
``learning.bank.exchange.importer`` reads CSV and GIFT back.
"""

import csv
import hashlib
import html
import io
import json
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import genanki
from django.db.models import QuerySet
from django.utils.html import format_html, format_html_join

from learning.bank.exchange.formats import CSV_COLUMNS, GIFT_SPECIAL
from learning.bank.rules import CHOICE_KINDS, FALSE, TRUE
from learning.models import Question, QuestionSet, Source
from learning.text.dates import format_date
from learning.text.numbers import numeric_bounds, plain_number


class ExportError(ValueError):
    pass


@dataclass(frozen=True)
class Bank:
    """The questions to export, and what they are."""

    name: str
    # Stable across exports ("set-3"): the Anki deck id derives from it, so importing a
    # newer export into Anki updates the deck instead of adding a second one.
    key: str
    questions: Iterable[Question]


@dataclass(frozen=True)
class Format:
    name: str
    label: str
    write: Callable[[Bank], str | bytes]
    content_type: str
    extension: str
    binary: bool


FORMATS: dict[str, Format] = {}


def exporter(
    name: str, *, label: str, content_type: str, extension: str, binary: bool = False
) -> Callable[[Callable], Callable]:
    def register(write: Callable[[Bank], str | bytes]) -> Callable[[Bank], str | bytes]:
        FORMATS[name] = Format(
            name=name,
            label=label,
            write=write,
            content_type=content_type,
            extension=extension,
            binary=binary,
        )
        return write

    return register


def export_format(name: str) -> Format:
    if name not in FORMATS:
        raise ExportError(f"Unknown format '{name}'; choose one of: {', '.join(FORMATS)}.")
    return FORMATS[name]


# --- banks -------------------------------------------------------------------------------


def _questions(*, status: str | None) -> QuerySet:
    # Everything an exporter reads, fetched in the same query.
    questions = Question.objects.select_related("sentence", "section", "fact")
    if status is None:
        return questions
    if status not in Question.Status.values:
        raise ExportError(
            f"Unknown status '{status}'; choose one of: {', '.join(Question.Status.values)}."
        )
    return questions.filter(status=status)


def source_bank(*, source: Source, status: str | None = None) -> Bank:
    questions = _questions(status=status).filter(source=source).order_by("id")
    return Bank(name=source.title, key=f"source-{source.pk}", questions=questions)


def set_bank(*, question_set: QuestionSet, status: str | None = None) -> Bank:
    """The set's questions in the set's order."""
    questions = (
        _questions(status=status)
        .filter(set_items__question_set=question_set)
        .order_by("set_items__order", "set_items__id")
    )
    return Bank(name=question_set.name, key=f"set-{question_set.pk}", questions=questions)


def find_bank(
    *, source_slug: str | None = None, set_slug: str | None = None, status: str | None = None
) -> Bank:
    """The bank named on the command line: a set, a source, or every question."""
    if source_slug is not None and set_slug is not None:
        raise ExportError("Choose a source or a set, not both.")
    if set_slug is not None:
        question_set = QuestionSet.objects.filter(slug=set_slug).first()
        if question_set is None:
            raise ExportError(f"No question set with slug '{set_slug}'.")
        return set_bank(question_set=question_set, status=status)
    if source_slug is not None:
        source = Source.objects.filter(slug=source_slug).first()
        if source is None:
            raise ExportError(f"No source with slug '{source_slug}'.")
        return source_bank(source=source, status=status)
    questions = _questions(status=status).order_by("source", "id")
    return Bank(name="All questions", key="all", questions=questions)


# --- shared helpers ----------------------------------------------------------------------


def _choices(question: Question) -> list[str]:
    return list(question.choices) if question.kind in CHOICE_KINDS else []


def _numeric_bounds(question: Question) -> tuple[Decimal, Decimal]:
    """The answer as lowest and highest number (the same for a single number)."""
    bounds = numeric_bounds(question.answer)
    if bounds is None:
        raise ExportError(f"Question {question.pk}: '{question.answer}' is not a number.")
    return bounds


def _written_date(answer: str) -> str | None:
    """ "2017-11-03" -> "3 November 2017"."""
    try:
        day = date.fromisoformat(answer)
    except ValueError:
        return None
    return format_date(value=day)


def _date_answers(question: Question) -> list[str]:
    """The ISO answer and its accepted forms, with the written-out date if they lack it:
    a tool that compares strings (Moodle) must accept what students type."""
    answers = [question.answer, *question.accepted_answers]
    written = _written_date(question.answer)
    return answers if written is None or written in answers else [*answers, written]


def _text_answers(question: Question) -> list[str]:
    """Every answer a short-answer or date question accepts, the stored one first."""
    if question.kind == Question.Kind.DATE:
        return _date_answers(question)
    return [question.answer, *question.accepted_answers]


def _ordering_positions(question: Question) -> list[tuple[str, int]]:
    """Each item as shown (the choices' order) with its place in the right order, from 1."""
    items = question.ordering_items
    if sorted(question.choices) != sorted(items):
        raise ExportError(f"Question {question.pk}: the choices are not the items to order.")
    return [(choice, items.index(choice) + 1) for choice in question.choices]


def _stable_id(text: str) -> int:
    # Anki ids are 31-bit positive integers; genanki suggests the upper half of the range.
    digest = hashlib.sha256(text.encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


# --- JSON --------------------------------------------------------------------------------


def as_dict(question: Question) -> dict:
    is_ordering = question.kind == Question.Kind.ORDERING
    return {
        "id": question.pk,
        "kind": question.kind,
        "prompt": question.prompt,
        "answer": question.ordering_items if is_ordering else question.answer,
        "accepted_answers": list(question.accepted_answers),
        "choices": _choices(question),
        "explanation": question.explanation,
        "source_sentence": question.source_text,
        "section": question.section.title if question.section else None,
        "status": question.status,
    }


@exporter("json", label="JSON", content_type="application/json", extension="json")
def to_json(bank: Bank) -> str:
    return json.dumps([as_dict(q) for q in bank.questions], ensure_ascii=False, indent=2)


# --- CSV ---------------------------------------------------------------------------------


@exporter("csv", label="CSV", content_type="text/csv; charset=utf-8", extension="csv")
def to_csv(bank: Bank) -> str:
    """A header row, then one row per question.

    ``answer`` is as stored (ordering: the items in order, one per line, in one quoted
    cell); ``accepted_answers`` and ``choices`` are JSON lists, so a "|", a comma or a
    quote in an answer needs no escaping scheme of its own; ``tolerance`` is a plain
    decimal. ``status`` is informative: imported questions are always drafts.
    """
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for question in bank.questions:
        writer.writerow(
            [
                question.kind,
                question.prompt,
                question.answer,
                json.dumps(list(question.accepted_answers), ensure_ascii=False),
                json.dumps(_choices(question), ensure_ascii=False),
                question.explanation,
                plain_number(question.tolerance),
                question.status,
            ]
        )
    return out.getvalue()


# --- GIFT --------------------------------------------------------------------------------


def gift_escape(text: str) -> str:
    escaped = text.replace("\\", "\\\\")
    for char in GIFT_SPECIAL:
        escaped = escaped.replace(char, f"\\{char}")
    # A blank line would end the question.
    return escaped.replace("\r\n", "\n").replace("\n", "\\n")


def _gift_answers(question: Question) -> str:
    """What goes between the braces, by kind."""
    kind = question.kind
    if kind == Question.Kind.MULTIPLE_CHOICE:
        return " ".join(
            f"{'=' if choice == question.answer else '~'}{gift_escape(choice)}"
            for choice in question.choices
        )
    if kind == Question.Kind.TRUE_FALSE:
        return "T" if question.answer == TRUE else "F"
    if kind == Question.Kind.NUMERIC:
        low, high = _numeric_bounds(question)
        tolerance = Decimal(question.tolerance)
        if low == high:
            return f"#{plain_number(low)}:{plain_number(tolerance)}"
        # GIFT ranges have no tolerance: widen the range instead.
        return f"#{plain_number(low - tolerance)}..{plain_number(high + tolerance)}"
    if kind == Question.Kind.ORDERING:
        # A matching question pairing each item with its place: Moodle imports it, and
        # the places read back as the order.
        return " ".join(
            f"={gift_escape(item)} -> {place}" for item, place in _ordering_positions(question)
        )
    return " ".join(f"={gift_escape(answer)}" for answer in _text_answers(question))


# Kinds whose braces hold every accepted answer; the others carry theirs in a comment.
_GIFT_ACCEPTS = (Question.Kind.SHORT_ANSWER, Question.Kind.DATE)


def _gift_question(question: Question) -> str:
    lines = []
    # Comments Moodle ignores, for what GIFT itself cannot say.
    if question.kind == Question.Kind.DATE:
        lines.append("// kind: date")
    if question.accepted_answers and question.kind not in _GIFT_ACCEPTS:
        lines.append(f"// accepted: {json.dumps(question.accepted_answers, ensure_ascii=False)}")
    feedback = f" ####{gift_escape(question.explanation)}" if question.explanation else ""
    lines.append(
        f"::q{question.pk}:: {gift_escape(question.prompt)} {{{_gift_answers(question)}{feedback}}}"
    )
    return "\n".join(lines)


@exporter(
    "gift", label="Moodle GIFT", content_type="text/plain; charset=utf-8", extension="gift.txt"
)
def to_gift(bank: Bank) -> str:
    """Moodle's GIFT: one question per paragraph, titled ``::q<id>::``.

    Multiple choice ``{=right ~wrong}`` in display order; true/false ``{T}``/``{F}``;
    short answer ``{=answer =accepted}``; numeric ``{#value:tolerance}`` or, for a range,
    ``{#low..high}`` widened by the tolerance; dates as short answer (ISO first, then
    the accepted forms and the written-out date) after a ``// kind: date`` comment;
    ordering as a matching question ``{=item -> place}`` with the items in display
    order. Accepted answers the braces cannot hold follow ``// accepted:`` as a JSON
    list. The explanation is the general feedback ``####``. ``~ = # { } :`` and ``\\``
    are escaped with a backslash, line breaks written ``\\n``.
    """
    return "".join(f"{_gift_question(question)}\n\n" for question in bank.questions)


# --- Moodle XML --------------------------------------------------------------------------

_MOODLE_TYPES = {
    Question.Kind.MULTIPLE_CHOICE: "multichoice",
    Question.Kind.TRUE_FALSE: "truefalse",
    Question.Kind.SHORT_ANSWER: "shortanswer",
    Question.Kind.DATE: "shortanswer",
    Question.Kind.NUMERIC: "numerical",
    # The qtype_ordering plugin.
    Question.Kind.ORDERING: "ordering",
}


def _xml_text(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    ET.SubElement(element, "text").text = text
    return element


def _html(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _xml_answer(parent: ET.Element, text: str, *, fraction: str | int = 100) -> ET.Element:
    return _xml_text(parent, "answer", text, fraction=str(fraction), format="plain_text")


def _moodle_answers(element: ET.Element, question: Question) -> None:
    kind = question.kind
    if kind == Question.Kind.MULTIPLE_CHOICE:
        ET.SubElement(element, "single").text = "true"
        ET.SubElement(element, "shuffleanswers").text = "0"
        ET.SubElement(element, "answernumbering").text = "none"
        for choice in question.choices:
            fraction = 100 if choice == question.answer else 0
            _xml_text(element, "answer", _html(choice), fraction=str(fraction), format="html")
    elif kind == Question.Kind.TRUE_FALSE:
        _xml_answer(element, "true", fraction=100 if question.answer == TRUE else 0)
        _xml_answer(element, "false", fraction=100 if question.answer == FALSE else 0)
    elif kind == Question.Kind.NUMERIC:
        # Moodle knows a value and a tolerance: a range is its middle give or take half.
        low, high = _numeric_bounds(question)
        answer = _xml_answer(element, plain_number((low + high) / 2))
        tolerance = (high - low) / 2 + Decimal(question.tolerance)
        ET.SubElement(answer, "tolerance").text = plain_number(tolerance)
    elif kind == Question.Kind.ORDERING:
        ET.SubElement(element, "layouttype").text = "VERTICAL"
        ET.SubElement(element, "selecttype").text = "ALL"
        ET.SubElement(element, "gradingtype").text = "ABSOLUTE_POSITION"
        # The plugin reads the right order from the answers' order.
        for place, item in enumerate(question.ordering_items, start=1):
            _xml_text(element, "answer", _html(item), fraction=str(place), format="html")
    else:
        ET.SubElement(element, "usecase").text = "0"
        for answer in _text_answers(question):
            _xml_answer(element, answer)


@exporter("moodle-xml", label="Moodle XML", content_type="application/xml", extension="xml")
def to_moodle_xml(bank: Bank) -> str:
    """Moodle XML: ``<quiz>`` with one ``<question type=…>`` per question.

    Question text and feedback are HTML (the plain text, escaped); the explanation is the
    general feedback. Dates are short answers (ISO, accepted forms, written-out date),
    numeric ranges a middle value with a tolerance, ordering questions the ordering
    plugin's type with the items in the right order.
    """
    quiz = ET.Element("quiz")
    for question in bank.questions:
        element = ET.SubElement(quiz, "question", type=_MOODLE_TYPES[question.kind])
        _xml_text(element, "name", f"q{question.pk}")
        _xml_text(element, "questiontext", _html(question.prompt), format="html")
        _xml_text(element, "generalfeedback", _html(question.explanation), format="html")
        ET.SubElement(element, "defaultgrade").text = "1"
        _moodle_answers(element, question)
    ET.indent(quiz)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{ET.tostring(quiz, encoding="unicode")}\n'


# --- Anki --------------------------------------------------------------------------------

# Never change the id: Anki recognises the note type by it.
ANKI_MODEL = genanki.Model(
    model_id=_stable_id("campaign-quiz:model"),
    name="Campaign Quiz question",
    fields=[{"name": "Front"}, {"name": "Back"}],
    templates=[
        {
            "name": "Card",
            "qfmt": "{{Front}}",
            "afmt": '{{FrontSide}}<hr id="answer">{{Back}}',
        }
    ],
)


def _anki_front(question: Question) -> str:
    choices = _choices(question)
    if question.kind == Question.Kind.TRUE_FALSE or not choices:
        return format_html("<p>{}</p>", question.prompt)
    return format_html(
        "<p>{}</p><ul>{}</ul>",
        question.prompt,
        format_html_join("", "<li>{}</li>", ((choice,) for choice in choices)),
    )


def _anki_answer(question: Question) -> str:
    if question.kind == Question.Kind.ORDERING:
        return format_html_join("", "<li>{}</li>", ((item,) for item in question.ordering_items))
    if question.kind == Question.Kind.DATE:
        return format_html("<p><b>{}</b></p>", _written_date(question.answer) or question.answer)
    if question.kind == Question.Kind.NUMERIC and question.tolerance:
        return format_html(
            "<p><b>{}</b> (± {})</p>", question.answer, plain_number(question.tolerance)
        )
    return format_html("<p><b>{}</b></p>", question.answer)


def _anki_back(question: Question) -> str:
    answer = _anki_answer(question)
    if question.kind == Question.Kind.ORDERING:
        answer = format_html("<ol>{}</ol>", answer)
    sentence = question.source_text
    return format_html(
        "{}{}{}",
        answer,
        format_html("<p>{}</p>", question.explanation) if question.explanation else "",
        format_html("<blockquote>{}</blockquote>", sentence) if sentence else "",
    )


@exporter(
    "apkg",
    label="Anki deck (.apkg)",
    content_type="application/octet-stream",
    extension="apkg",
    binary=True,
)
def to_apkg(bank: Bank) -> bytes:
    """An Anki deck: one Front/Back note per question, the back with the answer, the
    explanation and the source sentence. Deck and note ids derive from the bank and the
    question, so importing a newer export updates the notes already studied."""
    deck = genanki.Deck(deck_id=_stable_id(f"campaign-quiz:{bank.key}"), name=bank.name)
    for question in bank.questions:
        deck.add_note(
            genanki.Note(
                model=ANKI_MODEL,
                fields=[_anki_front(question), _anki_back(question)],
                guid=genanki.guid_for("campaign-quiz", question.pk),
                tags=[question.kind],
            )
        )
    # genanki writes to a file only.
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "deck.apkg"
        genanki.Package(deck).write_to_file(str(path))
        return path.read_bytes()
