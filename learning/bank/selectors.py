"""Read-only queries shared by several views."""

from django.db.models import Count, Q, QuerySet

from learning.models import Question, QuestionSet


def studiable_sets() -> list[QuestionSet]:
    """Published sets with at least one published question, with that count annotated."""
    return list(
        QuestionSet.objects.filter(is_published=True)
        .annotate(
            published_count=Count(
                "items", filter=Q(items__question__status=Question.Status.PUBLISHED)
            )
        )
        .filter(published_count__gt=0)
        .select_related("source")
        .order_by("source__title", "section__order", "name")
    )


def studiable_questions(*, question_set: QuestionSet) -> QuerySet[Question]:
    """The questions of a set that reach students (study and quizzes): its published ones."""
    return Question.objects.filter(
        status=Question.Status.PUBLISHED, set_items__question_set=question_set
    )
