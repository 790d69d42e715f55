"""The rulebook of a valid question: what every question must be for students to answer it
in its kind's form and for the grader to read its answer.

One rulebook for the admin form, the CSV and GIFT importers and the generator: a question
one of them accepts, the others accept unchanged, and each refusal reads the same.
"""

from decimal import Decimal

from learning.models import Question
from learning.text.dates import is_iso_date
from learning.text.numbers import numeric_bounds

Kind = Question.Kind

# What a question is, apart from where it came from and its status: what generation writes,
# a teacher edits and the exchange formats carry.
CONTENT_FIELDS = (
    "kind",
    "prompt",
    "answer",
    "accepted_answers",
    "choices",
    "tolerance",
    "explanation",
)

# The kinds a student answers by picking among the question's choices.
CHOICE_KINDS = (Kind.MULTIPLE_CHOICE, Kind.TRUE_FALSE, Kind.ORDERING)
TRUE, FALSE = "True", "False"
TRUE_FALSE = (TRUE, FALSE)
MIN_CHOICES = 2
MAX_CHOICES = 8
MIN_ORDERING_ITEMS = 3
# What Question.tolerance stores: two decimal places, sixteen digits.
_TOLERANCE_LIMIT = Decimal(10) ** 14


def _distinct(items: list[str]) -> bool:
    return len({item.casefold() for item in items}) == len(items)


def _choice_problems(*, kind: str, answer: str, choices: list[str]) -> dict[str, str]:
    if kind == Kind.MULTIPLE_CHOICE:
        if not MIN_CHOICES <= len(choices) <= MAX_CHOICES:
            return {"choices": f"Give between {MIN_CHOICES} and {MAX_CHOICES} choices."}
        if not _distinct(choices):
            return {"choices": "Each choice must differ from the others (ignoring case)."}
        if answer not in choices:
            return {"answer": "The answer must be one of the choices, exactly as written there."}
        return {}
    if kind == Kind.TRUE_FALSE:
        problems = {}
        if answer not in TRUE_FALSE:
            problems["answer"] = (
                f"The answer of a true or false question is True or False, not '{answer}'."
            )
        if sorted(choices) != sorted(TRUE_FALSE):
            problems["choices"] = "The choices of a true or false question are True and False."
        return problems
    if kind == Kind.ORDERING:
        items = answer.splitlines()
        if len(items) < MIN_ORDERING_ITEMS:
            return {
                "answer": f"Give at least {MIN_ORDERING_ITEMS} items, one per line, "
                "in the right order."
            }
        if not _distinct(items):
            return {"answer": "Each item must differ from the others (ignoring case)."}
        if sorted(choices) != sorted(items):
            return {"choices": "The choices must be the answer's items (in the order shown)."}
        return {}
    if choices:
        return {
            "choices": "Only multiple choice, true or false and ordering questions have choices."
        }
    return {}


def _answer_problems(*, kind: str, answer: str) -> dict[str, str]:
    if kind == Kind.NUMERIC and numeric_bounds(answer) is None:
        return {
            "answer": f"The answer '{answer}' is not a number: write one such as 75 or 1,500, "
            "or a range 1500–2000."
        }
    if kind == Kind.DATE and not is_iso_date(answer):
        return {
            "answer": f"The answer '{answer}' is not a date written YYYY-MM-DD, such as 2017-11-17."
        }
    return {}


def _tolerance_problems(*, kind: str, tolerance: Decimal) -> dict[str, str]:
    # The size first: a decimal past the context's precision cannot be rounded to two places.
    if (
        not tolerance.is_finite()
        or abs(tolerance) >= _TOLERANCE_LIMIT
        or tolerance != round(tolerance, 2)
    ):
        return {"tolerance": "The tolerance has at most two decimals and fewer than 15 digits."}
    if tolerance < 0:
        return {"tolerance": "The tolerance cannot be negative."}
    if tolerance and kind != Kind.NUMERIC:
        return {"tolerance": "Only numeric questions have a tolerance."}
    return {}


def question_problems(
    *,
    kind: str,
    prompt: str,
    answer: str,
    choices: list[str],
    tolerance: Decimal = Decimal(0),
) -> dict[str, str]:
    """What is wrong with a question of this kind, prompt, answer and choices, by field.

    Empty when the question is valid. Each field names its first problem only.
    """
    if kind not in Kind.values:
        return {"kind": f"Unknown kind '{kind}'; use one of: {', '.join(Kind.values)}."}
    problems = {}
    if not prompt.strip():
        problems["prompt"] = "The prompt is empty."
    if not answer.strip():
        problems["answer"] = "The answer is empty."
    else:
        problems.update(_answer_problems(kind=kind, answer=answer))
    for field, message in _choice_problems(kind=kind, answer=answer, choices=choices).items():
        problems.setdefault(field, message)
    problems.update(_tolerance_problems(kind=kind, tolerance=Decimal(tolerance)))
    return problems
