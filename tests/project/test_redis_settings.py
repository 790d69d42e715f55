"""With REDIS_URL set, the real Redis is the cache and backs the sessions."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Runs in a fresh process, since settings are read once at start-up.
CHECK = """
from django.conf import settings
from django.core.cache import caches
cache = caches["default"]
cache.set("campaign-quiz-test", "kept", 30)
print(settings.SESSION_ENGINE, cache.get("campaign-quiz-test"), type(cache).__name__)
"""


def test_redis_is_the_cache_and_keeps_sessions_when_redis_url_is_set(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v0", "-c", CHECK],
        cwd=ROOT,
        env={
            **os.environ,
            "REDIS_URL": "redis://127.0.0.1:6379/15",
            "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.contrib.sessions.backends.cached_db",
        "kept",
        "RedisCache",
    ]
