import pytest
from django.urls import reverse

from tests.factories import (
    MembershipFactory,
    QuizAttemptFactory,
    QuizResponseFactory,
    ReviewLogFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

MODELS = ["quizattempt", "card", "reviewlog"]


def _results_of(student) -> dict:
    """One result of each kind for the student, by model name."""
    review = ReviewLogFactory(card__user=student)
    attempt = QuizAttemptFactory(user=student, score=3, total=4)
    return {"quizattempt": attempt, "card": review.card, "reviewlog": review}


@pytest.mark.parametrize("model", MODELS)
def test_a_teacher_sees_the_results_of_their_students_only(client, teacher, model):
    mine = _results_of(MembershipFactory(classroom__teacher=teacher).student)[model]
    removed = MembershipFactory(classroom__teacher=teacher, removed_at="2026-01-01T00:00Z")
    kept = _results_of(removed.student)[model]
    theirs = _results_of(MembershipFactory().student)[model]
    _results_of(UserFactory())

    response = client.get(reverse(f"admin:learning_{model}_changelist"))

    assert set(response.context["cl"].result_list) == {mine, kept}
    assert client.get(reverse(f"admin:learning_{model}_change", args=[mine.pk])).status_code == 200
    other = client.get(reverse(f"admin:learning_{model}_change", args=[theirs.pk]))
    assert other.status_code == 302


@pytest.mark.parametrize("model", MODELS)
def test_a_superuser_sees_everyones_results(client, model):
    results = [_results_of(UserFactory())[model], _results_of(MembershipFactory().student)[model]]
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(reverse(f"admin:learning_{model}_changelist"))
    assert set(response.context["cl"].result_list) == set(results)


@pytest.mark.parametrize("model", MODELS)
def test_results_cannot_be_added_changed_or_deleted(client, teacher, model):
    result = _results_of(MembershipFactory(classroom__teacher=teacher).student)[model]
    change_url = reverse(f"admin:learning_{model}_change", args=[result.pk])

    page = client.get(change_url)

    assert not page.context["has_change_permission"]
    assert b'name="_save"' not in page.content
    assert client.post(change_url, {}).status_code == 403
    assert client.get(reverse(f"admin:learning_{model}_add")).status_code == 403
    delete_url = reverse(f"admin:learning_{model}_delete", args=[result.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert type(result).objects.filter(pk=result.pk).exists()


def test_an_attempt_shows_the_students_answers(client, teacher):
    attempt = QuizAttemptFactory(user=MembershipFactory(classroom__teacher=teacher).student)
    QuizResponseFactory(attempt=attempt, answer_given="Anah", correct=False)
    page = client.get(reverse("admin:learning_quizattempt_change", args=[attempt.pk]))
    assert b"Anah" in page.content


@pytest.mark.parametrize("model", MODELS)
def test_the_lists_take_a_constant_number_of_queries(
    client, teacher, model, django_assert_max_num_queries
):
    classroom = MembershipFactory(classroom__teacher=teacher).classroom
    for _ in range(20):
        _results_of(MembershipFactory(classroom=classroom).student)

    with django_assert_max_num_queries(10):
        response = client.get(reverse(f"admin:learning_{model}_changelist"))

    assert len(response.context["cl"].result_list) == 20
