import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from learning.models import Entity, Fact, Question, Section, Sentence, Source
from tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db

ARTICLES = Path(__file__).resolve().parent.parent / "articles"
MODELS = (Source, Section, Sentence, Entity, Fact)


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def _import(path: Path, capsys) -> str:
    call_command("import_source", str(path))
    return capsys.readouterr().out.strip()


def test_it_imports_the_seed_and_prints_a_one_line_summary(seed_path, capsys):
    out = _import(seed_path, capsys)
    source = Source.objects.get()
    assert out == (
        f"Imported '2017 Western Iraq campaign': {source.sections.count()} sections, "
        f"{source.sentences.count()} sentences, {source.entities.count()} entities, "
        f"{source.facts.count()} facts (created)"
    )
    assert source.slug == "2017-western-iraq-campaign"
    assert source.text == seed_path.read_text()
    assert len(source.checksum) == 64
    assert (str(source.start_date), str(source.end_date)) == ("2017-10-26", "2017-12-09")
    lead = source.sections.get(order=0)
    assert (lead.title, lead.level, lead.parent) == ("Introduction", 1, None)
    rawa = source.sections.get(title="Rawa")
    assert (rawa.level, rawa.parent.title) == (3, "The campaign")
    assert source.sentences.filter(text__contains="on 26 October.").exists()
    assert source.sentences.filter(text__contains="301 km² (116.2 sq mi)").exists()
    assert list(source.sentences.values_list("order", flat=True)) == list(
        range(source.sentences.count())
    )
    see_also = source.sentences.filter(section__title="See also")
    assert see_also.filter(text="Battle of Kirkuk (2017)").exists()


def test_importing_the_same_file_twice_changes_nothing(seed_path, capsys):
    _import(seed_path, capsys)
    before = _counts()
    ids = {model.__name__: set(model.objects.values_list("id", flat=True)) for model in MODELS}
    updated_at = Source.objects.get().updated_at
    out = _import(seed_path, capsys)
    assert out.endswith("(unchanged)")
    assert _counts() == before
    assert {m.__name__: set(m.objects.values_list("id", flat=True)) for m in MODELS} == ids
    assert Source.objects.get().updated_at == updated_at


def test_a_changed_file_updates_in_place_and_retires_questions_of_removed_sentences(
    seed_path, tmp_path, capsys
):
    article = tmp_path / "article.txt"
    article.write_text(seed_path.read_text())
    _import(article, capsys)
    source = Source.objects.get()
    removed = source.sentences.get(text__startswith="Iraqi forces captured Rawa later")
    kept = source.sentences.get(text__startswith="On 3 November, the Iraqi Army captured")
    generated = QuestionFactory(fact=removed.facts.first(), edited_by_human=False)
    edited = QuestionFactory(fact=removed.facts.last(), kind="short_answer", edited_by_human=True)
    untouched = QuestionFactory(fact=kept.facts.first())
    kept_ids = set(source.sentences.exclude(pk=removed.pk).values_list("id", flat=True))

    text = seed_path.read_text().replace("Iraqi forces captured Rawa later in the day. ", "")
    text = text.replace("== Aftermath ==", "== Aftermath ==\n\nOn 11 December, Rawa celebrated.")
    article.write_text(text)
    out = _import(article, capsys)

    assert out.endswith("(updated)")
    assert Source.objects.get().pk == source.pk
    removed.refresh_from_db()
    assert not removed.is_current
    assert not removed.facts.exists()
    assert kept_ids <= set(Sentence.objects.filter(is_current=True).values_list("id", flat=True))
    assert Sentence.objects.filter(text="On 11 December, Rawa celebrated.").exists()
    generated.refresh_from_db()
    edited.refresh_from_db()
    untouched.refresh_from_db()
    assert generated.status == Question.Status.RETIRED
    assert (edited.status, edited.sentence) == (Question.Status.PUBLISHED, removed)
    assert untouched.status == Question.Status.PUBLISHED
    assert untouched.fact is not None


def test_any_article_in_the_format_imports(capsys):
    out = _import(ARTICLES / "battle_of_hastings.txt", capsys)
    assert out.startswith("Imported 'Battle of Hastings': 7 sections,")
    source = Source.objects.get(slug="battle-of-hastings")
    assert source.sections.get(title="Fighting").parent.title == "Battle"
    assert source.facts.filter(kind=Fact.Kind.EVENT, date="1066-12-25").exists()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.txt", "the file is empty"),
        ("latin1.txt", "not UTF-8 text"),
        ("no_title.txt", "not a '= Title =' heading"),
        ("title_only.txt", "no prose"),
        ("no_prose.txt", "no prose"),
        ("missing.txt", "no such file"),
    ],
)
def test_bad_input_is_refused_with_one_line_and_nothing_written(name, message):
    with pytest.raises(CommandError, match=message) as error:
        call_command("import_source", str(ARTICLES / name))
    assert "\n" not in str(error.value)
    assert all(count == 0 for count in _counts().values())


def test_a_binary_file_is_refused(tmp_path):
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(CommandError, match="binary"):
        call_command("import_source", str(binary))
    assert Source.objects.count() == 0


def test_the_command_exits_non_zero_with_a_one_line_error():
    result = subprocess.run(
        [sys.executable, "manage.py", "import_source", str(ARTICLES / "empty.txt")],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0
    assert "the file is empty" in result.stderr


def test_forcing_a_re_import_of_the_same_text_keeps_every_row(seed_path, capsys):
    _import(seed_path, capsys)
    ids = {m.__name__: set(m.objects.values_list("id", flat=True)) for m in MODELS}
    question = QuestionFactory(fact=Fact.objects.filter(kind=Fact.Kind.EVENT).first())
    call_command("import_source", str(seed_path), force=True)
    assert capsys.readouterr().out.strip().endswith("(updated)")
    assert {m.__name__: set(m.objects.values_list("id", flat=True)) for m in MODELS} == ids
    question.refresh_from_db()
    assert question.status == Question.Status.PUBLISHED
