"""One periodic task, run once in a process of its own: its time, its SQL statements, its longest transaction.

    python -m bench.sweep reports.tasks.send_deadline_reminders --day 2026-11-30

The benchmark runs each task in the beat schedule (settings.CELERY_BEAT_SCHEDULE) this way, twice (the
first run, then the same day's re-run), each under a timeout: a task that takes too long is killed, its
transaction rolls back, and the benchmark records "> timeout". With ``--day`` (the first school day from
today, when today is not one) ``timezone.localdate()`` answers that day, so the school-day tasks do their
work on a weekend too. The last line printed is a JSON object.

Statements are counted with ``connection.execute_wrapper``: every query Django sends, each call of
``executemany`` counted once. The longest transaction is sampled from ``pg_stat_activity`` every 50 ms
by a second connection.
"""

import argparse
import datetime
import importlib
import json
import os
import sys
import threading
import time
from unittest import mock

from django.utils import timezone


def resolve(name):
    module, _, attribute = name.rpartition(".")
    return getattr(importlib.import_module(module), attribute)


class Statements:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class LongestTransaction(threading.Thread):
    """Watches one backend's open transaction from another connection; the longest seen, in seconds."""

    def __init__(self, backend_pid):
        super().__init__(daemon=True)
        self.backend_pid = backend_pid
        self.longest = 0.0
        self.done = threading.Event()

    def run(self):
        import psycopg2
        from django.db import connection

        watcher = psycopg2.connect(**connection.get_connection_params())
        watcher.autocommit = True
        try:
            with watcher.cursor() as cursor:
                while not self.done.wait(0.05):
                    cursor.execute(
                        "SELECT extract(epoch FROM clock_timestamp() - xact_start) FROM pg_stat_activity "
                        "WHERE pid = %s AND xact_start IS NOT NULL AND state <> 'idle'",
                        [self.backend_pid],
                    )
                    row = cursor.fetchone()
                    if row and row[0] is not None:
                        self.longest = max(self.longest, float(row[0]))
        finally:
            watcher.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("task")
    parser.add_argument("--day", help="the day timezone.localdate() answers (YYYY-MM-DD)")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.db import connection

    task = resolve(args.task)
    patches = []
    if args.day:
        day = datetime.date.fromisoformat(args.day)
        real = timezone.localdate

        def localdate(value=None, timezone=None):
            return day if value is None else real(value, timezone)

        patches.append(mock.patch("django.utils.timezone.localdate", localdate))
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend_pid = cursor.fetchone()[0]
    watcher = LongestTransaction(backend_pid)
    watcher.start()
    statements = Statements()
    for patch in patches:
        patch.start()
    started = time.perf_counter()
    with connection.execute_wrapper(statements):
        result = task()
    seconds = time.perf_counter() - started
    watcher.done.set()
    watcher.join(2)
    print(
        json.dumps(
            {
                "seconds": round(seconds, 3),
                "statements": statements.count,
                "longest_transaction_s": round(watcher.longest, 2),
                "result": str(result)[:200],
            }
        ),
        flush=True,
    )


if __name__ == "__main__":
    sys.exit(main())
