"""Generating questions from an article's facts, and keeping them in step with the facts.

Each fact kind has templates per question kind, in order of preference; the first
draft that passes the quality filters becomes the fact's question of that kind (the
database allows one per fact and kind). Every draft has a stable generation key, so
regenerating updates questions in place, never duplicates them, and never touches a
question a person edited.

The stages, each module importing only those before it: ``drafts`` and ``phrasing``
(drafts, their shared builders, and English), ``templates`` (one module per fact kind,
and the registry), ``filters`` (turning bad drafts away), ``sync`` (a source's drafts
saved as its questions). Question sets are not touched here: callers refresh them with
``learning.bank.question_sets.sync_question_sets``.
"""

from learning.bank.generation.drafts import Context, Draft, generation_key
from learning.bank.generation.filters import rejection
from learning.bank.generation.phrasing import question_from_clause
from learning.bank.generation.sync import (
    OUTCOMES,
    GenerationResult,
    build_drafts,
    generate_questions,
    regenerate_distractors,
)
from learning.bank.generation.templates import TEMPLATES

__all__ = [
    "OUTCOMES",
    "TEMPLATES",
    "Context",
    "Draft",
    "GenerationResult",
    "build_drafts",
    "generate_questions",
    "generation_key",
    "question_from_clause",
    "regenerate_distractors",
    "rejection",
]
