"""Property-based tests: arbitrary teacher requests never cause a 500.

Export parameters, uploaded files of any bytes, gradebook sorting and item-analysis
filters get junk; the answer is a 2xx, 3xx or 4xx and an import writes all or nothing.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from learning.models import Question
from tests.factories import (
    FUZZ,
    VALUES,
    AssignmentFactory,
    ClassroomFactory,
    MembershipFactory,
    QuestionSetItemFactory,
    SourceFactory,
    posts,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(client):
    classroom = ClassroomFactory()
    item = QuestionSetItemFactory()
    AssignmentFactory(classroom=classroom, question_set=item.question_set)
    MembershipFactory(classroom=classroom)
    client.force_login(classroom.teacher)
    return {"client": client, "classroom": classroom, "set": item.question_set}


@pytest.mark.parametrize(
    ("url_name", "fields"),
    [
        ("export-questions", ("set", "source", "format", "status")),
        ("gradebook", ("sort", "dir")),
        ("gradebook-csv", ("sort", "dir")),
        ("item-analysis", ("classroom",)),
    ],
)
def test_teacher_pages_take_any_query_string(world, url_name, fields):
    args = {
        "gradebook": [world["classroom"].pk],
        "gradebook-csv": [world["classroom"].pk],
        "item-analysis": [world["set"].pk],
    }.get(url_name, [])
    url = reverse(url_name, args=args)

    @FUZZ
    @given(params=posts(*fields))
    def get(params):
        assert world["client"].get(url, params).status_code < 500

    get()


def test_imports_of_any_bytes_write_all_or_nothing(world):
    source = SourceFactory()
    url = reverse("import-questions")

    @FUZZ
    @given(
        content=st.one_of(
            st.binary(max_size=300),
            st.text(max_size=300).map(str.encode),
            st.lists(st.lists(VALUES, min_size=1, max_size=8).map(",".join), max_size=5).map(
                lambda rows: ("kind,prompt,answer\n" + "\n".join(rows)).encode()
            ),
        ),
        file_format=st.sampled_from(["csv", "gift", "pdf", ""]),
        source_id=st.sampled_from([str(source.pk), "0", "x", ""]),
    )
    def upload(content, file_format, source_id):
        before = Question.objects.count()
        response = world["client"].post(
            url,
            {
                "source": source_id,
                "format": file_format,
                "file": SimpleUploadedFile("bank.txt", content),
            },
        )
        assert response.status_code < 500
        if response.status_code != 302:
            # Refused: nothing at all was imported.
            assert Question.objects.count() == before

    upload()
