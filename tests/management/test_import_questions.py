import pytest
from django.core.management import CommandError, call_command

from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db

CSV = "kind,prompt,answer\nshort_answer,Who commanded the JOC?,Yarallah\n"


def test_it_imports_a_file_into_the_source_and_prints_the_counts(tmp_path, capsys):
    source = SourceFactory(title="Western Iraq")
    path = tmp_path / "questions.gift"
    path.write_text("Who commanded the JOC? {=Yarallah}\n\nRawa fell. {T}\n", encoding="utf-8")
    call_command("import_questions", path, source=source.slug, format="gift")
    assert capsys.readouterr().out == (
        "Imported 2 questions into 'Western Iraq' as drafts; skipped 0 already in it.\n"
    )
    assert source.questions.count() == 2


def test_a_malformed_file_is_a_one_line_error_naming_the_line_and_imports_nothing(tmp_path):
    source = SourceFactory()
    path = tmp_path / "questions.csv"
    path.write_text(f"{CSV}date,When was Rawa taken?,17 November\n", encoding="utf-8")
    with pytest.raises(
        CommandError, match="Line 3: The answer '17 November' is not a date"
    ) as error:
        call_command("import_questions", path, source=source.slug, format="csv")
    assert str(error.value).startswith(f"Nothing imported from {path}. Line 3")
    assert "\n" not in str(error.value)
    assert not source.questions.exists()


def test_it_refuses_an_unknown_source_and_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="No source with slug 'nowhere'"):
        call_command("import_questions", tmp_path / "x.csv", source="nowhere", format="csv")
    with pytest.raises(CommandError, match=r"Cannot read .*x\.csv: No such file"):
        call_command(
            "import_questions", tmp_path / "x.csv", source=SourceFactory().slug, format="csv"
        )
