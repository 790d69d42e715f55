from django.contrib import admin

from learning import models


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
