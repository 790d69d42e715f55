from django.urls import path

from learning import views

urlpatterns = [
    path("", views.home, name="home"),
]
