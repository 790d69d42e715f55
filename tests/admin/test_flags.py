import pytest
from django.urls import reverse

from learning.models import Flag, Question
from tests.factories import FlagFactory, QuestionFactory, UserFactory

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:learning_flag_changelist")


def _listed(response) -> list[Flag]:
    return list(response.context["cl"].result_list)


def test_the_queue_shows_open_flags_unless_asked_otherwise(client, teacher):
    open_flag = FlagFactory()
    resolved = FlagFactory(status=Flag.Status.RESOLVED)
    assert _listed(client.get(CHANGELIST)) == [open_flag]
    assert _listed(client.get(CHANGELIST, {"status__exact": "resolved"})) == [resolved]
    assert set(_listed(client.get(CHANGELIST, {"status__exact": "all"}))) == {open_flag, resolved}


def test_the_queue_counts_flags_by_status_on_request(client, teacher):
    FlagFactory.create_batch(2)
    FlagFactory(status=Flag.Status.RESOLVED)
    content = client.get(CHANGELIST, {"_facets": "True"}).content.decode()
    assert "Open (2)" in content and "Resolved (1)" in content and "All (3)" in content


def test_the_queue_shows_the_comment_a_link_to_the_question_and_the_student(client, teacher):
    student = UserFactory(username="amira")
    flag = FlagFactory(user=student, comment="Rawa fell on the 17th, not the 3rd.")
    html = client.get(CHANGELIST).content.decode()
    question_url = reverse("admin:learning_question_change", args=[flag.question_id])
    assert "Rawa fell on the 17th, not the 3rd." in html
    assert f'<a href="{question_url}">{flag.question.prompt}</a>' in html
    assert '<td class="field-student">amira</td>' in html


def test_the_queue_shows_html_in_comments_and_questions_as_text(client, teacher):
    FlagFactory(comment="<script>alert(1)</script>", question__prompt="<b>Which?</b>")
    content = client.get(CHANGELIST).content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert b"&lt;b&gt;Which?&lt;/b&gt;" in content
    assert b"<script>alert(1)" not in content


def test_the_queue_takes_the_same_queries_for_many_flags(
    client, teacher, django_assert_max_num_queries
):
    FlagFactory.create_batch(40)
    with django_assert_max_num_queries(8):
        response = client.get(CHANGELIST)
    assert response.content.count(b'class="action-select"') == 40


def test_resolving_flags_notes_the_teacher(client, teacher):
    chosen, other = FlagFactory.create_batch(2)
    response = client.post(CHANGELIST, {"action": "resolve", "_selected_action": [chosen.pk]})
    assert response.status_code == 302
    chosen.refresh_from_db()
    other.refresh_from_db()
    assert chosen.status == Flag.Status.RESOLVED and chosen.resolved_by == teacher
    assert other.status == Flag.Status.OPEN


def test_retiring_a_flagged_question_resolves_all_its_open_flags_in_one_step(client, teacher):
    question = QuestionFactory()
    chosen, sibling = FlagFactory.create_batch(2, question=question)
    client.post(CHANGELIST, {"action": "retire_questions", "_selected_action": [chosen.pk]})
    question.refresh_from_db()
    assert question.status == Question.Status.RETIRED and question.edited_by_human
    assert question.history.first().history_user == teacher
    assert set(question.flags.values_list("status", flat=True)) == {Flag.Status.RESOLVED}
    sibling.refresh_from_db()
    assert sibling.resolved_by == teacher


def test_a_teacher_resolves_a_flag_on_its_page(client, teacher):
    flag = FlagFactory()
    url = reverse("admin:learning_flag_change", args=[flag.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"status": Flag.Status.RESOLVED})
    assert response.status_code == 302
    flag.refresh_from_db()
    assert flag.status == Flag.Status.RESOLVED and flag.resolved_by == teacher


def test_a_teacher_may_not_delete_or_add_flags(client, teacher):
    flag = FlagFactory()
    assert client.get(reverse("admin:learning_flag_delete", args=[flag.pk])).status_code == 403
    assert client.get(reverse("admin:learning_flag_add")).status_code == 403
    assert b'value="delete_selected"' not in client.get(CHANGELIST).content
    assert Flag.objects.filter(pk=flag.pk).exists()


def test_a_student_is_sent_to_the_admin_login(client):
    client.force_login(UserFactory())
    response = client.get(CHANGELIST)
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
