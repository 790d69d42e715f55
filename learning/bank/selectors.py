"""What reaches students: a published question in a published set.

The one place that rule is written. Study, quizzes, home, the gradebook, reports, classes
and the set admin all filter with these, so a question or set taken back by a teacher
disappears from every student page at once.
"""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from learning.models import Question, QuestionSet, QuestionSetItem


def question_reaches_students(path: str = "") -> Q:
    """Rows whose question (at ``path``: "" for questions, "question__" for cards or items)
    may be shown to students."""
    return Q(**{f"{path}status": Question.Status.PUBLISHED})


def set_reaches_students(path: str = "") -> Q:
    """Rows whose question set (at ``path``: "" for sets, "question_set__" for items)
    may be shown to students."""
    return Q(**{f"{path}is_published": True})


def studiable_set_queryset() -> QuerySet[QuestionSet]:
    """Sets a student may open (published), whatever questions they hold."""
    return QuestionSet.objects.filter(set_reaches_students())


def studiable_items() -> QuerySet[QuestionSetItem]:
    """Set items that reach students: a published question in a published set."""
    return QuestionSetItem.objects.filter(
        question_reaches_students("question__"), set_reaches_students("question_set__")
    )


def with_studiable_count(question_sets: QuerySet[QuestionSet]) -> QuerySet[QuestionSet]:
    """The sets with ``published_count``: how many of their questions students may see."""
    return question_sets.annotate(
        published_count=Count("items", filter=question_reaches_students("items__question__"))
    )


def studiable_sets() -> list[QuestionSet]:
    """Published sets with at least one published question, with that count annotated."""
    return list(
        with_studiable_count(studiable_set_queryset())
        .filter(published_count__gt=0)
        .select_related("source")
        .order_by("source__title", "section__order", "name")
    )


def studiable_questions(*, question_set: QuestionSet) -> QuerySet[Question]:
    """The questions of a set that reach students (study and quizzes): its published ones."""
    return Question.objects.filter(
        question_reaches_students(), set_items__question_set=question_set
    )


def has_studiable_questions(path: str = "") -> Exists:
    """For sets (at ``path``, e.g. "question_set" on an assignment): holds a published question."""
    return Exists(
        QuestionSetItem.objects.filter(
            question_reaches_students("question__"), question_set=OuterRef(path or "pk")
        )
    )


def reaches_students_in_some_set() -> Exists:
    """For questions: published and in at least one published set."""
    return Exists(studiable_items().filter(question=OuterRef("pk")))


def is_studiable(question_set: QuestionSet) -> bool:
    """Whether students may open the set (the object form of set_reaches_students)."""
    return question_set.is_published
