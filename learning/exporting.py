"""Exporting questions to files other tools read.

Each format is a function from questions to text, registered under its name with
``@exporter("name")``; ``export_questions --format NAME`` offers every registered one.
"""

import json
from collections.abc import Callable, Iterable

from django.db.models import QuerySet

from learning.models import Question, Source

Exporter = Callable[[Iterable[Question]], str]
EXPORTERS: dict[str, Exporter] = {}
CHOICE_KINDS = (
    Question.Kind.MULTIPLE_CHOICE,
    Question.Kind.TRUE_FALSE,
    Question.Kind.ORDERING,
)


class ExportError(ValueError):
    pass


def exporter(name: str) -> Callable[[Exporter], Exporter]:
    def register(function: Exporter) -> Exporter:
        EXPORTERS[name] = function
        return function

    return register


def questions_to_export(*, source_slug: str | None = None, status: str | None = None) -> QuerySet:
    """The questions to export, with everything an exporter reads fetched in the same query."""
    questions = Question.objects.select_related("sentence", "section", "fact").order_by(
        "source", "id"
    )
    if source_slug is not None:
        source = Source.objects.filter(slug=source_slug).first()
        if source is None:
            raise ExportError(f"No source with slug '{source_slug}'.")
        questions = questions.filter(source=source)
    if status is not None:
        if status not in Question.Status.values:
            raise ExportError(
                f"Unknown status '{status}'; choose one of: {', '.join(Question.Status.values)}."
            )
        questions = questions.filter(status=status)
    return questions


def export_questions(*, questions: Iterable[Question], format_name: str) -> str:
    if format_name not in EXPORTERS:
        raise ExportError(f"Unknown format '{format_name}'; choose one of: {', '.join(EXPORTERS)}.")
    return EXPORTERS[format_name](questions)


def source_sentence(question: Question) -> str | None:
    """The text the question was made from: its sentence, or its infobox line."""
    if question.sentence is not None:
        return question.sentence.text
    if question.fact is not None and question.fact.infobox_field:
        fact = question.fact
        return f"{fact.infobox_field}: {fact.source_text or fact.value}"
    return None


def as_dict(question: Question) -> dict:
    is_ordering = question.kind == Question.Kind.ORDERING
    return {
        "id": question.pk,
        "kind": question.kind,
        "prompt": question.prompt,
        "answer": question.ordering_items if is_ordering else question.answer,
        "accepted_answers": list(question.accepted_answers),
        "choices": list(question.choices) if question.kind in CHOICE_KINDS else [],
        "explanation": question.explanation,
        "source_sentence": source_sentence(question),
        "section": question.section.title if question.section else None,
        "status": question.status,
    }


@exporter("json")
def to_json(questions: Iterable[Question]) -> str:
    return json.dumps([as_dict(q) for q in questions], ensure_ascii=False, indent=2)
