"""``make bench``: the portal measured as it runs in production, at the scale of a trust.

    make bench                  # 100,000 reports, 10 s a page (about 10 minutes)
    BENCH_QUICK=1 make bench    # 1,000 reports, 3 s a page (CI runs this; its figures are not asserted)

It starts, on loopback: a PostgreSQL database of its own on the running server (``BENCH_DATABASE_URL``,
default postgres://postgres@127.0.0.1:5432, database ``conduct_bench_<pid>``, dropped after), its own
redis-server, an SMTP sink (bench/smtpsink.py), gunicorn with ``BENCH_WORKERS`` sync workers (2) and one
Celery worker (its concurrency the worker's default, or ``BENCH_CELERY_CONCURRENCY``), all with DEBUG
off and every setting production's checks ask for. It migrates, seeds (bench/seed.py), then for each
page drives the bare view (``/bench/bare/``, bench/urls.py) and then the page from other processes
(bench/load.py) at a fixed concurrency for ``BENCH_SECONDS``, and times one request in this process with
its query count. Then ``notify`` (one worker draining a backlog; commit-to-arrival while 16 parents post)
and ``sweep`` (every task in the beat schedule, first run and same-day re-run, each under
``BENCH_SWEEP_TIMEOUT``). It prints a table and, last, one JSON line. Everything it started is stopped,
and its database dropped, however it ends; the logs stay in var/bench/logs/.
"""

import collections
import datetime
import json
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench import load
from bench.services import ROOT, Services, exit_on_signals, free_port

QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")
REPORTS = int(os.environ.get("BENCH_REPORTS") or (1_000 if QUICK else 100_000))
SECONDS = float(os.environ.get("BENCH_SECONDS") or (3 if QUICK else 10))
WARMUP = float(os.environ.get("BENCH_WARMUP") or (1 if QUICK else 2))
WORKERS = int(os.environ.get("BENCH_WORKERS") or 2)
DRIVERS = int(os.environ.get("BENCH_DRIVERS") or 2)
CELERY_CONCURRENCY = os.environ.get("BENCH_CELERY_CONCURRENCY", "")
SWEEP_TIMEOUT = float(os.environ.get("BENCH_SWEEP_TIMEOUT") or (60 if QUICK else 90))
GRACE = float(os.environ.get("BENCH_GRACE") or (10 if QUICK else 20))
SERVER_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
SINGLE_RUNS = 5
SUBMITTERS = 16
CLIENTS = 32
RUN_DIR = ROOT / "var" / "bench"
PASSWORD = "demo-password-2026"


def log(message=""):
    print(message, flush=True)


# --- the environment: production's settings, on loopback ---------------------------------------------------


def production_environment(web_port, redis_port, smtp_port, database_url):
    var_dir = RUN_DIR / "var"
    return {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PYTHONPATH": str(ROOT),
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Behind the TLS-ending proxy (the driver sends X-Forwarded-Proto: https), so the https settings hold.
        "SITE_URL": "https://127.0.0.1",
        "DATABASE_URL": database_url,
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "DPO_NAME": "Dana Protection",
        "DPO_EMAIL": "dpo@bench.example.org",
        "CHILDREN_SOCIAL_CARE_PHONE": "0100 000 0000",
        "SCHOOL_PHONE": "0100 000 0001",
        "VAR_DIR": str(var_dir),
        "DEMO_PASSWORD": PASSWORD,
        # Parents here post far faster than the form limits allow a person: the limits are still counted.
        "REPORT_RATE_PER_ADDRESS": "100000000/h",
        "REPORT_RATE_PER_ACCOUNT": "100000000/h",
        "WEB_PORT": str(web_port),
    }


def manage(*args, env, debug=False, timeout=600):
    environment = {**env, "DEBUG": "1"} if debug else env
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def stale_databases(server_url):
    """Drop databases left by benchmark runs that were killed outright (their process is gone)."""
    import psycopg2

    connection = psycopg2.connect(f"{server_url}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE 'conduct\\_bench\\_%'")
        for (name,) in cursor.fetchall():
            pid = name.rsplit("_", 1)[-1]
            if pid.isdigit() and not Path(f"/proc/{pid}").exists():
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                log(f"  dropped {name}, left by a run that was killed")
    connection.close()


# --- measuring -------------------------------------------------------------------------------------------


def sweep_day():
    """The first school day from today: the reminders' day (their task does nothing on other days)."""
    from reports.services import school_calendar

    return school_calendar().first_school_day_from(datetime.date.today())


def session_cookie(user):
    """A signed-in session for ``user``, made as the login view makes one; the Cookie header's value."""
    from django.conf import settings
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def single(method, path, user=None, data=None, expect=200):
    """One request in this process, as the server would run it: its time (median of 5) and its queries."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https", raise_request_exception=False)
    if user is not None:
        client.force_login(user)

    def call():
        return client.post(path, data) if method == "POST" else client.get(path)

    response = call()  # warm: templates compiled, caches filled, as in a server that has been running
    if response.status_code != expect:
        return {"single_ms": None, "queries": None, "single_status": response.status_code}
    timings = []
    for _ in range(SINGLE_RUNS):
        started = time.perf_counter()
        call()
        timings.append(time.perf_counter() - started)
    with CaptureQueriesContext(connection) as captured:
        call()
    found = {"single_ms": round(statistics.median(timings) * 1000, 1), "queries": len(captured.captured_queries)}
    shapes = collections.Counter(
        re.sub(r"\b\d+\b|'[^']*'", "?", query["sql"])[:160] for query in captured.captured_queries
    )
    shape, count = shapes.most_common(1)[0] if shapes else ("", 0)
    if count >= 5:  # the same statement again and again: one a row somewhere
        found["repeated_query"] = {"times": count, "sql": shape}
    return found


def figures(result):
    found = {
        "rps": round(result.rate, 1),
        "p50_ms": None if result.percentile(0.5) is None else round(result.percentile(0.5) * 1000, 1),
        "p99_ms": None if result.percentile(0.99) is None else round(result.percentile(0.99) * 1000, 1),
        "requests": result.count,
        "errors": result.errors,
    }
    if result.abandoned:
        # Some requests were still unanswered when given up: the latencies are at least these.
        found["abandoned"] = result.abandoned
        found["latency_lower_bound"] = True
    return found


def healthy(port, timeout=60):
    deadline = time.time() + timeout
    while True:
        connection = load.Connection(port)
        try:
            status, _headers, body = connection.exchange(load.request_bytes("GET", "/healthz"), timeout=10)
        except (OSError, EOFError) as exc:
            status, body = None, str(exc).encode()
        finally:
            connection.close()
        if status == 200:
            return
        if time.time() > deadline:
            raise RuntimeError(f"/healthz answered {status}: {body[:500]!r}")
        time.sleep(0.5)


class Bench:
    def __init__(self, port, services, env):
        self.port = port
        self.services = services
        self.env = env
        self.rows = []  # (label, figures) for the table
        self.problems = []

    def drive(self, clients):
        result = load.run(self.port, clients, SECONDS, WARMUP, DRIVERS, GRACE)
        if result.abandoned:
            # Requests still queued in gunicorn would slow the next measurement: start it afresh.
            log(f"  ({result.abandoned} requests unanswered {GRACE:g} s after the window: gunicorn restarted)")
            self.services.stop("gunicorn")
            self.services.gunicorn(self.port, WORKERS, self.env)
            healthy(self.port)
        return result

    def settle(self, timeout=60):
        """Wait until the worker's queue is empty: tasks left from the step before (mail, or the no-op tasks of
        rows a batch already sent) would slow the bare view, flattering the page's ratio. Returns the seconds."""
        import redis

        broker = redis.Redis.from_url(self.env["REDIS_URL"])
        started = time.time()
        while time.time() - started < timeout and broker.llen("celery"):
            time.sleep(0.2)
        time.sleep(0.5)  # the tasks the worker has in hand
        broker.close()
        return round(time.time() - started, 1)

    def page(self, label, clients, single_figures, note=""):
        """The bare view with the same clients (their cookies), once the worker is idle, then the page; a dict of
        figures."""
        settled = self.settle()
        bare_clients = [load.Client(cookie=client.cookie, steps=[("GET", "/bench/bare/", None)]) for client in clients]
        bare = self.drive(bare_clients)
        result = self.drive(clients)
        found = figures(result)
        found["bare_rps"] = round(bare.rate, 1)
        found["driver_cpu_cores"] = round(bare.driver_cpu, 2)  # while driving the bare view: is it the limit?
        found["ratio"] = round(result.rate / bare.rate, 4) if bare.rate else None
        found["clients"] = len(clients)
        found["settled_s"] = settled  # waited for the worker's queue to empty before the bare view
        found["load_avg"] = round(os.getloadavg()[0], 2)  # the machine's, at the end: others' work shows here
        found.update(single_figures)
        if single_figures.get("single_status"):
            self.problems.append(f"{label}: one request in process answered {single_figures['single_status']}")
        if bare.errors:
            self.problems.append(
                f"{label}: the bare view answered {bare.errors} times with an error: {bare.error_samples[:2]}"
            )
        if result.errors:
            found["error_samples"] = result.error_samples
            self.problems.append(
                f"{label}: {result.errors} of {result.count} responses were not {clients[0].expect}: "
                f"{result.error_samples[:3]} (statuses {result.statuses})"
            )
        self.rows.append((label, found, note))
        log(
            f"  {label:<16} {found['rps']:>8.1f} req/s  p50 {fmt_ms(found['p50_ms'])}  p99 {fmt_ms(found['p99_ms'])}"
            f"{' (at least: some abandoned)' if found.get('latency_lower_bound') else ''}"
            f"  bare {found['bare_rps']:.1f}  ratio {fmt_ratio(found['ratio'])}"
            f"  single {fmt_ms(found.get('single_ms'))}  {found.get('queries')} queries"
            f"  (drivers used {bare.driver_cpu:.2f} cores on the bare view"
            f"{f'; waited {settled:g} s for the worker to finish' if settled >= 1 else ''})"
            f"{'  ' + note if note else ''}"
        )
        if found.get("repeated_query"):
            repeated = found["repeated_query"]
            log(f"    one statement {repeated['times']} times in one request: {repeated['sql']}")
        return found, result


def fmt_ms(value):
    if value is None:
        return "-"
    return f"{value:.0f} ms" if value >= 10 else f"{value:.1f} ms"


def fmt_ratio(value):
    return "-" if value is None else f"{value:.3f}"


# --- the pages -------------------------------------------------------------------------------------------


def submit_fields(school_class_id, category_id, today, number):
    return [
        ("kind", "conduct"),
        ("categories", str(category_id)),
        ("description", f"Benchmark submission {number}: unkind messages about a family in the class group."),
        ("platform", "whatsapp"),
        ("platform_name", "Class parents"),
        ("occurred_on_day", str(today.day)),
        ("occurred_on_month", str(today.month)),
        ("occurred_on_year", str(today.year)),
        ("links", ""),
        ("concerns", "parent"),
        ("school_class", str(school_class_id)),
        ("concerns_staff", ""),
    ]


def check_submissions(locations):
    """Every redirect to a report's 'submitted' page left the report, its submit event and its outbox rows."""
    from notifications.models import Notification
    from reports.models import Report, ReportEvent

    references = set()
    other = 0
    for location in locations:
        found = re.fullmatch(r"/reports/([A-Z0-9-]+)/submitted/", load.path_of(location))
        if found:
            references.add(found.group(1))
        else:
            other += 1
    reports = dict(Report.objects.filter(reference__in=references).values_list("reference", "pk"))
    events = dict(ReportEvent.objects.filter(report__in=reports.values(), action="submit").values_list("report", "pk"))
    with_outbox = set(Notification.objects.filter(event__in=events.values()).values_list("event", flat=True))
    return {
        "redirects": len(locations),
        "other_redirects": other,
        "reports": len(reports),
        "events": len(events),
        "with_outbox_rows": len(with_outbox),
        "ok": other == 0 and len(references) == len(locations) == len(reports) == len(events) == len(with_outbox),
    }


def arrivals(path):
    """Message-ID -> arrival time, from the sink's file."""
    found = {}
    if not path.exists():
        return found
    for line in path.read_text().splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            found.setdefault(parts[1], float(parts[0]))
    return found


def message_id(key):
    return f"<{key.replace(':', '.')}@127.0.0.1>"


def drain(backlog_ids, arrivals_path, timeout):
    """One worker sending a backlog: every row queued at once, then messages a second until the last arrives."""
    from notifications.models import Notification
    from notifications.services import enqueue

    keys = dict(Notification.objects.filter(pk__in=backlog_ids).values_list("pk", "key"))
    wanted = {message_id(key) for key in keys.values()}
    started = time.time()
    for pk in backlog_ids:
        enqueue(pk)
    queued = time.time() - started
    deadline = started + timeout
    while True:
        seen = arrivals(arrivals_path)
        arrived = sorted(seen[mid] for mid in wanted if mid in seen)
        if len(arrived) == len(wanted) or time.time() > deadline:
            break
        time.sleep(0.25)
    if len(arrived) < len(wanted):
        # What did not drain in time is taken off the queue, so it does not hold up the next measurement's
        # mail (its rows stay pending in the outbox, for requeue_pending).
        from conduct_portal.celery import app

        app.control.purge()
    if not arrived:
        return {"backlog": len(wanted), "delivered": 0, "msgs_per_s": 0.0, "seconds": None, "queue_seconds": queued}
    elapsed = arrived[-1] - started
    return {
        "backlog": len(wanted),
        "delivered": len(arrived),
        "msgs_per_s": round(len(arrived) / elapsed, 1) if elapsed > 0 else None,
        "seconds": round(elapsed, 2),
        "queue_seconds": round(queued, 2),
        "timed_out": len(arrived) < len(wanted),
    }


def latencies_since(since, arrivals_path, timeout):
    """From each outbox row written since ``since`` (a report's own step) to its arrival at the sink."""
    from notifications.models import Notification

    rows = list(
        Notification.objects.filter(created_at__gte=since, key__startswith="event:").values_list(
            "key", "created_at", "status"
        )
    )
    pending = [row for row in rows if row[2] != Notification.Status.FAILED]
    deadline = time.time() + timeout
    while True:
        seen = arrivals(arrivals_path)
        missing = [row for row in pending if message_id(row[0]) not in seen]
        if not missing or time.time() > deadline:
            break
        time.sleep(0.25)
    waited_until = time.time()
    values, undelivered = [], 0
    for key, created, _status in pending:
        arrived = seen.get(message_id(key))
        if arrived is None:
            undelivered += 1
            values.append(waited_until - created.timestamp())  # at least this long
        else:
            values.append(arrived - created.timestamp())
    values.sort()

    def percentile(fraction):
        if not values:
            return None
        return round(values[min(len(values) - 1, int(round(fraction * (len(values) - 1))))] * 1000, 1)

    return {
        "messages": len(pending),
        "undelivered": undelivered,
        "failed": len(rows) - len(pending),
        "latency_p50_ms": percentile(0.5),
        "latency_p99_ms": percentile(0.99),
        "latency_max_ms": percentile(1.0),
        "lower_bound": undelivered > 0,  # some never arrived: the percentiles are at least these
    }


# --- the sweep ----------------------------------------------------------------------------------------------


def sweep(env, day, timeout):
    from django.conf import settings

    tasks = sorted({entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()})
    results = {}
    for task in tasks:
        results[task] = {}
        for run in ("first", "rerun"):
            argv = [sys.executable, "-m", "bench.sweep", task]
            if day != datetime.date.today():
                argv += ["--day", day.isoformat()]
            process = subprocess.Popen(
                argv,
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                start_new_session=True,
            )
            try:
                stdout, stderr = process.communicate(timeout=timeout)
            except BaseException as exc:  # the timeout, or Ctrl-C: the task's process is not left running
                os.killpg(process.pid, signal.SIGKILL)
                process.communicate()
                if not isinstance(exc, subprocess.TimeoutExpired):
                    raise
                results[task][run] = {"seconds": f">{timeout:g}", "statements": None, "timed_out": True}
                log(f"  {task} ({run}): more than {timeout:g} s: stopped")
                if run == "first":
                    results[task]["rerun"] = {
                        "seconds": None,
                        "statements": None,
                        "skipped": "the first run did not finish",
                    }
                    break
                continue
            if process.returncode != 0:
                results[task][run] = {"seconds": None, "statements": None, "error": stderr.strip()[-2000:]}
                log(f"  {task} ({run}): failed:\n{stderr.strip()[-2000:]}")
                continue
            figures_ = json.loads(stdout.strip().splitlines()[-1])
            results[task][run] = figures_
            log(
                f"  {task} ({run}): {figures_['seconds']:.2f} s, {figures_['statements']} statements, "
                f"longest transaction {figures_['longest_transaction_s']:.1f} s -> {figures_['result']}"
            )
    return results


# --- the table ---------------------------------------------------------------------------------------------


def table(bench, notify, sweep_results):
    lines = [
        f"{'page':<18}{'req/s':>9}{'p50 ms':>10}{'p99 ms':>10}{'bare req/s':>12}{'ratio':>8}"
        f"{'single ms':>11}{'queries':>9}",
    ]
    for label, found, _note in bench.rows:
        bound = "≥" if found.get("latency_lower_bound") else ""
        lines.append(
            f"{label:<18}{found['rps']:>9.1f}{bound + _num(found['p50_ms']):>10}{bound + _num(found['p99_ms']):>10}"
            f"{found['bare_rps']:>12.1f}{fmt_ratio(found['ratio']):>8}{_num(found.get('single_ms')):>11}"
            f"{_num(found.get('queries')):>9}"
        )
    if notify:
        drain_ = notify["drain"]
        lines.append(
            f"{'notify':<18}{_num(drain_['msgs_per_s']):>9} msg/s draining {drain_['delivered']} of "
            f"{drain_['backlog']}; while {SUBMITTERS} parents post: commit to arrival p50 "
            f"{_num(notify['latency_p50_ms'])} ms, p99 {'≥' if notify['lower_bound'] else ''}"
            f"{_num(notify['latency_p99_ms'])} ms ({notify['messages']} messages, {notify['undelivered']} not arrived)"
        )
    for task, runs in (sweep_results or {}).items():
        parts = []
        for run in ("first", "rerun"):
            figures_ = runs.get(run) or {}
            seconds = figures_.get("seconds")
            seconds = seconds if isinstance(seconds, str) else ("-" if seconds is None else f"{seconds:.2f}")
            statements = figures_.get("statements")
            parts.append(f"{run} {seconds} s, {'-' if statements is None else statements} statements")
        lines.append(f"{'sweep':<18}{task}: " + "; ".join(parts))
    return "\n".join(lines)


def _num(value):
    if value is None:
        return "-"
    if isinstance(value, str):
        return value
    return f"{value:.1f}" if isinstance(value, float) else str(value)


# --- the run ----------------------------------------------------------------------------------------------


def main():
    exit_on_signals()
    begun = time.time()
    log(
        f"Benchmark ({'quick: ' if QUICK else ''}{REPORTS:,} reports, {SECONDS:g} s a page after {WARMUP:g} s "
        f"warm-up, {WORKERS} gunicorn workers, {DRIVERS} driver processes) on {datetime.date.today():%Y-%m-%d}; "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    shutil.rmtree(RUN_DIR, ignore_errors=True)
    RUN_DIR.mkdir(parents=True)
    web_port, redis_port, smtp_port = free_port(), free_port(), free_port()
    database_url = f"{SERVER_URL}/conduct_bench_{os.getpid()}"
    env = {**os.environ, **production_environment(web_port, redis_port, smtp_port, database_url)}
    os.environ.update(env)
    arrivals_path = RUN_DIR / "arrivals.tsv"
    results = {}
    stale_databases(SERVER_URL)
    with Services(RUN_DIR, database_url) as services:
        step = time.time()
        services.create_database()
        services.redis(redis_port)
        services.smtp_sink(smtp_port, arrivals_path, env)
        manage("migrate", "--no-input", env=env)
        manage("collectstatic", "--no-input", "-v", "0", env=env)
        manage("seed_demo", env=env, debug=True)
        log(
            f"Database {services.database_name}, Redis :{redis_port}, SMTP sink :{smtp_port}: "
            f"migrated in {time.time() - step:.1f} s"
        )

        import django

        django.setup()
        from django.db import connections
        from django.utils import timezone

        from accounts.models import User
        from bench import seed as seeding
        from policy.models import Category
        from school.models import Child

        day = sweep_day()
        log(f"Seeding {REPORTS:,} reports (the sweep's day: {day:%a %d %b %Y})")
        seeded = seeding.seed(REPORTS, day, log=log)
        log(f"  {seeded['counts']} in {seeded['seconds']:.1f} s")

        services.gunicorn(web_port, WORKERS, env)
        services.celery_worker(env, CELERY_CONCURRENCY)
        healthy(web_port)
        log(f"gunicorn :{web_port} ({WORKERS} sync workers) and a Celery worker are up ({time.time() - begun:.0f} s)")

        people = {
            email: User.objects.get(email=email)
            for email in (
                "parent@example.org",
                "teacher@example.org",
                "head@example.org",
                "admin@example.org",
                "governor@example.org",
            )
        }
        cookies = {email: session_cookie(user) for email, user in people.items()}
        bench = Bench(web_port, services, env)

        def clients(email, path, count=CLIENTS):
            return [
                load.Client(cookie=cookies[email] if email else "", steps=[("GET", path, None)]) for _ in range(count)
            ]

        log("\nPages (each after the bare view, with the same clients):")
        results["policy"], _ = bench.page("policy", clients(None, "/policy/"), single("GET", "/policy/"))

        # submit: 16 parents, each posting the report form (CSRF token from the form page) flat out.
        today = datetime.date.today()
        category = Category.objects.filter(is_urgent=False, alerts_safeguarding=False).order_by("number").first()
        parents = list(
            User.objects.filter(email__startswith="parent-", email__endswith="@bench.example.org").order_by("email")[
                :SUBMITTERS
            ]
        )
        submitters = []
        for number, parent in enumerate(parents):
            child = Child.objects.filter(parents=parent).first()
            fields = submit_fields(child.school_class_id, category.pk, today, number)
            submitters.append(
                load.Client(
                    cookie=session_cookie(parent),
                    steps=[("POST", "/reports/new/?child_at_risk=no", fields)],
                    csrf_page="/reports/new/?child_at_risk=no",
                    expect=302,
                    locations=True,
                )
            )
        # notify, first: one worker draining a backlog, with nothing else running.
        log("\nNotify: one worker draining a backlog")
        drained = drain(seeded["backlog_ids"], arrivals_path, timeout=60)
        log(f"  {drained}")

        submit_started = timezone.now()
        own_class = Child.objects.filter(parents=people["parent@example.org"]).first().school_class_id
        form = dict(submit_fields(own_class, category.pk, today, 0))
        single_submit = single("POST", "/reports/new/?child_at_risk=no", people["parent@example.org"], form, 302)
        found, result = bench.page("submit", submitters, single_submit)
        found["saved"] = check_submissions(result.locations)
        if not found["saved"]["ok"]:
            bench.problems.append(
                f"submit: not every redirect left its report, event and outbox rows: {found['saved']}"
            )
        log(f"  submissions: {found['saved']}")
        results["submit"] = found
        latency = latencies_since(submit_started, arrivals_path, timeout=30 if QUICK else 45)
        log(f"  notify while {SUBMITTERS} parents posted: {latency}")
        results["notify"] = {"drain": drained, **latency}

        parent, teacher, head = "parent@example.org", "teacher@example.org", "head@example.org"
        admin, governor = "admin@example.org", "governor@example.org"
        reference = seeded["report_reference"]
        results["mine"], _ = bench.page(
            "mine", clients(parent, "/reports/"), single("GET", "/reports/", people[parent])
        )
        results["queue"], _ = bench.page(
            "queue", clients(teacher, "/queue/"), single("GET", "/queue/", people[teacher])
        )
        report_path = f"/reports/{reference}/"
        results["report"], _ = bench.page(
            "report", clients(teacher, report_path), single("GET", report_path, people[teacher])
        )
        results["overview"], _ = bench.page(
            "overview", clients(head, "/overview/"), single("GET", "/overview/", people[head])
        )
        results["admin"] = {}
        for label, path in (
            ("changelist", "/admin/reports/report/"),
            ("filter", "/admin/reports/report/?status__exact=new"),
            ("search", "/admin/reports/report/?q=BNCH"),
        ):
            results["admin"][label], _ = bench.page(
                f"admin {label}", clients(admin, path), single("GET", path, people[admin])
            )
        results["register"], _ = bench.page(
            "register",
            clients(governor, "/governors/register/"),
            single("GET", "/governors/register/", people[governor]),
        )

        # sweep: the worker stopped, so what the tasks queue waits in Redis and nothing else runs.
        services.stop("celery")
        log(f"\nSweep: every periodic task, first run and same-day re-run (timeout {SWEEP_TIMEOUT:g} s each)")
        connections.close_all()
        results["sweep"] = sweep(env, day, SWEEP_TIMEOUT)

        errors_in_log = server_errors(services.log_path("gunicorn"))
        if errors_in_log:
            bench.problems.append("gunicorn's log has errors:\n" + errors_in_log)

    log(f"\nStopped everything; database dropped. The run took {time.time() - begun:.0f} s.\n")
    log(table(bench, results.get("notify"), results.get("sweep")))
    if bench.problems:
        log("\nProblems:")
        for problem in bench.problems:
            log(f"  - {problem}")
    keys = ("policy", "submit", "mine", "queue", "report", "overview", "admin", "register", "notify", "sweep")
    ordered = {key: results.get(key) for key in keys}
    print(json.dumps(ordered, default=str), flush=True)
    return 1 if bench.problems else 0


def server_errors(path, limit=40):
    """The first traceback in gunicorn's log (Django logs each 500 there), and how many there were."""
    if not path.exists():
        return ""
    text = path.read_text(errors="replace")
    count = text.count("Traceback (most recent call last)")
    if not count:
        return ""
    start = text.index("Traceback (most recent call last)")
    lines = text[max(0, text.rfind("\n", 0, max(0, start - 300))) :].splitlines()[:limit]
    return f"{count} tracebacks; the first:\n" + "\n".join("      " + line for line in lines)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        log("\nInterrupted: everything the benchmark started is stopped, its database dropped.")
        sys.exit(130)
