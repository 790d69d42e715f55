"""Every model of the app, re-exported so ``learning.models.Question`` keeps working.

Models only hold data, constraints and small derived properties; the rules live in the
pipeline's packages (``content``, ``bank``, ``study``, ``teaching``).
"""

from learning.models.bank import Question, QuestionSet, QuestionSetItem
from learning.models.content import Entity, Fact, Section, Sentence, Source
from learning.models.study import Card, Flag, QuizAttempt, QuizResponse, ReviewLog, SetProgress
from learning.models.teaching import Assignment, Classroom, Membership

__all__ = [
    "Assignment",
    "Card",
    "Classroom",
    "Entity",
    "Fact",
    "Flag",
    "Membership",
    "Question",
    "QuestionSet",
    "QuestionSetItem",
    "QuizAttempt",
    "QuizResponse",
    "ReviewLog",
    "Section",
    "Sentence",
    "SetProgress",
    "Source",
]
