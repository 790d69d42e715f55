"""Question sets: a teacher makes their own and reads the generated ones.

A teacher sees the sets they own plus the generated sets (no owner), which they may
read but not change; other teachers' sets stay hidden. Superusers see and change all.
"""

from django.contrib import admin, messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from learning import models
from learning.bank.selectors import with_studiable_count
from learning.teaching.permissions import (
    assignable_sets,
    can_change_set,
    changeable_sets,
    visible_sets,
)


@admin.action(description="Publish selected sets", permissions=["change"])
def publish(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet) -> None:
    _set_published(modeladmin, request, queryset, is_published=True)


@admin.action(description="Unpublish selected sets", permissions=["change"])
def unpublish(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet) -> None:
    _set_published(modeladmin, request, queryset, is_published=False)


def _set_published(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet, *, is_published: bool
) -> None:
    # The selection may include generated sets a teacher can only read: leave those alone.
    count = queryset.filter(pk__in=changeable_sets(user=request.user)).update(
        is_published=is_published
    )
    state = "published" if is_published else "unpublished"
    modeladmin.message_user(request, f"{count} set(s) now {state}.", messages.SUCCESS)


class _OwnerChangesMixin:
    """Only the set's owner (or a superuser) changes or deletes it and its items."""

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return can_change_set(
            user=request.user, question_set=obj
        ) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return can_change_set(
            user=request.user, question_set=obj
        ) and super().has_delete_permission(request, obj)


class QuestionSetItemInline(_OwnerChangesMixin, admin.TabularInline):
    model = models.QuestionSetItem
    fields = ("order", "question", "status")
    readonly_fields = ("status",)
    autocomplete_fields = ("question",)
    extra = 1

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("question")

    @admin.display(description="Status")
    def status(self, item: models.QuestionSetItem) -> str:
        # Students only get published questions: say which ones they will not see.
        return item.question.get_status_display() if item.question_id else ""

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return can_change_set(user=request.user, question_set=obj) and super().has_add_permission(
            request, obj
        )


@admin.register(models.QuestionSet)
class QuestionSetAdmin(_OwnerChangesMixin, admin.ModelAdmin):
    list_display = (
        "name",
        "source",
        "section",
        "owner",
        "is_published",
        "question_count",
        "published_count",
    )
    list_filter = ("is_published", "source")
    list_select_related = ("source", "section", "owner")
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}
    fields = ("name", "slug", "description", "source", "section", "is_published", "owner")
    readonly_fields = ("owner",)
    autocomplete_fields = ("source", "section")
    actions = [publish, unpublish]
    inlines = [QuestionSetItemInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # Meta.ordering does not apply to grouped queries: order explicitly.
        return with_studiable_count(
            visible_sets(user=request.user).annotate(question_count=Count("items"))
        ).order_by("name", "id")

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        # Classes may only be assigned published sets (the autocomplete of their inline).
        if request.GET.get("model_name") == "assignment":
            queryset = queryset & assignable_sets(user=request.user)
        return queryset, may_have_duplicates

    @admin.display(description="Questions", ordering="question_count")
    def question_count(self, question_set: models.QuestionSet) -> int:
        return question_set.question_count

    @admin.display(description="Published questions", ordering="published_count")
    def published_count(self, question_set: models.QuestionSet) -> int:
        return question_set.published_count

    def get_actions(self, request: HttpRequest) -> dict:
        actions = super().get_actions(request)
        # Bulk delete would reach the generated sets a teacher may only read.
        if not request.user.is_superuser:
            actions.pop("delete_selected", None)
        return actions

    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        if not change:
            obj.owner = request.user
        super().save_model(request, obj, form, change)
