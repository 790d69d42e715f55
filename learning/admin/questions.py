from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from learning import models


@admin.action(description="Publish selected questions")
def publish(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet) -> None:
    _set_status(modeladmin, request, queryset, models.Question.Status.PUBLISHED)


@admin.action(description="Retire selected questions")
def retire(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet) -> None:
    _set_status(modeladmin, request, queryset, models.Question.Status.RETIRED)


@admin.action(description="Return selected questions to draft")
def return_to_draft(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet) -> None:
    _set_status(modeladmin, request, queryset, models.Question.Status.DRAFT)


def _set_status(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet, status: str
) -> None:
    # A person's choice of status is curation: regeneration must not undo it.
    count = queryset.update(status=status, edited_by_human=True)
    label = models.Question.Status(status).label.lower()
    modeladmin.message_user(request, f"{count} question(s) now {label}.", messages.SUCCESS)


@admin.register(models.Question)
class QuestionAdmin(SimpleHistoryAdmin):
    list_display = ("prompt", "kind", "status", "section", "source", "edited_by_human")
    list_filter = ("status", "kind", "edited_by_human", "source", "section")
    list_select_related = ("section", "source")
    search_fields = ("prompt", "answer", "sentence__text")
    list_per_page = 50
    actions = [publish, retire, return_to_draft]
    raw_id_fields = ("fact", "sentence")
    readonly_fields = ("source", "section", "generation_key", "created_at", "updated_at")
    fields = (
        "prompt",
        "kind",
        "answer",
        "accepted_answers",
        "choices",
        "tolerance",
        "explanation",
        "status",
        "edited_by_human",
        "source",
        "section",
        "fact",
        "sentence",
        "generation_key",
        "created_at",
        "updated_at",
    )

    def save_model(self, request, obj, form, change) -> None:
        # A person's edit must survive regeneration.
        if change and form.has_changed():
            obj.edited_by_human = True
        super().save_model(request, obj, form, change)
