"""Benchmark: how long the busiest pages take, and how many queries, with many reports.

    make bench                # 1,000 reports on a throwaway SQLite database
    BENCH_REPORTS=5000 make bench
    createdb conduct_portal_bench && DATABASE_URL=postgres://…/conduct_portal_bench make bench  # an empty database

Prints one line per page: median and 95th-percentile time over 30 requests,
queries per request, and peak Python memory while rendering.
"""

import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="conduct-bench-"))
(Path(os.environ["VAR_DIR"]) / "staticfiles").mkdir(exist_ok=True)  # served from the finders here
# As in production: DEBUG off, so templates are compiled once and cached.
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conduct_portal.settings")
os.environ.pop("REDIS_URL", None)
os.environ.pop("EMAIL_HOST", None)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

STATIC_WITHOUT_MANIFEST = "django.contrib.staticfiles.storage.StaticFilesStorage"
REPORTS = int(os.environ.get("BENCH_REPORTS", "1000"))
REQUESTS = 30


def populate():
    from accounts.models import User
    from policy.models import Category
    from reports.ladder import Move
    from reports.services import apply_move, submit_report
    from school.models import SchoolClass

    call_command("migrate", verbosity=0)
    with override_settings(DEBUG=True):  # seed_demo runs only with DEBUG on
        call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    parent = User.objects.get(email="parent@example.org")
    teacher = User.objects.get(email="teacher@example.org")
    robins = SchoolClass.objects.get(name="Robins")
    categories = list(Category.objects.all())
    today = timezone.localdate()
    start = time.perf_counter()
    for number in range(REPORTS):
        report = submit_report(
            reporter=parent,
            kind="conduct",
            categories=[categories[number % 8], categories[(number + 3) % 8]],
            description="Benchmark report.",
            platform="whatsapp",
            platform_name="",
            occurred_on=today,
            links="",
            concerns="parent",
            school_class=robins,
            evidence=[],
        )
        if number % 3 == 0:
            apply_move(report, actor=teacher, move=Move.RESPOND, note="Done.")
        if number % 9 == 0:
            apply_move(report, actor=teacher, move=Move.RESOLVE, note="Resolved.")
    return time.perf_counter() - start


def measure(client, url):
    """Timings over REQUESTS requests, then one more under tracemalloc for the memory peak."""
    timings, queries = [], 0
    for _ in range(REQUESTS):
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured.captured_queries)
    tracemalloc.start()
    client.get(url)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], queries, peak


@override_settings(STORAGES={**settings.STORAGES, "staticfiles": {"BACKEND": STATIC_WITHOUT_MANIFEST}})
def main():
    engine = connection.vendor
    print(f"Populating {REPORTS} reports on {engine}…", flush=True)
    seconds = populate()
    print(f"  {REPORTS / seconds:.0f} reports a second through submit_report (with some moves)\n")
    pages = [
        ("teacher@example.org", "/queue/"),
        ("head@example.org", "/overview/"),
        ("parent@example.org", "/reports/"),
        ("teacher@example.org", "/reports/new/"),
        ("parent@example.org", "/policy/"),
    ]
    print(f"{'page':<16}{'who':<22}{'median ms':>10}{'p95 ms':>9}{'queries':>9}{'peak MiB':>10}")
    for email, url in pages:
        from accounts.models import User

        client = Client(HTTP_HOST="127.0.0.1")  # no test environment: templates render as in production
        client.force_login(User.objects.get(email=email))
        median, p95, queries, peak = measure(client, url)
        print(f"{url:<16}{email:<22}{median * 1000:>10.1f}{p95 * 1000:>9.1f}{queries:>9}{peak / 2**20:>10.1f}")


if __name__ == "__main__":
    main()
