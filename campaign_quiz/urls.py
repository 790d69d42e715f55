from django.contrib import admin
from django.urls import include, path

from campaign_quiz import health

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    # Pages link the SVG icon; the admin's pages and old browsers ask for /favicon.ico.
    path("favicon.ico", health.favicon, name="favicon"),
    path("", include("learning.urls")),
]

handler500 = "campaign_quiz.health.server_error"
