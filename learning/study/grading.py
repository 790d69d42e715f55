"""Grading a student's answer to a question, per question kind.

Grading runs on whatever the browser posts, so it never raises on any string:
an answer it cannot read is simply wrong.
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from learning.models import Question
from learning.text.dates import DAY, MONTH, YEAR, format_date, read_date
from learning.text.numbers import NUMBER, plain_number, read_range, to_decimal


@dataclass(frozen=True)
class Grade:
    correct: bool
    # What the grader read: folded text, a plain number, an ISO date, one item per line.
    normalised_given: str
    # The answer as a student should see it.
    expected: str
    # Accepted although misspelt, so the page can show the right spelling.
    close: bool = False
    # The student's answer as they should see it next to ``expected``: a date spelt out
    # the same way, an order with arrows, anything else as typed.
    shown_given: str = ""
    # The other answers accepted as right ("Yarallah" for "Abdul Amir Yarallah").
    also_accepted: tuple[str, ...] = ()
    # Near the answer without being it: a date a few days off, a number a little off. It
    # counts as recalled, but rates at most Hard; ``off_by`` says how ("2 days off").
    near: bool = False
    off_by: str = ""


def grade_answer(*, question: Question, given: str) -> Grade:
    grade = _GRADERS[question.kind](question=question, given=given)
    return replace(grade, shown_given=_shown_given(question=question, given=given))


def _shown_given(*, question: Question, given: str) -> str:
    if question.kind == Question.Kind.DATE and (value := read_date(given)):
        return format_date(value=value)
    if question.kind == Question.Kind.ORDERING:
        return " → ".join(line.strip() for line in given.splitlines() if line.strip())
    return given.strip()


# --- multiple choice and true/false ------------------------------------------------------


def _squash(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _grade_choice(*, question: Question, given: str) -> Grade:
    normalised = _squash(given)
    accepted = {_squash(answer) for answer in _answers(question)}
    return Grade(
        correct=bool(normalised) and normalised in accepted,
        normalised_given=normalised,
        expected=question.answer,
    )


def _answers(question: Question) -> list[str]:
    return [question.answer, *(str(answer) for answer in question.accepted_answers)]


# --- short answer ------------------------------------------------------------------------

# Apostrophes and the ʿayn/hamza signs of transliterated Arabic are dropped, not spaced:
# "Al-Qā'im" is "alqaim", never "al qa im".
_APOSTROPHES = re.compile(r"['’‘`´ʼʻʿʾ]")
# Transliterations write the article "al-" also as "el-" and assimilated ("ar-Rutba",
# "ash-Sham"); only the hyphenated forms are articles, "as" or "an" alone are English.
_ARTICLE_PREFIX = re.compile(r"(?<![^\W_])(?:al|el|a[dnrstz]|ash|adh|ath)-(?=\w)")
_NON_WORD = re.compile(r"[\W_]+")
_ARTICLES = {"al", "el"}


def _words(text: str) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    plain = _ARTICLE_PREFIX.sub("al ", _APOSTROPHES.sub("", plain))
    words = _NON_WORD.sub(" ", plain).split()
    return words[1:] if words[:1] == ["the"] and len(words) > 1 else words


def _spellings(text: str) -> set[str]:
    """The forms a text may be written in: with and without Arabic articles, spaces ignored."""
    words = _words(text)
    without_articles = [word for word in words if word not in _ARTICLES]
    return {"".join(words), "".join(without_articles)} - {""}


def _typos_allowed(spelling: str) -> int:
    # Numbers and short words must be exact: "Raw" is not "Rawa", 1917 is not 1918.
    if any(char.isdigit() for char in spelling):
        return 0
    if len(spelling) >= 10:
        return 2
    return 1 if len(spelling) >= 5 else 0


def _is_close(given: str, expected: str) -> bool:
    """Whether ``given`` is within the typos allowed for ``expected``.

    Typos are counted as the Damerau-Levenshtein (optimal string alignment) distance,
    computed row by row and abandoned as soon as a row exceeds the limit.
    """
    limit = _typos_allowed(expected)
    if abs(len(given) - len(expected)) > limit:
        return False
    previous2: list[int] = []
    previous = list(range(len(expected) + 1))
    for i, char in enumerate(given, start=1):
        current = [i]
        for j, other in enumerate(expected, start=1):
            cost = 0 if char == other else 1
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char == expected[j - 2] and given[i - 2] == other:
                best = min(best, previous2[j - 2] + 1)
            current.append(best)
        if min(current) > limit:
            return False
        previous2, previous = previous, current
    return previous[-1] <= limit


def _grade_short_answer(*, question: Question, given: str) -> Grade:
    normalised = " ".join(_words(given))
    given_spellings = _spellings(given)
    expected_spellings = set().union(*(_spellings(answer) for answer in _answers(question)))
    exact = bool(given_spellings & expected_spellings)
    close = not exact and any(
        _is_close(mine, theirs) for mine in given_spellings for theirs in expected_spellings
    )
    return Grade(
        correct=exact or close,
        normalised_given=normalised,
        expected=question.answer,
        close=close,
        also_accepted=tuple(
            str(answer) for answer in question.accepted_answers if str(answer) != question.answer
        ),
    )


# --- numeric -----------------------------------------------------------------------------

_MULTIPLIERS = {"k": 1000, "thousand": 1000, "million": 1_000_000}
# A number, then perhaps a multiplier or a unit ("1,500 fighters", "1.5 million", "75%").
_NUMBER_ANSWER = re.compile(
    rf"(?P<number>{NUMBER})\s*(?P<multiplier>k|thousand|million)?(?:(?<=\d)%|\s+[^\d\s][^\d]*)?",
    re.IGNORECASE,
)


def _parse_number(text: str) -> Decimal | None:
    text = " ".join(unicodedata.normalize("NFKC", text).split())
    match = _NUMBER_ANSWER.fullmatch(text)
    if match is None:
        return None
    multiplier = _MULTIPLIERS[match["multiplier"].lower()] if match["multiplier"] else 1
    return to_decimal(match["number"]) * multiplier


def _within(*, number: Decimal, answer: str, tolerance: Decimal) -> bool:
    expected = _parse_number(answer)
    if expected is not None:
        return abs(number - expected) <= tolerance
    # Sources often give a range ("1,500–2,000"): anything inside it is right.
    bounds = read_range(answer)
    return bounds is not None and min(bounds) - tolerance <= number <= max(bounds) + tolerance


def _grade_numeric(*, question: Question, given: str) -> Grade:
    number = _parse_number(given)
    if number is None:
        return Grade(
            correct=False, normalised_given=" ".join(given.split()), expected=question.answer
        )
    tolerance = Decimal(question.tolerance)
    normalised = plain_number(number)
    if any(_within(number=number, answer=a, tolerance=tolerance) for a in _answers(question)):
        return Grade(correct=True, normalised_given=normalised, expected=question.answer)
    # Within a tenth of the answer ("about 2,000" for 1,850): near, as a date a day off is.
    near = any(_within(number=number, answer=a, tolerance=_near(a)) for a in _answers(question))
    return Grade(
        correct=near,
        normalised_given=normalised,
        expected=question.answer,
        near=near,
        off_by="a little off" if near else "",
    )


# How far off a number may be, as a share of the answer, and still count as near.
NEAR_SHARE = Decimal("0.1")


def _near(answer: str) -> Decimal:
    expected = _parse_number(answer)
    bounds = [expected] if expected is not None else list(read_range(answer) or [])
    # A count under 10 has no near neighbour: 4 is not "about 5".
    return max((abs(bound) * NEAR_SHARE for bound in bounds if abs(bound) >= 10), default=0)


# --- date --------------------------------------------------------------------------------


# How far off a date may be and still count as near, per the answer's precision.
NEAR_DAYS = 3
NEAR_MONTHS = 1
NEAR_YEARS = 1


def _date_precision(question: Question) -> str:
    # A question typed in by a teacher has no fact: its date is a day.
    fact = question.fact
    return (fact.date_precision if fact else "") or DAY


def _date_distance(given: date, expected: date, precision: str) -> tuple[int, str]:
    """How far ``given`` is from ``expected`` in the precision's unit, and that unit's name."""
    if precision == YEAR:
        return abs(given.year - expected.year), "year"
    if precision == MONTH:
        months = abs((given.year - expected.year) * 12 + given.month - expected.month)
        return months, "month"
    return abs((given - expected).days), "day"


def _grade_date(*, question: Question, given: str) -> Grade:
    expected = read_date(question.answer)
    value = read_date(given)
    accepted = {read_date(answer) for answer in _answers(question)} - {None}
    shown = format_date(value=expected) if expected else question.answer
    normalised = value.isoformat() if value else " ".join(given.split())
    if value is None or value in accepted:
        return Grade(correct=value is not None, normalised_given=normalised, expected=shown)
    precision = _date_precision(question)
    distance, unit = min(_date_distance(value, answer, precision) for answer in accepted)
    limit = {DAY: NEAR_DAYS, MONTH: NEAR_MONTHS, YEAR: NEAR_YEARS}[precision]
    near = 0 < distance <= limit
    return Grade(
        correct=near or distance == 0,
        normalised_given=normalised,
        expected=shown,
        near=near,
        off_by=f"{distance} {unit}{'s' if distance != 1 else ''} off" if near else "",
    )


# --- ordering ----------------------------------------------------------------------------


def _items(text: str) -> list[str]:
    return [_squash(line) for line in text.splitlines() if line.strip()]


def _swaps(given: list[str], expected: list[str]) -> int | None:
    """The Kendall distance: how many pairs of events ``given`` puts the wrong way round, or
    None when it does not hold the same events."""
    if sorted(given) != sorted(expected):
        return None
    place = {item: index for index, item in enumerate(expected)}
    ranks = [place[item] for item in given]
    return sum(a > b for i, a in enumerate(ranks) for b in ranks[i + 1 :])


def _grade_ordering(*, question: Question, given: str) -> Grade:
    items = _items(given)
    expected = _items(question.answer)
    swaps = _swaps(items, expected) if items else None
    # One pair the wrong way round among three events or more is close, as a date a day off.
    near = swaps == 1 and len(expected) >= 3
    return Grade(
        correct=swaps == 0 or near,
        normalised_given="\n".join(items),
        expected=" → ".join(question.ordering_items),
        near=near,
        off_by="two events swapped" if near else "",
    )


_GRADERS: dict[str, Callable[..., Grade]] = {
    Question.Kind.MULTIPLE_CHOICE: _grade_choice,
    Question.Kind.TRUE_FALSE: _grade_choice,
    Question.Kind.SHORT_ANSWER: _grade_short_answer,
    Question.Kind.NUMERIC: _grade_numeric,
    Question.Kind.DATE: _grade_date,
    Question.Kind.ORDERING: _grade_ordering,
}
