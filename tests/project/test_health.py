import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory


@pytest.fixture
def database_down(tmp_path):
    """Point the real connection at a database that cannot be reached."""
    saved = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = str(tmp_path / "missing" / "db.sqlite3")
    else:
        connection.settings_dict["PORT"] = "1"
    yield
    connection.close()
    connection.settings_dict.update(saved)


@pytest.mark.django_db
def test_it_reports_a_healthy_database(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db(transaction=True)
def test_it_reports_an_unreachable_database_with_a_503(client, database_down):
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


@pytest.mark.django_db(transaction=True)
def test_pages_answer_a_database_outage_with_a_clear_503(database_down_after_login):
    client = database_down_after_login
    response = client.get(reverse("home"))
    assert response.status_code == 503
    assert b"Back in a moment" in response.content
    assert response["Retry-After"] == "5"


@pytest.fixture
def database_down_after_login(request):
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory())
    request.getfixturevalue("database_down")
    return client
