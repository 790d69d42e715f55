"""The order a question's choices are shown in.

Choices are shuffled for each showing, so that a student learns answers, not positions, and
the same showing keeps its order on a reload: the shuffle is seeded by who sees what, when.
True/false keeps True before False. Ordering items never come already in order.
"""

import random

from learning.bank.rules import TRUE_FALSE
from learning.models import Question


def shown_choices(*, question: Question, rng: random.Random) -> list[str]:
    if question.kind == Question.Kind.TRUE_FALSE:
        return list(TRUE_FALSE)
    if question.kind not in (Question.Kind.MULTIPLE_CHOICE, Question.Kind.ORDERING):
        return []
    choices = rng.sample(question.choices, k=len(question.choices))
    # Ordering items shown already in order would give the answer away.
    while (
        question.kind == Question.Kind.ORDERING
        and len(set(choices)) > 1
        and choices == question.ordering_items
    ):
        rng.shuffle(choices)
    return choices


def study_choices(*, question: Question, user_id: int, reps: int) -> list[str]:
    """The order for one showing of a study card: the card's review count tells showings
    apart, so the order changes from one review to the next and not on a reload."""
    return shown_choices(question=question, rng=random.Random(f"{user_id}:{question.pk}:{reps}"))


def preview_choices(*, question: Question) -> list[str]:
    """The order a teacher's preview shows: shuffled as a student would see it, the same on
    every reload of the page."""
    return shown_choices(question=question, rng=random.Random(f"preview:{question.pk}"))
