import json
import logging

import pytest
from django.urls import reverse

from campaign_quiz.observability import JsonFormatter

pytestmark = pytest.mark.django_db


def test_it_logs_each_request_with_method_path_status_and_duration(client, student, caplog):
    with caplog.at_level(logging.INFO, logger="campaign_quiz.requests"):
        client.get(reverse("home"))
    [record] = [r for r in caplog.records if r.name == "campaign_quiz.requests"]
    line = json.loads(JsonFormatter().format(record))
    assert line["method"] == "GET"
    assert line["path"] == "/"
    assert line["status"] == 200
    assert line["duration_ms"] >= 0
    assert line["user_id"] == student.pk


def test_errors_are_logged_with_their_traceback():
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.getLogger("x").makeRecord(
            "x", logging.ERROR, __file__, 1, "failed", (), exc_info=__import__("sys").exc_info()
        )
    line = json.loads(JsonFormatter().format(record))
    assert line["level"] == "ERROR"
    assert "ValueError: boom" in line["exception"]


def test_logging_a_request_never_loads_the_user_itself(
    client, student, caplog, django_assert_num_queries
):
    # /healthz never looks at the user: logging it must not query for one either.
    with (
        caplog.at_level(logging.INFO, logger="campaign_quiz.requests"),
        django_assert_num_queries(1),  # the health check's SELECT 1
    ):
        client.get(reverse("healthz"))
    [record] = [r for r in caplog.records if r.name == "campaign_quiz.requests"]
    assert record.user_id is None
