"""One page of the benchmark's data, profiled in this process: its time, its queries, where the time goes.

    .venv/bin/python -m bench.profile seed               # once: database conduct_bench_profile, 100,000 reports
    .venv/bin/python -m bench.profile /queue/ teacher@example.org
    .venv/bin/python -m bench.profile /admin/reports/report/ admin@example.org --queries --profile
    .venv/bin/python -m bench.profile submit --queries    # POST the report form, as the benchmark's parents do
    .venv/bin/python -m bench.profile drop

``make bench`` seeds a database, measures and drops it; this keeps one (``BENCH_PROFILE_DATABASE``,
default ``conduct_bench_profile`` on ``BENCH_DATABASE_URL``'s server) so that a change to a slow page can
be tried again in seconds. It uses the machine's Redis (``BENCH_PROFILE_REDIS``, database 14), production's
settings (DEBUG off) and the same one-request timing as the benchmark (the median of 5 after a warm-up).
``submit`` posts the report form (``/reports/new/?child_at_risk=no``) as ``make bench``'s submit page does,
as parent@example.org unless another address is given: each request saves one more report.
``--queries`` prints each statement with its time; ``--profile`` prints a pyinstrument profile (install it
with ``.venv/bin/pip install pyinstrument``; it is not a requirement of the project).
"""

import argparse
import os
import sys
import time

from bench.run import REPORTS, SERVER_URL, manage, production_environment, single, submit_fields, sweep_day
from bench.services import ROOT

DATABASE = os.environ.get("BENCH_PROFILE_DATABASE", "conduct_bench_profile")
SUBMIT_PATH = "/reports/new/?child_at_risk=no"
REDIS = os.environ.get("BENCH_PROFILE_REDIS", "redis://127.0.0.1:6379/14")


def environment():
    env = production_environment(0, 0, 0, f"{SERVER_URL}/{DATABASE}")
    env["REDIS_URL"] = REDIS
    env["VAR_DIR"] = str(ROOT / "var" / "bench-profile")
    return {**os.environ, **env}


def admin_command(sql):
    import psycopg2

    connection = psycopg2.connect(f"{SERVER_URL}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(sql)
    connection.close()


def seed(env):
    admin_command(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
    admin_command(f'CREATE DATABASE "{DATABASE}"')
    started = time.time()
    manage("migrate", "--no-input", env=env)
    manage("collectstatic", "--no-input", "-v", "0", env=env)
    manage("seed_demo", env=env, debug=True)
    os.environ.update(env)
    import django

    django.setup()
    from bench import seed as seeding

    seeded = seeding.seed(REPORTS, sweep_day(), log=print)
    print(f"{DATABASE}: {seeded['counts']}, report {seeded['report_reference']}, in {time.time() - started:.0f} s")


def submit_form(user):
    """The report form as the benchmark's parents post it: about their child's class, in an ordinary category."""
    import datetime

    from policy.models import Category
    from school.models import Child

    category = Category.objects.filter(is_urgent=False, alerts_safeguarding=False).order_by("number").first()
    child = Child.objects.filter(parents=user).first()
    return dict(submit_fields(child.school_class_id if child else "", category.pk, datetime.date.today(), 0))


def profile(path, email, show_queries, show_profile):
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User

    cache.clear()
    if path == "submit":
        email = email or "parent@example.org"
    user = User.objects.get(email=email) if email else None
    if path == "submit":
        path, data = SUBMIT_PATH, submit_form(user)
        print(path, email, "POST", single("POST", path, user, data, expect=302))
    else:
        data = None
        print(path, email or "(anonymous)", single("GET", path, user))
    if not (show_queries or show_profile):
        return
    client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    if user is not None:
        client.force_login(user)

    def call():
        return client.post(path, data) if data is not None else client.get(path)

    call()
    if show_queries:
        with CaptureQueriesContext(connection) as captured:
            call()
        for query in captured.captured_queries:
            print(f"{query['time']:>7}  {query['sql'][:400]}")
    if show_profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005)
        with profiler:
            for _ in range(5):
                call()
        print(profiler.output_text(unicode=True, color=False, show_all=False))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", help="a page's path, or 'submit', 'seed' or 'drop'")
    parser.add_argument(
        "email",
        nargs="?",
        help="whose session (a demo account's address); none: anonymous, or for submit parent@example.org",
    )
    parser.add_argument("--queries", action="store_true", help="print each statement with its time")
    parser.add_argument("--profile", action="store_true", help="print a pyinstrument profile of 5 requests")
    args = parser.parse_args()
    env = environment()
    if args.path == "seed":
        seed(env)
    elif args.path == "drop":
        admin_command(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
    else:
        os.environ.update(env)
        profile(args.path, args.email, args.queries, args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
