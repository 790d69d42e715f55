import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from learning.models import Question
from tests.factories import (
    QuestionSetFactory,
    QuestionSetItemFactory,
    SourceFactory,
    TeacherFactory,
    UserFactory,
    person_question,
)

pytestmark = pytest.mark.django_db

EXPORT = reverse("export-questions")
IMPORT = reverse("import-questions")
CSV = b"kind,prompt,answer\nshort_answer,Who commanded the JOC?,Yarallah\n"


@pytest.fixture
def teacher(client):
    user = TeacherFactory()
    client.force_login(user)
    return user


def _upload(client, *, source, data: bytes = CSV, format: str = "csv"):
    file = SimpleUploadedFile("questions.csv", data, content_type="text/csv")
    return client.post(IMPORT, {"source": source.pk, "format": format, "file": file})


@pytest.mark.parametrize("url", [EXPORT, IMPORT])
def test_anonymous_visitors_are_sent_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("url", [EXPORT, IMPORT])
def test_students_may_not_move_question_banks(client, student, url):
    assert client.get(url).status_code == 403
    assert _upload(client, source=SourceFactory()).status_code == 403


def test_a_teacher_downloads_a_source_as_a_named_attachment(client, teacher):
    question = person_question(source=SourceFactory(title="Western Iraq campaign"))
    response = client.get(EXPORT, {"source": question.source.pk, "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == ('attachment; filename="western-iraq-campaign.csv"')
    assert question.prompt in response.content.decode()


def test_a_teacher_downloads_any_published_set_as_an_anki_deck(client, teacher):
    item = QuestionSetItemFactory(question_set__owner=TeacherFactory())
    response = client.get(EXPORT, {"set": item.question_set.pk, "format": "apkg"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response.content.startswith(b"PK")


def test_another_teachers_unpublished_set_is_not_exported_but_ones_own_is(client, teacher):
    theirs = QuestionSetFactory(is_published=False, owner=TeacherFactory())
    mine = QuestionSetFactory(is_published=False, owner=teacher)
    assert client.get(EXPORT, {"set": theirs.pk, "format": "gift"}).status_code == 400
    assert client.get(EXPORT, {"set": mine.pk, "format": "gift"}).status_code == 200


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"format": "csv"}, "Choose a question set or a source."),
        ({"source": 1, "set": 1, "format": "csv"}, "Choose a question set or a source."),
        ({"source": 1, "format": "pdf"}, "Select a valid choice. pdf is not one of"),
    ],
)
def test_a_bad_export_request_shows_the_form_with_its_error(client, teacher, query, message):
    SourceFactory(pk=1)
    QuestionSetFactory(pk=1)
    response = client.get(EXPORT, query)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_import_page_has_a_form_with_the_chosen_source_selected(client, teacher):
    source = SourceFactory()
    response = client.get(IMPORT, {"source": source.pk})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in page and "csrfmiddlewaretoken" in page
    assert f'<option value="{source.pk}" selected>' in page


def test_importing_creates_drafts_and_shows_the_counts_with_the_drafts(client, teacher):
    source = SourceFactory(title="Western Iraq")
    response = _upload(client, source=source)
    assert response.status_code == 302
    assert response.url == (
        f"{reverse('admin:learning_question_changelist')}"
        f"?source__id__exact={source.pk}&status__exact=draft"
    )
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Imported 1 question into 'Western Iraq' as drafts; skipped 0 already in it."
    ]
    (question,) = source.questions.all()
    assert question.status == Question.Status.DRAFT and question.edited_by_human


def test_a_malformed_upload_names_the_line_and_imports_nothing(client, teacher):
    source = SourceFactory()
    response = _upload(client, source=source, data=CSV + b"numeric,How many?,lots\n")
    assert response.status_code == 400
    assert "Nothing was imported. Line 3: The answer &#x27;lots&#x27; is not a number" in (
        response.content.decode()
    )
    assert not source.questions.exists()


def test_gift_uploads_are_read_as_gift(client, teacher):
    source = SourceFactory()
    _upload(client, source=source, data=b"Rawa fell in 2017. {T}\n", format="gift")
    assert source.questions.get().kind == Question.Kind.TRUE_FALSE


def test_an_upload_without_the_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    client.force_login(TeacherFactory())
    source = SourceFactory()
    assert _upload(client, source=source).status_code == 403
    assert not source.questions.exists()


def test_the_source_admin_page_links_to_every_export_and_to_the_import(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    source = SourceFactory()
    page = client.get(reverse("admin:learning_source_change", args=[source.pk])).content.decode()
    for format_name in ("csv", "gift", "moodle-xml", "apkg"):
        assert f"{EXPORT}?source={source.pk}&amp;format={format_name}" in page
    assert f"{IMPORT}?source={source.pk}" in page


def test_the_question_set_admin_page_links_to_every_export(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    question_set = QuestionSetFactory()
    url = reverse("admin:learning_questionset_change", args=[question_set.pk])
    page = client.get(url).content.decode()
    for format_name in ("csv", "gift", "moodle-xml", "apkg"):
        assert f"{EXPORT}?set={question_set.pk}&amp;format={format_name}" in page
