"""The question sets an imported article gets: one per section, and one for all of it.

Only sets the app manages are touched: those with a source and no owner. Sets a
person made keep their questions and order.
"""

from django.db import transaction
from django.utils.text import slugify

from learning.models import Question, QuestionSet, QuestionSetItem, Section, Source


@transaction.atomic
def sync_question_sets(*, source: Source) -> list[QuestionSet]:
    """Make the source's sets hold its current (not retired) questions in reading order."""
    questions = sorted(
        source.questions.exclude(status=Question.Status.RETIRED).select_related(
            "section", "sentence", "fact"
        ),
        key=_reading_order,
    )
    sets = [_sync(source=source, section=None, name=source.title, questions=questions)]
    sections = {q.section.pk: q.section for q in questions if q.section is not None}
    for section in sorted(sections.values(), key=lambda s: s.order):
        sets.append(
            _sync(
                source=source,
                section=section,
                name=f"{source.title}: {section.title}",
                questions=[q for q in questions if q.section_id == section.pk],
            )
        )
    return sets


def _reading_order(question: Question) -> tuple[int, int, int]:
    # Infobox questions first, then by sentence; chronology questions close the set.
    if question.sentence is not None:
        return (1, question.sentence.order, question.pk)
    return (0 if question.fact is not None else 2, 0, question.pk)


def _sync(
    *, source: Source, section: Section | None, name: str, questions: list[Question]
) -> QuestionSet:
    question_set = (
        QuestionSet.objects.filter(source=source, section=section, owner=None)
        .order_by("id")
        .first()
    )
    if question_set is None:
        question_set = QuestionSet.objects.create(
            source=source, section=section, name=name, slug=_free_slug(name)
        )
    elif question_set.name != name:
        question_set.name = name
        question_set.save(update_fields=["name"])
    items = {item.question_id: item for item in question_set.items.all()}
    wanted = {question.pk: order for order, question in enumerate(questions)}
    question_set.items.exclude(question_id__in=wanted).delete()
    moved = []
    for question_id, order in wanted.items():
        item = items.get(question_id)
        if item is not None and item.order != order:
            item.order = order
            moved.append(item)
    QuestionSetItem.objects.bulk_update(moved, ["order"])
    QuestionSetItem.objects.bulk_create(
        QuestionSetItem(question_set=question_set, question_id=question_id, order=order)
        for question_id, order in wanted.items()
        if question_id not in items
    )
    return question_set


def _free_slug(name: str) -> str:
    base = slugify(name)[:190] or "questions"
    slug, n = base, 1
    while QuestionSet.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug
