"""One rulebook: the admin form, the CSV importer and the GIFT importer refuse the same
invalid questions with the same words."""

import csv
import io
import json

import pytest
from django.urls import reverse

from learning.bank import rules
from learning.bank.exchange.importer import QuestionImportError, import_questions
from learning.models import Question
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db

Kind = Question.Kind

NINE = [f"Town {n}" for n in range(1, 10)]


def _case(kind, answer, choices, gift, message):
    return pytest.param(kind, answer, choices, gift, message, id=message.split(",")[0])


CASES = [
    _case(
        "multiple_choice",
        "Town 1",
        NINE,
        "Which town? {=Town 1 " + " ".join(f"~{c}" for c in NINE[1:]) + "}",
        "Give between 2 and 8 choices.",
    ),
    _case(
        "multiple_choice",
        "a",
        ["a", "A"],
        "Which letter? {=a ~A}",
        "Each choice must differ from the others (ignoring case).",
    ),
    _case(
        "ordering",
        "Anah\nRawa",
        ["Rawa", "Anah"],
        "// kind: ordering\nPut in order. {=Rawa -> 2 =Anah -> 1}",
        "Give at least 3 items, one per line, in the right order.",
    ),
    # GIFT marks the right choice among the choices, so it cannot leave the answer out.
    _case(
        "multiple_choice",
        "Baghdad",
        ["Rawa", "Anah"],
        None,
        "The answer must be one of the choices, exactly as written there.",
    ),
    _case(
        "numeric",
        "seventy",
        [],
        "How many? {#seventy}",
        "The answer 'seventy' is not a number: write one such as 75 or 1,500, "
        "or a range 1500–2000.",
    ),
]


def _csv(*, kind: str, answer: str, choices: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["kind", "prompt", "answer", "choices"])
    writer.writerow([kind, "Which one?", answer, json.dumps(choices) if choices else ""])
    return out.getvalue().encode()


def _import_error(*, format: str, data: bytes) -> str:
    source = SourceFactory()
    with pytest.raises(QuestionImportError) as error:
        import_questions(source=source, format=format, data=data)
    assert not source.questions.exists()
    return error.value.message


def _admin_errors(client, *, kind: str, answer: str, choices: list[str]) -> list[str]:
    source = SourceFactory()
    response = client.post(
        reverse("admin:learning_question_add"),
        {
            "kind": kind,
            "prompt": "Which one?",
            "answer": answer,
            "choices_text": choices,
            "choices_position": [str(n) for n in range(1, len(choices) + 1)],
            "tolerance": "0",
            "status": "draft",
            "source": source.pk,
        },
    )
    assert response.status_code == 200
    assert not Question.objects.exists()
    form = response.context["adminform"].form
    return [message for messages in form.errors.values() for message in messages]


@pytest.mark.parametrize(("kind", "answer", "choices", "gift", "message"), CASES)
def test_the_admin_and_both_importers_refuse_an_invalid_question_in_the_same_words(
    admin_client, kind, answer, choices, gift, message
):
    assert _admin_errors(admin_client, kind=kind, answer=answer, choices=choices) == [message]
    assert _import_error(format="csv", data=_csv(kind=kind, answer=answer, choices=choices)) == (
        message
    )
    if gift is not None:
        assert _import_error(format="gift", data=f"{gift}\n".encode()) == message


@pytest.mark.parametrize(
    ("kind", "answer", "choices", "errors"),
    [
        (Kind.MULTIPLE_CHOICE, "Rawa", ["Anah", "Rawa", "Hit"], {}),
        (Kind.MULTIPLE_CHOICE, "Rawa", ["Rawa"], {"choices": "between 2 and 8"}),
        (Kind.MULTIPLE_CHOICE, "A", list("ABCDEFGHI"), {"choices": "between 2 and 8"}),
        (Kind.MULTIPLE_CHOICE, "Rawa", ["Rawa", "Anah", "RAWA"], {"choices": "differ"}),
        (Kind.MULTIPLE_CHOICE, "Rawa", ["Anah", "Hit"], {"answer": "one of the choices"}),
        (Kind.TRUE_FALSE, "False", ["True", "False"], {}),
        (Kind.TRUE_FALSE, "yes", ["True", "False"], {"answer": "True or False"}),
        (Kind.TRUE_FALSE, "True", ["True", "False", "Maybe"], {"choices": "True and False"}),
        (Kind.NUMERIC, "1,500", [], {}),
        (Kind.NUMERIC, "-2.5", [], {}),
        (Kind.NUMERIC, "1500–2000", [], {}),
        (Kind.NUMERIC, "about 75", [], {"answer": "not a number"}),
        (Kind.NUMERIC, "75", ["75", "80"], {"choices": "Only multiple choice"}),
        (Kind.DATE, "2017-11-17", [], {}),
        (Kind.DATE, "17 November 2017", [], {"answer": "YYYY-MM-DD"}),
        (Kind.DATE, "2017-02-30", [], {"answer": "YYYY-MM-DD"}),
        (Kind.ORDERING, "A\nB\nC", ["C", "A", "B"], {}),
        (Kind.ORDERING, "A\nB", ["B", "A"], {"answer": "at least 3"}),
        (Kind.ORDERING, "A\nB\nC", ["C", "A", "D"], {"choices": "the answer's items"}),
        (Kind.ORDERING, "A\nB\nb", ["A", "B", "b"], {"answer": "differ"}),
        (Kind.SHORT_ANSWER, "Rawa", [], {}),
    ],
)
def test_each_kind_needs_an_answer_students_can_give(kind, answer, choices, errors):
    found = rules.question_problems(kind=kind, prompt="Which?", answer=answer, choices=choices)
    assert found.keys() == errors.keys()
    for field, words in errors.items():
        assert words in found[field]


@pytest.mark.parametrize(
    ("tolerance", "words"),
    [
        ("-1", "negative"),
        ("0.001", "two decimals"),
        ("1e20", "fewer than 15 digits"),
        # Too large to round to two decimals at all.
        ("1e30", "fewer than 15 digits"),
        ("-1e30", "fewer than 15 digits"),
    ],
)
def test_a_tolerance_is_a_small_positive_number_with_two_decimals(tolerance, words):
    found = rules.question_problems(
        kind=Kind.NUMERIC, prompt="How many?", answer="75", choices=[], tolerance=tolerance
    )
    assert words in found["tolerance"]


def test_only_numeric_questions_have_a_tolerance():
    found = rules.question_problems(
        kind=Kind.SHORT_ANSWER, prompt="Who?", answer="Rawa", choices=[], tolerance="5"
    )
    assert found == {"tolerance": "Only numeric questions have a tolerance."}
