"""The app's own 400, 403, 404 and 500 pages, each with a way home, and its favicon."""

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.template.loader import render_to_string
from django.test import override_settings
from django.urls import path, reverse

from campaign_quiz.urls import urlpatterns as project_urls

pytestmark = pytest.mark.django_db


def _forbidden(request):
    raise PermissionDenied


def _malformed(request):
    raise SuspiciousOperation("a malformed request")


urlpatterns = [
    path("forbidden/", _forbidden),
    path("malformed/", _malformed),
    *project_urls,
]


@pytest.mark.parametrize(
    ("url", "status", "title"),
    [
        ("/no-such-page/", 404, "Page not found"),
        ("/forbidden/", 403, "You may not see this page"),
        ("/malformed/", 400, "That request could not be read"),
    ],
)
@override_settings(ROOT_URLCONF=__name__)
def test_an_error_gets_the_apps_own_page_with_a_way_home(client, url, status, title):
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == status
    assert f"<h1>{title}</h1>" in html
    assert 'href="/">Back home</a>' in html
    assert 'rel="stylesheet"' in html


def test_the_500_page_needs_no_database_and_leads_home():
    html = render_to_string("500.html")
    assert "<h1>Something went wrong</h1>" in html
    assert 'href="/">Back home</a>' in html


def test_every_page_links_the_favicon_and_favicon_ico_leads_to_it(client):
    assert 'rel="icon" href="/static/favicon.svg"' in client.get(reverse("login")).content.decode()
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/favicon.svg"
    assert client.get("/static/favicon.svg").status_code == 200
