"""Structured logs: one JSON line per request, and every error with its traceback."""

import json
import logging
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.functional import empty

request_logger = logging.getLogger("campaign_quiz.requests")

# Attributes every LogRecord has; anything else was passed as `extra` and is logged too.
_STANDARD_ATTRIBUTES = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD_ATTRIBUTES and not key.startswith("_"):
                entry[key] = value if isinstance(value, str | int | float | bool) else str(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def _loaded_user_id(request: HttpRequest) -> int | None:
    """The user's id if a view already loaded the user; never a query of its own.

    A query here would fail again during a database outage and lose the log line.
    """
    user = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", empty) is empty:
        return None
    return user.pk if user.is_authenticated else None


class RequestLogMiddleware:
    """Logs method, path, status and duration of each request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        request_logger.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": duration_ms,
                "user_id": _loaded_user_id(request),
            },
        )
        return response
