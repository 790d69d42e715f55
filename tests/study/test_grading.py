from decimal import Decimal

import pytest

from learning.models import Fact, Question
from learning.study.grading import grade_answer

Kind = Question.Kind


def grade(kind: str, answer: str, given: str, *, accepted=(), tolerance="0"):
    # Grading needs no database: an unsaved question is enough.
    question = Question(
        kind=kind,
        answer=answer,
        accepted_answers=list(accepted),
        tolerance=Decimal(tolerance),
    )
    return grade_answer(question=question, given=given)


@pytest.mark.parametrize("given", ["Rawa", "rawa", "  RAWA "])
def test_it_accepts_the_chosen_answer_whatever_its_case_and_spacing(given):
    assert grade(Kind.MULTIPLE_CHOICE, "Rawa", given).correct


@pytest.mark.parametrize("given", ["Anah", "Raw", "Rawa Rawa", ""])
def test_it_rejects_any_other_choice_exactly(given):
    assert not grade(Kind.MULTIPLE_CHOICE, "Rawa", given).correct


def test_it_grades_true_or_false():
    assert grade(Kind.TRUE_FALSE, "True", "true").correct
    assert not grade(Kind.TRUE_FALSE, "True", "False").correct


@pytest.mark.parametrize(
    ("answer", "given"),
    [
        ("Rawa", "rawa"),
        ("Al-Qā'im", "al-qaim"),
        ("Al-Qā'im", "Al Qaim"),
        ("Al-Qā'im", "Qaim"),
        ("Al-Qā'im", "el-Qa’im"),
        ("Al-Qā'im", "alqaim"),
        ("ar-Rutba", "al-Rutba"),
        ("ar-Rutba", "Rutba"),
        ("Haider al-Abadi", "Haider Abadi"),
        ("The Akkas gas field", "akkas gas-field"),
        ("Akkas gas field", "the Akkas gasfield."),
        ("1,500", "1500"),
    ],
)
def test_it_forgives_case_accents_punctuation_articles_and_spacing(answer, given):
    result = grade(Kind.SHORT_ANSWER, answer, given)

    assert result.correct
    assert not result.close


def test_it_accepts_an_alias_from_the_accepted_answers_and_names_the_others():
    result = grade(Kind.SHORT_ANSWER, "Islamic State", "ISIL", accepted=["ISIL", "Daesh"])
    assert result.correct
    assert result.also_accepted == ("ISIL", "Daesh")


@pytest.mark.parametrize(
    ("answer", "given"),
    [
        ("Yarallah", "yarrallah"),  # 8 letters: one typo
        ("Akashat", "Akashta"),  # a swap counts as one typo
        ("Abu Bakr al-Baghdadi", "abu bakr bgdhadi"),  # 10 letters or more: two typos
    ],
)
def test_it_accepts_a_close_spelling_and_says_so(answer, given):
    result = grade(Kind.SHORT_ANSWER, answer, given)

    assert result.correct
    assert result.close


@pytest.mark.parametrize(
    ("answer", "given"),
    [
        ("Rawa", "Raw"),  # under 5 letters: no typo
        ("Anah", "Anha"),
        ("Akashat", "Akshta"),  # two typos in 7 letters
        ("Abu Bakr al-Baghdadi", "abu bakr bgdhdi"),  # three typos
        ("1917", "1918"),  # numbers must be exact
        ("Brigade 17", "Brigade 71"),
        ("The Euphrates", "the"),
        ("al-Anbar", "al"),
    ],
)
def test_it_rejects_a_spelling_too_far_from_the_answer(answer, given):
    assert not grade(Kind.SHORT_ANSWER, answer, given).correct


@pytest.mark.parametrize("given", ["", "   ", "-", "'", "\n"])
def test_it_never_accepts_an_empty_answer(given):
    assert not grade(Kind.SHORT_ANSWER, "Rawa", given).correct


def test_it_shows_the_answer_and_what_it_read():
    result = grade(Kind.SHORT_ANSWER, "Al-Qā'im", "  the  AL-Qaïm ")

    assert result.expected == "Al-Qā'im"
    assert result.normalised_given == "al qaim"


@pytest.mark.parametrize(
    "given", ["1500", "1,500", "1 500", "1500.0", "1.5k", "1.5 thousand", "1,500 fighters"]
)
def test_it_reads_numbers_with_separators_decimals_and_units(given):
    result = grade(Kind.NUMERIC, "1,500", given)

    assert result.correct
    assert result.normalised_given == "1500"


def test_it_accepts_a_number_within_the_tolerance():
    assert grade(Kind.NUMERIC, "1,500", "1600", tolerance="100").correct
    assert grade(Kind.NUMERIC, "1,500", "1400", tolerance="100").correct
    assert grade(Kind.NUMERIC, "1,500", "1601", tolerance="100").near
    assert not grade(Kind.NUMERIC, "1,500", "1751", tolerance="100").correct


def test_it_accepts_a_number_inside_an_accepted_range():
    question = {"accepted": ["1,500–2,000"]}

    assert grade(Kind.NUMERIC, "1,500", "1750", **question).correct
    assert grade(Kind.NUMERIC, "1,500", "2000", **question).correct
    assert not grade(Kind.NUMERIC, "1,500", "2000", **question).near
    assert not grade(Kind.NUMERIC, "1,500", "2201", **question).correct


@pytest.mark.parametrize(("given", "near"), [("1,400", True), ("1,650", True), ("1,651", False)])
def test_a_number_within_a_tenth_of_the_answer_is_near(given, near):
    result = grade(Kind.NUMERIC, "1,500", given)
    assert result.near is near
    assert result.correct is near


def test_a_small_count_is_exact_or_wrong():
    assert not grade(Kind.NUMERIC, "6", "5").correct


@pytest.mark.parametrize("given", ["", "many", "1,50", "1e3", "1500-2000", "15OO", "½"])
def test_it_marks_an_unreadable_number_wrong(given):
    result = grade(Kind.NUMERIC, "1,500", given)

    assert not result.correct


@pytest.mark.parametrize(
    "given",
    [
        "2017-11-03",
        "3 November 2017",
        "3rd of November, 2017",
        "November 3, 2017",
        "Nov. 3 2017",
        "3/11/2017",
        "03.11.2017",
    ],
)
def test_it_reads_dates_in_several_formats(given):
    result = grade(Kind.DATE, "2017-11-03", given)

    assert result.correct
    assert result.normalised_given == "2017-11-03"
    assert result.expected == "3 November 2017"


@pytest.mark.parametrize(
    "given", ["2017-11-07", "11/3/2017", "31/02/2017", "0000-00-00", "3 Novembre 2017", "soon", ""]
)
def test_it_marks_a_wrong_or_unreadable_date_wrong(given):
    assert not grade(Kind.DATE, "2017-11-03", given).correct


@pytest.mark.parametrize(
    ("given", "off_by"),
    [("2017-11-04", "1 day off"), ("31 October 2017", "3 days off"), ("6 Nov 2017", "3 days off")],
)
def test_a_date_a_few_days_off_is_near_not_wrong(given, off_by):
    result = grade(Kind.DATE, "2017-11-03", given)
    assert result.correct and result.near
    assert result.off_by == off_by


@pytest.mark.parametrize(
    ("precision", "given", "near"),
    [
        ("month", "2017-12-01", True),
        ("month", "2018-01-01", False),
        ("year", "1916-01-01", True),
        ("year", "1919-01-01", False),
    ],
)
def test_how_near_a_date_may_be_follows_the_precision_of_its_fact(precision, given, near):
    question = Question(
        kind=Kind.DATE, answer="2017-11-01" if precision == "month" else "1917-01-01"
    )
    question.fact = Fact(date_precision=precision)
    result = grade_answer(question=question, given=given)
    assert result.near is near
    assert result.correct is near


def test_an_exact_date_is_right_and_not_merely_near():
    result = grade(Kind.DATE, "2017-11-03", "3 November 2017")
    assert result.correct and not result.near


def test_it_accepts_the_items_in_the_right_order_only():
    answer = "Rawa captured\nAl-Qa'im captured\nAkashat captured"

    assert grade(
        Kind.ORDERING, answer, "Rawa captured\r\nAl-Qa'im captured\n Akashat captured "
    ).correct
    assert not grade(
        Kind.ORDERING, answer, "Akashat captured\nAl-Qa'im captured\nRawa captured"
    ).correct
    assert not grade(Kind.ORDERING, answer, "Rawa captured\nAl-Qa'im captured").correct
    assert grade(Kind.ORDERING, answer, "").expected == (
        "Rawa captured → Al-Qa'im captured → Akashat captured"
    )


@pytest.mark.parametrize(
    ("given", "near"),
    [
        ("B\nA\nC\nD", True),  # one pair the wrong way round: close
        ("A\nC\nB\nD", True),
        ("B\nA\nD\nC", False),  # two pairs: wrong
        ("D\nC\nB\nA", False),
    ],
)
def test_an_order_with_one_pair_the_wrong_way_round_is_close(given, near):
    result = grade(Kind.ORDERING, "A\nB\nC\nD", given)
    assert result.near is near
    assert result.correct is near
    assert result.off_by == ("two events swapped" if near else "")


def test_two_events_the_wrong_way_round_are_wrong_not_close():
    assert not grade(Kind.ORDERING, "A\nB", "B\nA").correct


@pytest.mark.parametrize("kind", Kind.values)
@pytest.mark.parametrize(
    "given",
    ["", "\x00", "\ud800", "ﬁ" * 50, "🙂" * 100_000, "1" * 100_000, "1 " * 50_000, "-" * 100_000],
)
def test_it_never_raises_on_strange_input(kind, given):
    assert not grade(kind, "2017-11-03", given).correct


@pytest.mark.parametrize(
    ("kind", "answer", "given", "shown"),
    [
        ("date", "2017-11-03", "2017-10-27", "27 October 2017"),
        ("date", "2017-11-03", "sometime", "sometime"),
        ("ordering", "A\nB\nC", "B\nA\nC", "B → A → C"),
        ("short_answer", "Rawa", "  rawa ", "rawa"),
    ],
)
def test_it_shows_the_students_answer_in_the_form_of_the_right_one(kind, answer, given, shown):
    assert grade(kind, answer, given).shown_given == shown
