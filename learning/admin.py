from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from learning import models

admin.site.site_header = "Campaign Quiz administration"
admin.site.site_title = "Campaign Quiz"


class SectionInline(admin.TabularInline):
    model = models.Section
    fields = ("order", "title", "level", "parent")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(models.Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "start_date", "end_date", "imported_at", "updated_at")
    search_fields = ("title", "slug")
    readonly_fields = ("checksum", "imported_at", "updated_at")
    inlines = [SectionInline]


@admin.register(models.Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ("title", "source", "level", "order", "parent")
    list_filter = ("source", "level")
    list_select_related = ("source", "parent")
    search_fields = ("title",)


@admin.register(models.Sentence)
class SentenceAdmin(admin.ModelAdmin):
    list_display = ("text", "section", "order", "is_current")
    list_filter = ("is_current", "source", "section")
    list_select_related = ("section",)
    search_fields = ("text",)


@admin.register(models.Entity)
class EntityAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "aliases", "source")
    list_filter = ("kind", "source")
    list_select_related = ("source",)
    search_fields = ("name", "aliases")


@admin.register(models.Fact)
class FactAdmin(admin.ModelAdmin):
    list_display = ("subject", "value", "kind", "date", "number", "unit", "infobox_field")
    list_filter = ("kind", "source", "date_precision")
    list_select_related = ("sentence",)
    search_fields = ("subject", "value", "source_text", "sentence__text")
    raw_id_fields = ("sentence", "entity")


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
class QuestionAdmin(admin.ModelAdmin):
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


class QuestionSetItemInline(admin.TabularInline):
    model = models.QuestionSetItem
    raw_id_fields = ("question",)
    extra = 0


@admin.register(models.QuestionSet)
class QuestionSetAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "source", "section", "is_published")
    list_filter = ("is_published", "source")
    list_select_related = ("source", "section")
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [QuestionSetItemInline]


@admin.register(models.Flag)
class FlagAdmin(admin.ModelAdmin):
    list_display = ("question", "user", "comment", "status", "created_at")
    list_filter = ("status",)
    list_select_related = ("question", "user")
    raw_id_fields = ("question", "user", "resolved_by")
