"""Time importing the seed article and generating its questions, on a throwaway database;
then the same for a 50 KB article (the Winter War with the sections of other corpus articles
after it).

Run: .venv/bin/python bench/generation.py
"""

import io
import tempfile
import time
from collections import Counter
from pathlib import Path

from throwaway import CORPUS, SEED, throwaway_database

LONG_ARTICLE_BYTES = 50_000


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

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "long_article.txt"
            path.write_text(_long_article(), encoding="utf-8")
            started = time.perf_counter()
            call_command("import_source", str(path), stdout=io.StringIO())
            imported = time.perf_counter()
            source = Source.objects.get(title="Winter War")
            generate_questions(source=source)
            generated = time.perf_counter()
            size = path.stat().st_size
            print(f"{size / 1000:.0f} KB article: import {imported - started:.2f} s, ", end="")
            print(f"generation {generated - imported:.2f} s, {source.questions.count()} questions")


def _long_article() -> str:
    """The Winter War article, then other articles' sections (their text after the infobox)
    until it holds LONG_ARTICLE_BYTES."""
    text = (CORPUS / "winter_war.txt").read_text(encoding="utf-8")
    for other in sorted(CORPUS.glob("*.txt")):
        if len(text.encode()) >= LONG_ARTICLE_BYTES:
            break
        if other.name != "winter_war.txt":
            body = other.read_text(encoding="utf-8")
            text += "\n" + body[body.index("\n==") :]
    return text


def _by_kind(counts: Counter) -> str:
    return ", ".join(f"{kind} {n}" for kind, n in sorted(counts.items()))


if __name__ == "__main__":
    main()
