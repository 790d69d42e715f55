"""Benchmark the study loop at 1,000 to 1,000,000 cards, beside a bare logged-in view.

For each engine and size, a fresh database holds one published set of N questions, all of
them cards of one student (half overdue, half due over the coming weeks). Each round, through
Django's test client, the student requests ``/whoami/`` (the smallest logged-in view), shows a
card, answers it and rates it (the rating's response carries the next card, as with htmx).
Prints each step's median and 95th percentile, its ratio to ``/whoami/``'s median in the same
run, and its queries (statements reading or writing rows; sessions are in Redis, as in
production, at ``BENCH_REDIS_URL``, database 2 by default, which the run clears; connections
are kept between requests and posts are form-encoded, also as in production).
``--crowd`` adds one student among 10,000 students with 300 cards each (3 million cards in
the table).

    .venv/bin/python bench/study.py [--sizes 1000,10000,100000] [--rounds 100]
                                    [--engines sqlite,postgres] [--crowd]
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/campaign_quiz_bench"
)
STEPS = ("whoami", "show a card", "answer it", "rate + next")
CROWD_STUDENTS, CROWD_CARDS = 10_000, 300
FORM_ENCODED = "application/x-www-form-urlencoded"
TRANSACTION = re.compile(r"\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b", re.IGNORECASE)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--crowd", action="store_true", help="also 10,000 students × 300 cards")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        students, cards = (int(part) for part in args.worker.split("x"))
        run_worker(students=students, cards=cards, rounds=args.rounds)
        return
    runs = [(1, int(size)) for size in args.sizes.split(",")]
    if args.crowd:
        runs.append((CROWD_STUDENTS, CROWD_CARDS))
    results = []
    for engine in args.engines.split(","):
        for students, cards in runs:
            results.append(_run(engine=engine, students=students, cards=cards, rounds=args.rounds))
    _print_table(results)


def _run(*, engine: str, students: int, cards: int, rounds: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.sqlite3" if engine == "sqlite" else POSTGRES_URL
        if engine == "postgres":
            _recreate_postgres_database(url)
        # Sessions and the cache in Redis, as in production (cached sessions: no session query).
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "ALLOWED_HOSTS": "testserver",
            "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/2"),
            # Connections kept between requests, as in production.
            "CONN_MAX_AGE": "60",
        }
        command = [sys.executable, __file__, f"--worker={students}x{cards}", f"--rounds={rounds}"]
        print(f"== {engine}: {students} student(s) × {cards} cards ==", flush=True)
        output = subprocess.run(
            command, env=env, check=True, cwd=ROOT, capture_output=True, text=True
        ).stdout
    result = json.loads(output.strip().splitlines()[-1])
    return {**result, "engine": engine, "students": students, "cards": cards}


def _print_table(results: list[dict]) -> None:
    print()
    print(f"{'engine':<10} {'cards':>20} {'step':<12} {'median':>9} {'p95':>9} {'× whoami':>9} ")
    for result in results:
        scale = (
            f"{result['cards']:,}"
            if result["students"] == 1
            else f"{result['students']:,}×{result['cards']} ({result['total']:,})"
        )
        base = result["steps"]["whoami"]["median"]
        for step in STEPS:
            figures = result["steps"][step]
            print(
                f"{result['engine']:<10} {scale:>20} {step:<12} {figures['median']:>7.1f}ms "
                f"{figures['p95']:>7.1f}ms {figures['median'] / base:>8.1f}× "
                f"{figures['queries']:>3} queries"
            )


def _recreate_postgres_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    server = url.rsplit("/", 1)[0] + "/postgres"
    import psycopg

    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def run_worker(*, students: int, cards: int, rounds: int) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "campaign_quiz.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone

    from learning.study.queue import next_card

    call_command("migrate", verbosity=0)
    from django.core.cache import cache

    cache.clear()
    started = time.perf_counter()
    question_set, student = _seed(students=students, cards=cards)
    print(f"seeded in {time.perf_counter() - started:.0f} s", file=sys.stderr)

    client = Client()
    client.force_login(student)

    def post(url: str, data: dict):
        # As htmx posts a form: URL-encoded, with its header.
        return client.post(url, urlencode(data), content_type=FORM_ENCODED, HTTP_HX_REQUEST="true")

    timings: dict[str, list[float]] = {name: [] for name in STEPS}
    queries: dict[str, list[int]] = {name: [] for name in STEPS}

    def measure(name: str, request) -> None:
        with CaptureQueriesContext(connection) as captured:
            begun = time.perf_counter()
            response = request()
            timings[name].append((time.perf_counter() - begun) * 1000)
        assert response.status_code in (200, 302), (name, response.status_code)
        # Statements that read or write rows; BEGIN, COMMIT and savepoints are not counted.
        queries[name].append(
            sum(not TRANSACTION.match(query["sql"]) for query in captured.captured_queries)
        )

    study, answer_url = (
        reverse("study", args=[question_set.slug]),
        reverse("study-answer", args=[question_set.slug]),
    )
    rate_url = reverse("study-rate", args=[question_set.slug])
    # Warm up: the first requests load templates and open the connection.
    for _ in range(3):
        client.get(reverse("whoami"))
        client.get(study)
    for _ in range(rounds):
        item = next_card(user=student, question_set=question_set, now=timezone.now())
        question, reps = item.question, item.card.reps if item.card else 0
        measure("whoami", lambda: client.get(reverse("whoami")))
        measure("show a card", lambda: client.get(study))
        answer = {"question": question.pk, "answer": question.answer, "shown_at": 0}
        measure("answer it", lambda answer=answer: post(answer_url, answer))
        rating = {"question": question.pk, "answer": question.answer, "rating": 3, "reps": reps}
        measure("rate + next", lambda rating=rating: post(rate_url, rating))

    from learning.models import Card

    steps = {
        name: {
            "median": statistics.median(values),
            "p95": statistics.quantiles(values, n=20)[-1],
            "queries": max(queries[name]),
        }
        for name, values in timings.items()
    }
    print(json.dumps({"steps": steps, "total": Card.objects.count(), "vendor": connection.vendor}))


def _seed(*, students: int, cards: int):
    """A published set of ``cards`` questions and ``students`` students who each have a card
    for every question, half of them due. Inserted with INSERT … SELECT: a million rows in
    seconds."""
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.utils import timezone

    from learning.models import QuestionSet, Section, Source

    source = Source.objects.create(title="Bench", slug="bench", text="= Bench =", checksum="0")
    section = Section.objects.create(source=source, title="Introduction", level=1, order=0)
    question_set = QuestionSet.objects.create(name="Bench", slug="bench", source=source)
    User = get_user_model()
    student = User.objects.create_user(username="bench", password="bench-pass-phrase")
    now = timezone.now()
    postgres = connection.vendor == "postgresql"

    def stamp(moment: datetime) -> datetime | str:
        # SQLite keeps Django's datetimes as naive UTC text; PostgreSQL takes them as they are.
        return moment if postgres else moment.astimezone(UTC).replace(tzinfo=None).isoformat(" ")

    def series(count: int) -> str:
        if postgres:
            return f"generate_series(0, {count - 1}) AS g(i)"
        return (
            "(WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s "
            f"WHERE i < {count - 1}) SELECT i FROM s) AS g"
        )

    json_cast = "::jsonb" if postgres else ""
    # Due times: half overdue, half due over the coming weeks, by the question's rank.
    due = (
        "%s::timestamptz + (q.id - b.first - {half}) * interval '1 hour'"
        if postgres
        else "datetime(%s, (q.id - b.first - {half}) || ' hours')"
    ).format(half=cards // 2)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"""INSERT INTO learning_question (source_id, section_id, kind, prompt, answer,
                accepted_answers, choices, tolerance, explanation, status, edited_by_human, value,
                generation_key, created_at, updated_at)
            SELECT %s, %s, 'multiple_choice', 'Which town was taken on day ' || i || '?', 'Rawa',
                %s{json_cast}, %s{json_cast}, 0, '', 'published', false, 80, 'bench-' || i, %s, %s
            FROM {series(cards)}""",
            [
                source.pk,
                section.pk,
                "[]",
                json.dumps(["Anah", "Rawa", "Akashat", "Hit"]),
                stamp(now),
                stamp(now),
            ],
        )
        cursor.execute(
            """INSERT INTO learning_questionsetitem (question_set_id, question_id, "order")
            SELECT %s, id, id FROM learning_question WHERE source_id = %s""",
            [question_set.pk, source.pk],
        )
        if students > 1:
            cursor.execute(
                f"""INSERT INTO auth_user (username, password, is_superuser, first_name, last_name,
                    email, is_staff, is_active, date_joined)
                SELECT 'crowd' || i, %s, false, '', '', '', false, true, %s
                FROM {series(students - 1)}""",
                [student.password, stamp(now)],
            )
        cursor.execute(
            f"""INSERT INTO learning_card (user_id, question_id, question_set_id, state, stability,
                difficulty, due, last_review, reps, created_at)
            SELECT u.id, q.id, %s, 2, 5.0, 5.0, {due}, %s, 3, %s
            FROM auth_user u, learning_question q,
                (SELECT MIN(id) AS first FROM learning_question WHERE source_id = %s) b
            WHERE q.source_id = %s""",
            [
                question_set.pk,
                stamp(now),
                stamp(now - timedelta(days=5)),
                # Started weeks ago: today's new cards are none of them.
                stamp(now - timedelta(days=30)),
                source.pk,
                source.pk,
            ],
        )
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return question_set, student


if __name__ == "__main__":
    main()
