from django.contrib import admin

from learning import models


@admin.register(models.Flag)
class FlagAdmin(admin.ModelAdmin):
    list_display = ("question", "user", "comment", "status", "created_at")
    list_filter = ("status",)
    list_select_related = ("question", "user")
    raw_id_fields = ("question", "user", "resolved_by")
