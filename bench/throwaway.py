"""A throwaway SQLite database for the benchmarks that import articles, and where they live.

Run from a benchmark script in this folder: ``with throwaway_database("quality"): ...``.
"""

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "2017_western_iraq_campaign.txt"
CORPUS = ROOT / "fixtures" / "articles"


@contextmanager
def throwaway_database(name: str) -> Iterator[None]:
    """Django set up on a fresh, migrated database that is deleted afterwards."""
    with tempfile.TemporaryDirectory() as folder:
        # Set before Django reads its settings, so the real database is never touched.
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/{name}.sqlite3"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "campaign_quiz.settings")
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        yield
