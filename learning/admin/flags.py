"""Flags: the queue of students' reports that a question is wrong or unclear."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from learning import models
from learning.bank import curation
from learning.teaching import permissions

Flag = models.Flag


class FlagStatusFilter(admin.SimpleListFilter):
    """Open flags unless asked otherwise: the list is a queue of work to do."""

    title = "status"
    # The parameter of Django's own filter on the field, so that its links keep working.
    parameter_name = "status__exact"
    ALL = "all"

    def lookups(self, request, model_admin) -> list[tuple[str, str]]:
        return [*Flag.Status.choices, (self.ALL, "All")]

    def value(self) -> str:
        return super().value() or Flag.Status.OPEN

    def queryset(self, request, queryset: QuerySet) -> QuerySet:
        return queryset if self.value() == self.ALL else queryset.filter(status=self.value())

    def choices(self, changelist):
        # Without the default "All" entry: "All" is one of the lookups here.
        counts = self.get_facet_queryset(changelist) if changelist.add_facets else {}
        for i, (value, label) in enumerate(self.lookup_choices):
            count = counts.get(f"{i}__c")
            yield {
                "selected": self.value() == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label if count is None else f"{label} ({count})",
            }


@admin.action(description="Resolve selected flags", permissions=["change"])
def resolve(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet) -> None:
    count = curation.resolve_flags(flags=queryset, user=request.user)
    modeladmin.message_user(request, f"{count} flag(s) resolved.", messages.SUCCESS)


@admin.action(
    description="Retire the flagged questions and resolve their flags",
    permissions=["change", "retire"],
)
def retire_questions(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet
) -> None:
    result = curation.retire_flagged_questions(flags=queryset, user=request.user)
    modeladmin.message_user(
        request,
        f"{result.retired} question(s) retired; {result.resolved} flag(s) resolved.",
        messages.SUCCESS,
    )


@admin.register(Flag)
class FlagAdmin(admin.ModelAdmin):
    list_display = ("comment", "question_link", "student", "created_at", "status")
    list_display_links = ("comment",)
    list_filter = (FlagStatusFilter, "created_at")
    list_select_related = ("question", "user")
    search_fields = ("comment", "question__prompt", "user__username")
    actions = [resolve, retire_questions]
    fields = (
        "question_link",
        "student",
        "comment",
        "created_at",
        "status",
        "resolved_at",
        "resolved_by",
    )
    readonly_fields = (
        "question_link",
        "student",
        "comment",
        "created_at",
        "resolved_at",
        "resolved_by",
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request) & permissions.visible_flags(user=request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Students flag questions while studying; nobody makes flags here.
        return False

    def has_retire_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("learning.change_question")

    def save_model(self, request, obj, form, change) -> None:
        if "status" in form.changed_data:
            curation.save_flag_status(flag=obj, user=request.user)
        else:
            super().save_model(request, obj, form, change)

    @admin.display(description="question", ordering="question__prompt")
    def question_link(self, flag: Flag) -> str:
        url = reverse("admin:learning_question_change", args=[flag.question_id])
        return format_html('<a href="{}">{}</a>', url, flag.question)

    @admin.display(description="student", ordering="user__username")
    def student(self, flag: Flag) -> str:
        return flag.user.get_username()
