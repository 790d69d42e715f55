"""Benchmark the study loop with a student who has 10,000 cards.

Prints, for SQLite and PostgreSQL, the median and 95th-percentile latency and the query
count of showing a card, answering it and rating it, through Django's test client.

    .venv/bin/python bench/study.py [--cards 10000] [--rounds 200] [--engines sqlite,postgres]
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/campaign_quiz_bench"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        run_worker(cards=args.cards, rounds=args.rounds)
        return
    for engine in args.engines.split(","):
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{tmp}/bench.sqlite3" if engine == "sqlite" else POSTGRES_URL
            if engine == "postgres":
                _recreate_postgres_database(url)
            env = {**os.environ, "DATABASE_URL": url, "ALLOWED_HOSTS": "testserver"}
            command = [sys.executable, __file__, "--worker", f"--cards={args.cards}"]
            command.append(f"--rounds={args.rounds}")
            print(f"== {engine} ==", flush=True)
            subprocess.run(command, env=env, check=True, cwd=ROOT)


def _recreate_postgres_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    server = url.rsplit("/", 1)[0] + "/postgres"
    import psycopg

    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def run_worker(*, cards: int, rounds: int) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "campaign_quiz.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    question_set, student = _seed(cards=cards)

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from learning.study.queue import next_card

    client = Client()
    client.force_login(student)
    htmx = {"HTTP_HX_REQUEST": "true"}
    timings: dict[str, list[float]] = {"show a card": [], "answer it": [], "rate it": []}
    queries: dict[str, list[int]] = {name: [] for name in timings}

    def measure(name: str, request) -> None:
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = request()
            timings[name].append((time.perf_counter() - started) * 1000)
        assert response.status_code in (200, 302), response.status_code
        queries[name].append(len(captured.captured_queries))

    from django.utils import timezone

    for _ in range(rounds):
        item = next_card(user=student, question_set=question_set, now=timezone.now())
        question = item.question
        reps = item.card.reps if item.card else 0
        measure("show a card", lambda: client.get(reverse("study", args=[question_set.slug])))
        answer = {"question": question.pk, "answer": question.answer, "shown_at": 0}
        measure(
            "answer it",
            lambda answer=answer: client.post(
                reverse("study-answer", args=[question_set.slug]), answer, **htmx
            ),
        )
        rating = {"question": question.pk, "answer": question.answer, "rating": 3, "reps": reps}
        measure(
            "rate it",
            lambda rating=rating: client.post(
                reverse("study-rate", args=[question_set.slug]), rating, **htmx
            ),
        )

    print(f"{cards} cards, {rounds} rounds, {connection.vendor}")
    print(f"{'step':<12} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for name, values in timings.items():
        p95 = statistics.quantiles(values, n=20)[-1]
        print(f"{name:<12} {statistics.median(values):>10.1f} {p95:>8.1f} {max(queries[name]):>8}")


def _seed(*, cards: int):
    """A published set of ``cards`` questions, all of them cards of one student, half due."""
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from learning.models import Card, Question, QuestionSet, QuestionSetItem, Section, Source

    source = Source.objects.create(title="Bench", slug="bench", text="= Bench =", checksum="0")
    section = Section.objects.create(source=source, title="Introduction", level=1, order=0)
    question_set = QuestionSet.objects.create(name="Bench", slug="bench", source=source)
    questions = Question.objects.bulk_create(
        Question(
            source=source,
            section=section,
            kind=Question.Kind.MULTIPLE_CHOICE,
            prompt=f"Which town was taken on day {index}?",
            answer="Rawa",
            choices=["Anah", "Rawa", "Akashat", "Hit"],
            status=Question.Status.PUBLISHED,
            generation_key=f"bench-{index}",
        )
        for index in range(cards)
    )
    QuestionSetItem.objects.bulk_create(
        QuestionSetItem(question_set=question_set, question=question, order=index)
        for index, question in enumerate(questions)
    )
    student = get_user_model().objects.create_user(username="bench", password="bench-pass-phrase")
    now = timezone.now()
    Card.objects.bulk_create(
        Card(
            user=student,
            question=question,
            question_set=question_set,
            state=Card.State.REVIEW,
            stability=5.0,
            difficulty=5.0,
            # Half are overdue, half due over the coming weeks.
            due=now + timedelta(hours=index - cards // 2),
            last_review=now - timedelta(days=5),
            reps=3,
        )
        for index, question in enumerate(questions)
    )
    return question_set, student


if __name__ == "__main__":
    main()
