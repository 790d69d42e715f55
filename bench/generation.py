"""Time importing the seed article and generating its questions, on a throwaway database.

Run: .venv/bin/python bench/generation.py
"""

import io
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "2017_western_iraq_campaign.txt"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        # Set before Django reads its settings, so the real database is never touched.
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "campaign_quiz.settings")
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.core.management import call_command

        from learning.bank.generation import generate_questions
        from learning.bank.question_sets import sync_question_sets
        from learning.models import Fact, Question, Source

        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        call_command("import_source", str(SEED), stdout=io.StringIO())
        imported = time.perf_counter()
        for source in Source.objects.all():
            generate_questions(source=source)
            sync_question_sets(source=source)
        generated = time.perf_counter()

        facts = Counter(Fact.objects.values_list("kind", flat=True))
        questions = Counter(Question.objects.values_list("kind", flat=True))
        print(f"import:     {imported - started:.2f} s")
        print(f"generation: {generated - imported:.2f} s")
        print(f"facts:      {sum(facts.values())} ({_by_kind(facts)})")
        print(f"questions:  {sum(questions.values())} ({_by_kind(questions)})")


def _by_kind(counts: Counter) -> str:
    return ", ".join(f"{kind} {n}" for kind, n in sorted(counts.items()))


if __name__ == "__main__":
    main()
