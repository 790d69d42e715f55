"""Time importing the seed article and generating its questions, on a throwaway database.

Run: .venv/bin/python bench/generation.py
"""

import io
import time
from collections import Counter

from throwaway import SEED, throwaway_database


def main() -> None:
    with throwaway_database("bench"):
        from django.core.management import call_command

        from learning.bank.generation import generate_questions
        from learning.bank.question_sets import sync_question_sets
        from learning.models import Fact, Question, Source

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
