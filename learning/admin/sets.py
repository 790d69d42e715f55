from django.contrib import admin

from learning import models


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
