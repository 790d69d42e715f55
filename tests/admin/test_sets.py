from types import ModuleType

import pytest
from django.contrib import admin
from django.http import HttpResponse
from django.urls import path, reverse

from learning.models import Question, QuestionSet
from tests.factories import (
    QuestionFactory,
    QuestionSetFactory,
    QuestionSetItemFactory,
    TeacherFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:learning_questionset_changelist")


def _change_url(question_set: QuestionSet) -> str:
    return reverse("admin:learning_questionset_change", args=[question_set.pk])


@pytest.fixture
def superuser(client):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(superuser)
    return superuser


def _item_forms(items: list[dict], initial: int = 0) -> dict:
    data = {
        "items-TOTAL_FORMS": str(len(items)),
        "items-INITIAL_FORMS": str(initial),
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
    }
    for index, item in enumerate(items):
        data.update({f"items-{index}-{name}": value for name, value in item.items()})
    return data


def test_a_teacher_sees_their_own_sets_and_the_generated_ones_but_not_another_teachers(
    client, teacher
):
    mine = QuestionSetFactory(owner=teacher)
    generated = QuestionSetFactory(owner=None)
    theirs = QuestionSetFactory(owner=TeacherFactory())

    response = client.get(CHANGELIST)

    assert set(response.context["cl"].result_list) == {mine, generated}
    assert theirs.name.encode() not in response.content
    assert client.get(_change_url(theirs)).status_code == 302
    response = client.post(_change_url(theirs), {"name": "Taken over", "slug": theirs.slug})
    theirs.refresh_from_db()
    assert theirs.name != "Taken over"


def test_a_teacher_reads_a_generated_set_but_cannot_change_it(client, teacher):
    generated = QuestionSetItemFactory(question_set__owner=None).question_set

    page = client.get(_change_url(generated))
    response = client.post(_change_url(generated), {"name": "Renamed", "slug": generated.slug})

    assert page.status_code == 200
    assert not page.context["has_change_permission"]
    assert b'name="_save"' not in page.content
    assert response.status_code == 403
    generated.refresh_from_db()
    assert generated.name != "Renamed"


def test_a_superuser_sees_and_changes_every_set(client, superuser):
    sets = [QuestionSetFactory(owner=TeacherFactory()), QuestionSetFactory(owner=None)]
    response = client.get(CHANGELIST)
    assert set(response.context["cl"].result_list) == set(sets)
    page = client.get(_change_url(sets[0]))
    assert page.context["has_change_permission"]


def test_a_new_set_belongs_to_its_maker_and_keeps_the_order_given(client, teacher):
    first, second = QuestionFactory.create_batch(2)
    data = {"name": "Battle of Rawa", "slug": "battle-of-rawa", "description": "The last town."}
    data |= _item_forms([{"question": second.pk, "order": 2}, {"question": first.pk, "order": 1}])

    response = client.post(reverse("admin:learning_questionset_add"), data)

    assert response.status_code == 302
    question_set = QuestionSet.objects.get(slug="battle-of-rawa")
    assert question_set.owner == teacher
    assert list(question_set.questions.order_by("set_items__order")) == [first, second]


def test_a_teacher_reorders_the_questions_of_their_set(client, teacher):
    question_set = QuestionSetFactory(owner=teacher)
    first = QuestionSetItemFactory(question_set=question_set, order=0)
    second = QuestionSetItemFactory(question_set=question_set, order=1)
    data = {"name": question_set.name, "slug": question_set.slug, "is_published": "on"}
    data |= _item_forms(
        [
            {
                "id": item.pk,
                "question_set": question_set.pk,
                "question": item.question_id,
                "order": order,
            }
            for item, order in [(first, 1), (second, 0)]
        ],
        initial=2,
    )

    response = client.post(_change_url(question_set), data)

    assert response.status_code == 302
    assert [item.question for item in question_set.items.order_by("order")] == [
        second.question,
        first.question,
    ]


def test_questions_are_found_for_a_set_through_autocomplete(client, teacher):
    wanted = QuestionFactory(prompt="When did the army retake Rawa?")
    QuestionFactory(prompt="Who commanded the offensive?")
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "learning",
            "model_name": "questionsetitem",
            "field_name": "question",
            "term": "retake",
        },
    )
    assert [result["id"] for result in response.json()["results"]] == [str(wanted.pk)]


def test_the_list_counts_questions_and_published_questions_without_n_plus_one(
    client, teacher, django_assert_max_num_queries
):
    for _ in range(20):
        question_set = QuestionSetFactory(owner=teacher)
        QuestionSetItemFactory.create_batch(2, question_set=question_set)
        QuestionSetItemFactory(question_set=question_set, question__status=Question.Status.DRAFT)

    with django_assert_max_num_queries(10):
        response = client.get(CHANGELIST)

    counts = {(s.question_count, s.published_count) for s in response.context["cl"].result_list}
    assert counts == {(3, 2)}
    assert len(response.context["cl"].result_list) == 20


def test_publishing_and_unpublishing_leave_sets_the_teacher_cannot_change(client, teacher):
    mine = QuestionSetFactory(owner=teacher, is_published=False)
    generated = QuestionSetFactory(owner=None, is_published=False)

    client.post(CHANGELIST, {"action": "publish", "_selected_action": [mine.pk, generated.pk]})

    assert QuestionSet.objects.get(pk=mine.pk).is_published
    assert not QuestionSet.objects.get(pk=generated.pk).is_published

    QuestionSet.objects.filter(pk=generated.pk).update(is_published=True)
    client.post(CHANGELIST, {"action": "unpublish", "_selected_action": [mine.pk, generated.pk]})

    assert not QuestionSet.objects.get(pk=mine.pk).is_published
    assert QuestionSet.objects.get(pk=generated.pk).is_published


def _action_names(client) -> list[str]:
    return [
        name for name, _ in client.get(CHANGELIST).context["action_form"].fields["action"].choices
    ]


def test_bulk_delete_is_for_superusers_as_it_would_reach_the_generated_sets(client, teacher):
    assert "delete_selected" not in _action_names(client)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert "delete_selected" in _action_names(client)


def test_students_get_only_the_published_questions_of_published_sets(client, teacher):
    draft = QuestionSetItemFactory(
        question_set__owner=teacher, question__status=Question.Status.DRAFT, order=0
    )
    question_set = draft.question_set
    published = QuestionSetItemFactory(question_set=question_set, order=1)
    client.post(CHANGELIST, {"action": "unpublish", "_selected_action": [question_set.pk]})
    client.force_login(UserFactory())
    study_url = reverse("study", args=[question_set.slug])

    assert client.get(study_url).status_code == 404

    QuestionSet.objects.filter(pk=question_set.pk).update(is_published=True)
    assert client.get(study_url).context["item"].question == published.question


def _stub(request, **kwargs) -> HttpResponse:
    return HttpResponse()


def _urls(*routes) -> ModuleType:
    # The admin with or without the pages other modules add, whether those exist yet or not.
    urls = ModuleType("urls")
    urls.urlpatterns = [path("admin/", admin.site.urls), *routes]
    return urls


def test_the_set_page_links_to_its_item_analysis_once_that_page_exists(client, teacher, settings):
    question_set = QuestionSetFactory(owner=teacher)
    analysis = path("analysis/<int:set_id>/", _stub, name="item-analysis")

    settings.ROOT_URLCONF = _urls(analysis)
    with_route = client.get(_change_url(question_set))
    settings.ROOT_URLCONF = _urls()
    without_route = client.get(_change_url(question_set))

    assert f'href="/analysis/{question_set.pk}/"'.encode() in with_route.content
    assert without_route.status_code == 200
    assert b"Item analysis" not in without_route.content
