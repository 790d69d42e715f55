from decimal import Decimal

import pytest

from learning.bank.exchange.exporter import export_format, source_bank
from learning.bank.exchange.importer import QuestionImportError, import_questions, parse_gift
from learning.models import Question
from tests.factories import SourceFactory, as_fields, person_question, questions_of_every_kind

pytestmark = pytest.mark.django_db

HEADER = "kind,prompt,answer,accepted_answers,choices,explanation,tolerance,status\n"


def _import(text: str, *, format: str = "csv", source=None):
    return import_questions(source=source or SourceFactory(), format=format, data=text.encode())


@pytest.mark.parametrize("format_name", ["csv", "gift"])
def test_exporting_and_importing_again_gives_the_same_questions(format_name):
    source = SourceFactory()
    questions = questions_of_every_kind(source)
    data = export_format(format_name).write(source_bank(source=source))
    copy = SourceFactory()
    result = import_questions(source=copy, format=format_name, data=data.encode())
    assert (result.created, result.skipped) == (len(questions), 0)
    assert [as_fields(q) for q in copy.questions.order_by("id")] == [
        as_fields(q) for q in questions
    ]


def test_imported_questions_are_drafts_a_person_wrote():
    source = SourceFactory()
    _import(f"{HEADER}short_answer,Who?,Yarallah,,,,,published\n", source=source)
    (question,) = source.questions.all()
    assert question.status == Question.Status.DRAFT
    assert question.edited_by_human and question.generation_key == ""
    assert question.fact is None and question.sentence is None


def test_questions_the_source_already_has_are_skipped_and_counted():
    source = SourceFactory()
    person_question(
        source=source, kind=Question.Kind.SHORT_ANSWER, prompt="Who?", answer="Yarallah"
    )
    result = _import(
        f"{HEADER}short_answer,Who?,Yarallah\nshort_answer,Where?,Rawa\nshort_answer,Where?,Rawa\n",
        source=source,
    )
    assert (result.created, result.skipped) == (1, 2)
    assert result.summary() == (
        f"Imported 1 question into '{source.title}' as drafts; skipped 2 already in it."
    )
    assert source.questions.count() == 2


def test_a_csv_may_start_with_a_byte_order_mark_and_leave_out_optional_columns():
    source = SourceFactory()
    import_questions(
        source=source,
        format="csv",
        data="\ufeffkind,prompt,answer\ntrue_false,Rawa fell?,true\n".encode(),
    )
    (question,) = source.questions.all()
    assert (question.answer, question.choices) == ("True", ["True", "False"])


@pytest.mark.parametrize(
    ("rows", "line", "message"),
    [
        ("quiz,Who?,Yarallah\n", 3, "Unknown kind 'quiz'; use one of: multiple_choice"),
        ("short_answer,,Yarallah\n", 3, "The prompt is empty."),
        ("short_answer,Who?,  \n", 3, "The answer is empty."),
        (
            'multiple_choice,Which?,Rawa,,"[""Anah"", ""Hit""]"\n',
            3,
            "The answer must be one of the choices",
        ),
        ("numeric,How many?,seventy\n", 3, "The answer 'seventy' is not a number"),
        ("numeric,How many?,75,,,,lots\n", 3, "the tolerance 'lots' is not a number"),
        ("numeric,How many?,75,,,,0.001\n", 3, "The tolerance has at most two decimals"),
        # Past what a decimal can round to two places: a refusal, not a crash.
        ("numeric,How many?,75,,,,1e30\n", 3, "The tolerance has at most two decimals"),
        ("numeric,How many?,75,,,,-1e30\n", 3, "The tolerance has at most two decimals"),
        ("date,When?,17 November 2017\n", 3, "is not a date written YYYY-MM-DD"),
        ("date,When?,2017-02-30\n", 3, "is not a date written YYYY-MM-DD"),
        ("true_false,Rawa fell?,maybe\n", 3, "is True or False, not 'maybe'"),
        ("short_answer,Who?,Yarallah,Yarallah|Emir\n", 3, "accepted_answers must be a JSON list"),
        (
            'ordering,Order?,"First\nSecond\nThird",,"[""First"", ""Third"", ""Fourth""]"\n',
            3,
            "The choices must be the answer's items",
        ),
        (
            'ordering,Order?,"First\nSecond",,"[""Second"", ""First""]"\n',
            3,
            "Give at least 3 items",
        ),
        # The row after a three-line cell starts on line 6.
        (
            'ordering,Order?,"First\nSecond\nThird",,"[""Second"", ""Third"", ""First""]"\n'
            "quiz,x,y\n",
            6,
            "Unknown",
        ),
        ("short_answer,Who?,Yarallah,,,,,,extra\n", 3, "more cells than columns"),
        ('short_answer,"Who?,Yarallah\n', 3, "not valid CSV"),
    ],
)
def test_a_malformed_csv_row_names_its_line_and_imports_nothing(rows, line, message):
    source = SourceFactory()
    valid = "short_answer,Who commanded?,Yarallah\n"
    with pytest.raises(QuestionImportError, match=message) as error:
        _import(f"{HEADER}{valid}{rows}", source=source)
    assert error.value.line == line
    assert str(error.value).startswith(f"Line {line}: ")
    assert not source.questions.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("kind,prompt,answer,colour\n", "unknown column 'colour'; the columns are kind, prompt"),
        ("kind,prompt\n", "the column 'answer' is missing"),
        ("kind,prompt,answer,prompt\n", "the column 'prompt' appears twice"),
        ("", "the file is empty"),
        (HEADER, "the file has no questions"),
    ],
)
def test_a_bad_csv_header_is_line_1(text, message):
    with pytest.raises(QuestionImportError, match=message) as error:
        _import(text)
    assert error.value.line == 1


def test_a_file_that_is_not_utf8_names_the_line_of_the_first_bad_byte():
    data = f"{HEADER}short_answer,Who?,Yarallah\n".encode() + "short_answer,Où?,Rawa\n".encode(
        "latin-1"
    )
    with pytest.raises(QuestionImportError, match="Line 3: not UTF-8 text"):
        import_questions(source=SourceFactory(), format="csv", data=data)


MOODLE_GIFT = """\
// question: 12 name: Rawa
$CATEGORY: $course$/top/Western Iraq

::Rawa::[html]<p>Which town fell on <b>17 November</b>?</p>{
\t~Anah#No: September.
\t=Rawa#Yes.
\t~%50%Hit
\t####Rawa fell last.
}

::Anah::Anah fell before Rawa.{TRUE}

::Fighters::How many fighters defended Rawa?{#=75:5 =%50%80:1 =76:0}

Rawa was taken by the {=Iraqi Army =army} in November.
"""


def test_gift_as_moodle_writes_it_is_read_with_feedback_weights_and_markup_left_out():
    choice, true_false, numeric, missing_word = parse_gift(MOODLE_GIFT)
    assert (choice.kind, choice.prompt) == ("multiple_choice", "Which town fell on 17 November?")
    assert (choice.answer, choice.choices) == ("Rawa", ["Anah", "Rawa", "Hit"])
    assert (choice.explanation, choice.line) == ("Rawa fell last.", 4)
    assert (true_false.kind, true_false.answer, true_false.line) == ("true_false", "True", 11)
    assert (numeric.answer, numeric.tolerance, numeric.accepted_answers) == (
        "75",
        Decimal(5),
        ["76"],
    )
    assert missing_word.prompt == "Rawa was taken by the _____ in November."
    assert (missing_word.answer, missing_word.accepted_answers) == ("Iraqi Army", ["army"])


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("Who commanded the JOC?", 3, r"no answer in braces \{ \}"),
        ("Which town? {=Rawa =Anah ~Hit}", 3, "exactly one right answer"),
        ("Which town? {~Rawa ~Anah}", 3, "exactly one right answer"),
        ("Describe the campaign. {}", 3, "essay questions"),
        ("Match. {=Rawa -> Iraq =Raqqa -> Syria =Hit -> Iraq}", 3, "only matching questions"),
        ("Order. {=Anah -> 1 =Rawa -> 3}", 3, "the places must be 1, 2, 3"),
        ("// kind: date\nWhen? {=17 November 2017}", 4, "is not a date written YYYY-MM-DD"),
        ("// kind: date\nWhen? {T}", 4, "the comment says kind date, the braces a true_false"),
        ("// accepted: Rawah\nWhich? {=Rawa ~Hit}", 4, "must be a JSON list of texts"),
        ("How many? {#many}", 3, "The answer 'many' is not a number"),
        ("How many? {#75:1e30}", 3, "The tolerance has at most two decimals"),
        ("Which {=Rawa} and {=Anah}?", 3, "more than one pair of braces"),
        ("::Rawa Which town? {=Rawa}", 3, r"the title ::…:: is not closed"),
    ],
)
def test_a_malformed_gift_question_names_its_first_line_and_imports_nothing(text, line, message):
    source = SourceFactory()
    valid = "::Yarallah:: Who commanded the JOC? {=Yarallah}\n\n"
    with pytest.raises(QuestionImportError, match=message) as error:
        _import(f"{valid}{text}\n", format="gift", source=source)
    assert error.value.line == line
    assert not source.questions.exists()


def test_gift_html_text_is_read_as_the_text_it_shows_entities_included():
    (question,) = parse_gift(
        "::Tal Afar::[html]<p>Which town &amp; district fell after Tal&nbsp;Afar, "
        "&#8220;the last&#8221; &lt;city&gt;?</p>{=Rawa ~Anah}\n"
    )
    assert question.prompt == "Which town & district fell after Tal\xa0Afar, “the last” <city>?"


def test_gift_reads_escaped_special_characters_and_line_breaks():
    (draft,) = parse_gift(r"Is 2 \= 1 + 1 \{really\}\: a\\b\~? {T ####One\nTwo \#3}")
    assert draft.prompt == r"Is 2 = 1 + 1 {really}: a\b~?"
    assert draft.explanation == "One\nTwo #3"
