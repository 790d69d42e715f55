from django.contrib import admin
from django.urls import include, path

from campaign_quiz import health

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    path("", include("learning.urls")),
]

handler500 = "campaign_quiz.health.server_error"
