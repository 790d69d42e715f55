"""Load test: many students study at once against gunicorn and PostgreSQL, optionally through
a PostgreSQL restart.

    .venv/bin/python bench/load.py [--students 100] [--seconds 60] [--workers 2] [--fault]
                                   [--down SECONDS] [--think SECONDS] [--keep-log]

What it does, all bounded in time and on 127.0.0.1 only:

1. Recreates the PostgreSQL database ``campaign_quiz_load`` (``LOAD_POSTGRES_URL`` to change
   it), migrates it, imports ``fixtures/2017_western_iraq_campaign.txt``, generates and
   publishes its questions and creates the students ``load000``, ``load001``… with one known
   password (hashed once, copied to every row).
2. Starts ``gunicorn campaign_quiz.wsgi --workers N`` on a free port with that database,
   ``REDIS_URL=redis://127.0.0.1:6379/1``, ``CONN_MAX_AGE=60``, ``DAILY_NEW_CARDS=100000``,
   ``DEBUG=false`` (not ``DJANGO_ENV=production``: its secure cookies need HTTPS), and waits
   for ``/healthz``.
3. Every student (asyncio + httpx, one client and cookie jar each) logs in, opens the study
   page of the whole-campaign set, then for ``--seconds`` answers the card (htmx), rates it
   from the feedback's rating form (htmx) and takes the next card from the returned partial,
   as the browser does; it reloads the study page only after an error or an empty set.
   Before each post it pauses 0..--think s (default 0.5; 0 to hammer): with a server that is
   the bottleneck this hardly changes the rate, but it keeps the students from moving in
   lock-step (all answering, then all rating), so a fault hits every kind of request.
   Prints requests, requests per second, and per endpoint the median / p95 / p99 latency and
   the errors (status not 2xx/3xx, or no response). Then checks in the database that the
   ReviewLog rows equal the rating posts answered 200, per student and question: nothing
   lost, nothing doubled.
4. Baseline: the same students request ``GET /whoami/`` (the smallest logged-in view) for
   min(15, --seconds) s; prints its rate and latencies, and study-loop rps / baseline rps.

``--fault`` restarts PostgreSQL (``pg_ctlcluster … restart``; with ``--down S`` it stops it,
waits S seconds and starts it) a third of the way into the study loop, and prints how long
the database was down (probed every 50 ms), the 503s and 500s answered (a 500 is a failure),
and the time from the database being back to the first rating answered 200. The review check
must still hold: a rating answered 503 wrote nothing, one answered 200 wrote one review.
Restarting PostgreSQL interrupts everything else using it (other test runs too).

Exit status: 0 when every check holds, 1 otherwise. gunicorn is always terminated, and
PostgreSQL is started again if it was left stopped.
"""

import argparse
import asyncio
import collections
import contextlib
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "2017_western_iraq_campaign.txt"
POSTGRES_URL = os.environ.get(
    "LOAD_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/campaign_quiz_load"
)
PASSWORD = "load-test-pass-phrase"
HOST = "127.0.0.1"
BASELINE_MAX_SECONDS = 15
REQUEST_TIMEOUT = 30.0
# Everyone logs in at once, and each login hashes a password: the last ones wait long.
LOGIN_TIMEOUT = 240.0
ENDPOINTS = ("login", "study page", "answer", "rate")


# ---------------------------------------------------------------------------------------
# Set-up: a fresh database, seeded in a subprocess with DATABASE_URL set (as bench/study.py)


def recreate_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    server = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def run_setup_worker(students: int) -> None:
    """In a subprocess with DATABASE_URL set: migrate, seed, create the students."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "campaign_quiz.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db.models import Count, Q

    from learning.models import Question, QuestionSet

    call_command("migrate", verbosity=0)
    call_command("import_source", str(SEED), verbosity=0)
    call_command("generate_questions", "--publish", verbosity=0)
    password = make_password(PASSWORD)  # hashed once: the server checks it with its hasher
    user_model = get_user_model()
    user_model.objects.bulk_create(
        user_model(username=f"load{index:03d}", password=password) for index in range(students)
    )
    published = Q(items__question__status=Question.Status.PUBLISHED)
    question_set = (
        QuestionSet.objects.filter(is_published=True)
        .annotate(size=Count("items", filter=published))
        .order_by("-size", "pk")
        .first()
    )
    print(json.dumps({"slug": question_set.slug, "questions": question_set.size}))


def seed(url: str, students: int) -> dict:
    recreate_database(url)
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_ENV": "development"}
    result = subprocess.run(
        [sys.executable, __file__, "--setup-worker", f"--students={students}"],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------------------------
# gunicorn


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_gunicorn(*, url: str, workers: int, port: int, log_path: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "REDIS_URL": "redis://127.0.0.1:6379/1",
        "CONN_MAX_AGE": "60",
        "DAILY_NEW_CARDS": "100000",
        "DEBUG": "false",
        "DJANGO_ENV": "development",
        "ALLOWED_HOSTS": HOST,
        "LOG_LEVEL": "WARNING",  # keep errors and tracebacks, not one line per request
    }
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "campaign_quiz.wsgi",
        f"--workers={workers}",
        f"--bind={HOST}:{port}",
        "--timeout=60",
        "--graceful-timeout=5",
    ]
    log = log_path.open("wb")
    return subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )


def stop_gunicorn(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def wait_for_health(base: str, process: subprocess.Popen, timeout: float = 60) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {process.returncode}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                return
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer /healthz in time")


# ---------------------------------------------------------------------------------------
# PostgreSQL control (fault injection)


def pg_version() -> str:
    return sorted(os.listdir("/etc/postgresql"))[-1]


def pg_ctl(action: str, timeout: float = 120) -> int:
    command = ["pg_ctlcluster", "--skip-systemctl-redirect", pg_version(), "main", action]
    return subprocess.run(command, capture_output=True, timeout=timeout).returncode


def ensure_postgres_running() -> None:
    if pg_ctl("status", timeout=30) != 0:
        print("PostgreSQL was stopped: starting it", flush=True)
        pg_ctl("start")


class PostgresProbe(threading.Thread):
    """Connects every 50 ms; records when the database first fails and when it is back."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.url = url
        self.stop = threading.Event()
        self.down_at: float | None = None
        self.up_at: float | None = None

    def run(self) -> None:
        import psycopg

        while not self.stop.is_set():
            now = time.monotonic()
            try:
                with psycopg.connect(self.url, connect_timeout=1) as connection:
                    connection.execute("SELECT 1")
                if self.down_at is not None and self.up_at is None:
                    self.up_at = now
            except psycopg.Error:
                if self.down_at is None:
                    self.down_at = now
            time.sleep(0.05)


def other_database_sessions(url: str) -> list[str]:
    import psycopg

    own = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        rows = connection.execute(
            "SELECT DISTINCT datname FROM pg_stat_activity "
            "WHERE datname IS NOT NULL AND datname NOT IN (%s, 'postgres') "
            "AND pid <> pg_backend_pid()",
            (own,),
        ).fetchall()
    return [row[0] for row in rows]


# ---------------------------------------------------------------------------------------
# HTML: the forms of a page or partial


class FormParser(HTMLParser):
    """Collects each form's action, hidden and text inputs, submit buttons and selects."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key: value or "" for key, value in attrs}
        if tag == "form":
            self._form = {"action": attributes.get("action", ""), "fields": {}, "inputs": []}
            self._form["buttons"], self._form["selects"] = [], []
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and attributes.get("name"):
            kind = attributes.get("type", "text")
            if kind == "hidden":
                self._form["fields"][attributes["name"]] = attributes.get("value", "")
            else:
                self._form["inputs"].append((attributes["name"], kind, attributes))
        elif tag == "button" and attributes.get("name"):
            self._form["buttons"].append((attributes["name"], attributes.get("value", "")))
        elif tag == "select" and attributes.get("name"):
            self._select = attributes["name"]
            self._form["selects"].append(self._select)
        elif tag == "option" and self._select and "selected" in attributes:
            self._form["fields"][self._select] = attributes.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def find_form(html: str, action_suffix: str) -> dict | None:
    parser = FormParser()
    parser.feed(html)
    return next((form for form in parser.forms if form["action"].endswith(action_suffix)), None)


def answer_data(form: dict, rng: random.Random) -> dict:
    """What a student would send: a choice, an order (each event given a place), or
    something typed."""
    data = dict(form["fields"])
    places = [str(place) for place in range(1, len(form["selects"]) + 1)]
    rng.shuffle(places)
    data.update(zip(form["selects"], places, strict=True))
    if form["buttons"]:
        name, value = rng.choice(form["buttons"])
        data[name] = value
    for name, kind, attributes in form["inputs"]:
        if kind == "date":
            data[name] = "2017-11-17"
        elif attributes.get("inputmode") == "decimal":
            data[name] = str(rng.randint(1, 5000))
        else:
            data[name] = rng.choice(["Rawa", "Al-Qa'im", "Iraqi Army", "ISIL", "Anbar"])
    return data


# ---------------------------------------------------------------------------------------
# The simulated students


@dataclass
class Sample:
    endpoint: str
    started: float  # monotonic seconds
    ended: float
    status: int | None  # None: no response (connection error or timeout)

    @property
    def ms(self) -> float:
        return (self.ended - self.started) * 1000


@dataclass
class Stats:
    samples: list[Sample] = field(default_factory=list)
    # (student, question id) of every rating answered 200, to compare with ReviewLog.
    rated: collections.Counter = field(default_factory=collections.Counter)
    # The same for ratings answered otherwise (or not at all), by status.
    rating_failed: dict = field(default_factory=dict)
    empty_sets: int = 0


class Student:
    def __init__(self, *, base: str, slug: str, username: str, stats: Stats, think: float) -> None:
        import httpx

        self.base, self.slug, self.username, self.stats = base, slug, username, stats
        self.think = think
        self.rng = random.Random(username)
        self.client = httpx.AsyncClient(
            base_url=base,
            timeout=REQUEST_TIMEOUT,
            follow_redirects=False,
            limits=httpx.Limits(max_connections=1),
        )

    async def close(self) -> None:
        await self.client.aclose()

    async def request(self, endpoint: str, method: str, path: str, **kwargs):
        import httpx

        started = time.monotonic()
        try:
            response = await self.client.request(method, path, **kwargs)
        except httpx.HTTPError:
            self.stats.samples.append(Sample(endpoint, started, time.monotonic(), None))
            return None
        self.stats.samples.append(Sample(endpoint, started, time.monotonic(), response.status_code))
        return response

    def _post_headers(self, htmx: bool) -> dict:
        headers = {"Referer": f"{self.base}/"}
        if htmx:
            headers["HX-Request"] = "true"
        return headers

    async def log_in(self) -> bool:
        page = await self.request("login", "GET", "/login/", timeout=LOGIN_TIMEOUT)
        form = find_form(page.text, "/login/") if page is not None else None
        if form is None:
            return False
        data = {**form["fields"], "username": self.username, "password": PASSWORD}
        response = await self.request(
            "login",
            "POST",
            "/login/",
            data=data,
            headers=self._post_headers(False),
            timeout=LOGIN_TIMEOUT,
        )
        return response is not None and response.status_code == 302

    async def study(self, deadline: float) -> None:
        html: str | None = None
        while time.monotonic() < deadline:
            if html is None:
                page = await self.request("study page", "GET", f"/study/{self.slug}/")
                if page is None or page.status_code != 200:
                    await asyncio.sleep(0.2)
                    continue
                html = page.text
            html = await self.answer_and_rate(html)
            if html is None:
                await asyncio.sleep(0.2)

    async def answer_and_rate(self, html: str) -> str | None:
        """One card: answer it, rate it; the next card's partial, or None to reload."""
        question = find_form(html, "/answer/")
        if question is None:  # nothing to study right now
            self.stats.empty_sets += 1
            await asyncio.sleep(1)
            return None
        await self.pause()
        feedback = await self.request(
            "answer",
            "POST",
            f"/study/{self.slug}/answer/",
            data=answer_data(question, self.rng),
            headers=self._post_headers(True),
        )
        if feedback is None or feedback.status_code != 200:
            return None
        rating_form = find_form(feedback.text, "/rate/")
        if rating_form is None or not rating_form["buttons"]:
            return None
        data = dict(rating_form["fields"])
        data["rating"] = self.rng.choice(rating_form["buttons"])[1]
        await self.pause()
        rated = await self.request(
            "rate",
            "POST",
            f"/study/{self.slug}/rate/",
            data=data,
            headers=self._post_headers(True),
        )
        key = (self.username, int(data["question"]))
        if rated is None or rated.status_code != 200:
            status = "no response" if rated is None else rated.status_code
            self.stats.rating_failed.setdefault(key, []).append(status)
            return None
        self.stats.rated[key] += 1
        return rated.text

    async def pause(self) -> None:
        """Reading time: it also keeps the students from moving in lock-step."""
        if self.think:
            await asyncio.sleep(self.rng.uniform(0, self.think))

    async def whoami(self, deadline: float) -> None:
        while time.monotonic() < deadline:
            response = await self.request("whoami", "GET", "/whoami/")
            if response is None or response.status_code != 200:
                await asyncio.sleep(0.2)


async def run_load(args, base: str, slug: str, database_url: str) -> dict:
    stats = Stats()
    students = [
        Student(base=base, slug=slug, username=f"load{index:03d}", stats=stats, think=args.think)
        for index in range(args.students)
    ]
    result: dict = {"stats": stats}
    try:
        # Everyone logs in at once (the server checks each password with its own hasher).
        started = time.monotonic()
        logged_in = await asyncio.wait_for(
            asyncio.gather(*(student.log_in() for student in students)), timeout=LOGIN_TIMEOUT + 60
        )
        result["login_seconds"] = time.monotonic() - started
        result["logged_in"] = sum(logged_in)
        students = [student for student, ok in zip(students, logged_in, strict=True) if ok]

        # The study loop, with the fault a third of the way in.
        fault_task = None
        probe = None
        started, cpu = time.monotonic(), time.process_time()
        deadline = started + args.seconds
        if args.fault:
            probe = PostgresProbe(database_url)
            fault_task = asyncio.create_task(inject_fault(args, probe, started, result))
        loops = [asyncio.create_task(student.study(deadline)) for student in students]
        _, pending = await asyncio.wait(loops, timeout=args.seconds + REQUEST_TIMEOUT + 30)
        for task in pending:
            task.cancel()
        if fault_task is not None:
            await asyncio.wait_for(fault_task, timeout=180)
        result["study_window"] = (started, time.monotonic())
        result["study_cpu"] = time.process_time() - cpu
        if probe is not None:
            result["probe"] = probe

        # The baseline: the smallest logged-in view.
        started, cpu = time.monotonic(), time.process_time()
        deadline = started + min(BASELINE_MAX_SECONDS, args.seconds)
        baseline = [asyncio.create_task(student.whoami(deadline)) for student in students]
        _, pending = await asyncio.wait(baseline, timeout=BASELINE_MAX_SECONDS + 60)
        for task in pending:
            task.cancel()
        result["baseline_window"] = (started, time.monotonic())
        result["baseline_cpu"] = time.process_time() - cpu
    finally:
        await asyncio.gather(*(student.close() for student in students), return_exceptions=True)
    return result


async def inject_fault(args, probe: PostgresProbe, started: float, result: dict) -> None:
    await asyncio.sleep(args.seconds / 3)
    others = await asyncio.to_thread(other_database_sessions, probe.url)
    if others:
        print(f"warning: the restart interrupts sessions on {', '.join(others)}", flush=True)
    probe.start()
    await asyncio.sleep(0.3)  # the probe's first successful connection
    result["fault_at"] = time.monotonic()
    if args.down:
        await asyncio.to_thread(pg_ctl, "stop")
        await asyncio.sleep(args.down)
        status = await asyncio.to_thread(pg_ctl, "start")
    else:
        status = await asyncio.to_thread(pg_ctl, "restart")
    result["fault_command_seconds"] = time.monotonic() - result["fault_at"]
    result["fault_status"] = status
    # Let the probe see the database back, then stop it.
    for _ in range(600):
        if probe.up_at is not None:
            break
        await asyncio.sleep(0.05)
    probe.stop.set()


# ---------------------------------------------------------------------------------------
# Report


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def is_error(sample: Sample) -> bool:
    return sample.status is None or not 200 <= sample.status < 400


def print_table(samples: list[Sample], endpoints: tuple[str, ...]) -> None:
    print(
        f"{'endpoint':<11} {'requests':>8} {'median ms':>10} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'errors':>7}"
    )
    for endpoint in endpoints:
        chosen = [sample for sample in samples if sample.endpoint == endpoint]
        ok = [sample.ms for sample in chosen if not is_error(sample)] or [float("nan")]
        errors = sum(is_error(sample) for sample in chosen)
        print(
            f"{endpoint:<11} {len(chosen):>8} {statistics.median(ok):>10.1f} "
            f"{percentile(ok, 0.95):>8.1f} {percentile(ok, 0.99):>8.1f} {errors:>7}"
        )


def status_counts(samples: list[Sample]) -> str:
    counts = collections.Counter(
        "no response" if sample.status is None else str(sample.status) for sample in samples
    )
    return ", ".join(f"{status}: {count}" for status, count in sorted(counts.items()))


def reviews_in_database(url: str) -> collections.Counter:
    import psycopg

    with psycopg.connect(url) as connection:
        rows = connection.execute(
            "SELECT u.username, c.question_id, count(*) FROM learning_reviewlog r "
            "JOIN learning_card c ON c.id = r.card_id JOIN auth_user u ON u.id = c.user_id "
            "GROUP BY u.username, c.question_id"
        ).fetchall()
    return collections.Counter({(username, question): count for username, question, count in rows})


def report(args, result: dict, database_url: str, log_path: Path) -> bool:
    stats: Stats = result["stats"]
    ok = True
    logins = [sample for sample in stats.samples if sample.endpoint == "login"]
    print(
        f"\n== log in: {result['logged_in']}/{args.students} students in "
        f"{result['login_seconds']:.1f} s ({len(logins)} requests) =="
    )
    if result["logged_in"] < args.students:
        ok = False

    begin, end = result["study_window"]
    study = [s for s in stats.samples if s.endpoint in ENDPOINTS[1:] and begin <= s.started < end]
    elapsed = end - begin
    study_rps = len(study) / elapsed
    print(
        f"\n== study loop: {len(study)} requests in {elapsed:.1f} s, "
        f"{study_rps:.1f} requests/s, {sum(stats.rated.values()) / elapsed:.1f} cards rated/s =="
    )
    print_table(logins + study, ENDPOINTS)
    print(f"load generator CPU: {result['study_cpu']:.1f} s of {elapsed:.1f} s")
    if stats.empty_sets:
        print(f"'nothing to study' pages: {stats.empty_sets}")
    print(f"statuses: {status_counts(study)}")

    database = reviews_in_database(database_url)
    posted, stored = sum(stats.rated.values()), sum(database.values())
    same = database == stats.rated
    print(
        f"\nratings answered 200: {posted}; ReviewLog rows: {stored}; "
        f"{'OK' if same else 'MISMATCH'}"
    )
    if not same:
        ok = False
        extra = database - stats.rated
        lost = stats.rated - database
        print(f"  reviews without a rating answered 200: {sum(extra.values())}")
        for key, count in list(extra.items())[:10]:
            failed = stats.rating_failed.get(key, [])
            print(f"    {key[0]} question {key[1]}: {count} extra; its failed ratings: {failed}")
        print(
            f"  ratings answered 200 without a review: {sum(lost.values())} "
            f"{list(lost.items())[:5]}"
        )

    if args.fault:
        ok = report_fault(result, study) and ok

    begin, end = result["baseline_window"]
    baseline = [s for s in stats.samples if s.endpoint == "whoami" and begin <= s.started < end]
    baseline_rps = len(baseline) / (end - begin)
    print(
        f"\n== baseline GET /whoami/: {len(baseline)} requests in {end - begin:.1f} s, "
        f"{baseline_rps:.1f} requests/s =="
    )
    print_table(baseline, ("whoami",))
    print(f"load generator CPU: {result['baseline_cpu']:.1f} s of {end - begin:.1f} s")
    print(f"study-loop rps / baseline rps = {study_rps / baseline_rps:.2f}")
    if any(is_error(sample) for sample in baseline):
        ok = False

    tracebacks = log_path.read_text(errors="replace").count("Traceback")
    print(f"\ngunicorn log: {tracebacks} tracebacks ({log_path if args.keep_log else 'removed'})")
    print("RESULT:", "OK" if ok else "FAILED")
    return ok


def report_fault(result: dict, study: list[Sample]) -> bool:
    probe: PostgresProbe = result["probe"]
    fault_at = result["fault_at"]
    print(
        f"\n== fault: PostgreSQL {('stopped and started' if result.get('down') else 'restarted')}"
        f" at t+{fault_at - result['study_window'][0]:.1f} s; command took "
        f"{result['fault_command_seconds']:.2f} s (exit {result['fault_status']}) =="
    )
    ok = result["fault_status"] == 0
    if probe.down_at is None or probe.up_at is None:
        print("the probe never saw the database down and back")
        return False
    print(f"database down (probe, 50 ms): {probe.up_at - probe.down_at:.2f} s")
    after = [s for s in study if s.ended >= fault_at]
    answered_503 = sum(s.status == 503 for s in after)
    answered_500 = sum(s.status == 500 for s in study)
    print(
        f"answered 503 from the fault on: {answered_503}; 500 during the whole loop: {answered_500}"
    )
    print(f"statuses from the fault on: {status_counts(after)}")
    bad = [s for s in after if s.status is not None and s.status >= 400 and s.status != 503]
    if answered_500 or bad:
        ok = False
    answered = sorted(s.ended for s in study if s.status == 200 and s.started >= probe.up_at)
    if answered:
        print(
            f"first request sent after the database was back answered 200: "
            f"{answered[0] - probe.up_at:.2f} s after it was back"
        )
    rated = sorted(s.ended for s in study if s.endpoint == "rate" and s.status == 200)
    first_ok = next((t for t in rated if t >= probe.up_at), None)
    failed = [s for s in study if is_error(s) and s.ended >= fault_at]
    if failed:
        print(
            f"last error {max(s.ended for s in failed) - probe.up_at:+.2f} s "
            "after the database was back"
        )
    if first_ok is None:
        print("no rating answered 200 after the database was back: NOT RECOVERED")
        return False
    print(
        f"first rating answered 200: {first_ok - probe.up_at:.2f} s after the database was back "
        "(a student who got a 503 reloads the page and answers first)"
    )
    return ok


# ---------------------------------------------------------------------------------------


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--fault", action="store_true", help="restart PostgreSQL during the load")
    parser.add_argument(
        "--think", type=float, default=0.5, help="a student's pause before each post: 0..S s"
    )
    parser.add_argument("--down", type=float, default=0, help="with --fault: seconds kept down")
    parser.add_argument("--keep-log", action="store_true", help="keep gunicorn's log")
    parser.add_argument("--setup-worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.setup_worker:
        run_setup_worker(args.students)
        return

    # A SIGTERM ends the run like Ctrl-C, so the finally below always runs.
    signal.signal(signal.SIGTERM, _interrupt)
    started = time.monotonic()
    print(f"seeding {POSTGRES_URL} with {args.students} students…", flush=True)
    seeded = seed(POSTGRES_URL, args.students)
    print(
        f"set '{seeded['slug']}' with {seeded['questions']} published questions "
        f"({time.monotonic() - started:.1f} s)",
        flush=True,
    )
    port = free_port()
    base = f"http://{HOST}:{port}"
    log_dir = Path(tempfile.mkdtemp(prefix="campaign-quiz-load-"))
    log_path = log_dir / "gunicorn.log"
    process = None
    ok = False
    try:
        process = start_gunicorn(
            url=POSTGRES_URL, workers=args.workers, port=port, log_path=log_path
        )
        wait_for_health(base, process)
        print(
            f"gunicorn --workers {args.workers} on {base}; {args.students} students for "
            f"{args.seconds:g} s{' with a PostgreSQL restart' if args.fault else ''}",
            flush=True,
        )
        result = asyncio.run(run_load(args, base, seeded["slug"], POSTGRES_URL))
        result["down"] = args.down
        ensure_postgres_running()
        ok = report(args, result, POSTGRES_URL, log_path)
    finally:
        stop_gunicorn(process)
        ensure_postgres_running()
        if not args.keep_log:
            log_path.unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                log_dir.rmdir()
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        print("interrupted: gunicorn stopped, PostgreSQL running", file=sys.stderr)
        sys.exit(130)
