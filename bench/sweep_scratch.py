"""Scratch measure of the periodic tasks at scale, and of one worker draining the outbox. Not part of `make bench`.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/conduct_sweep DEBUG=1 \
        .venv/bin/python bench/sweep_scratch.py seed [reports]
    ... bench/sweep_scratch.py sweep          # each periodic task, first run and same-day re-run
    ... bench/sweep_scratch.py drain [rows]   # needs REDIS_URL; one worker into an aiosmtpd sink

``seed`` wipes the reports, the outbox and the people it made before, and writes with set-based SQL:
staff (4 leadership, 40 teachers, 3 office, 3 safeguarding), 5,000 parents, ``reports`` open complaints
(default 100,000) with deadlines from 30 days ago to 14 days ahead, each held by its class teacher, a
safeguarding concern in every 50th, 10,000 complaints that ended eight years ago, and 250,000 sent
outbox rows.
"""

import datetime
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conduct_portal.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

TODAY = datetime.date(2026, 11, 27)  # a Friday in term


def sql(statement, params=None):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.rowcount


def seed(reports=100_000):
    started = time.monotonic()
    sql("""TRUNCATE notifications_notification, reports_holding, safeguarding_concernaccess, safeguarding_concern,
           reports_reportevent, reports_report_categories, reports_evidence, access_accessrecord,
           governance_panel_governors, governance_panel_independent_members, governance_panel, reports_report
           CASCADE""")
    sql("DELETE FROM school_schoolclass_teachers")
    sql("DELETE FROM school_child_parents")
    sql("DELETE FROM school_child")
    sql("DELETE FROM school_schoolclass")
    sql("DELETE FROM accounts_user_groups WHERE user_id IN (SELECT id FROM accounts_user WHERE email LIKE '%@bench')")
    sql("DELETE FROM accounts_user WHERE email LIKE '%@bench'")
    sql("""INSERT INTO accounts_user (password, is_superuser, is_staff, is_active, date_joined, email, full_name,
             is_headteacher, is_chair_of_governors, is_dsl, wants_deadline_reminders, language, email_confirmed_at)
           SELECT '!', false, role <> 'parent', true, now(), role || n || '@bench', initcap(role) || ' ' || n,
                  role = 'lead' AND n = 1, false, role = 'sg' AND n = 1, n % 7 <> 0,
                  (ARRAY['', '', 'cy', 'pl', 'ur', 'pa'])[1 + n % 6], now()
           FROM (SELECT 'lead' role, generate_series(1, 4) n UNION ALL SELECT 'teacher', generate_series(1, 40)
                 UNION ALL SELECT 'office', generate_series(1, 3) UNION ALL SELECT 'sg', generate_series(1, 3)
                 UNION ALL SELECT 'parent', generate_series(1, 5000)) people""")
    for role, group in (("lead", "Leadership"), ("teacher", "Teachers"), ("office", "Office"), ("sg", "Safeguarding")):
        sql("""INSERT INTO accounts_user_groups (user_id, group_id)
               SELECT u.id, g.id FROM accounts_user u, auth_group g WHERE u.email LIKE %s AND g.name = %s""",
            [f"{role}%@bench", group])  # fmt: skip
    sql("""INSERT INTO school_schoolclass (name, year_group, position)
           SELECT 'Class ' || n, 'Year ' || (1 + n % 6), n FROM generate_series(1, 40) n""")
    sql("""INSERT INTO school_schoolclass_teachers (schoolclass_id, user_id)
           SELECT c.id, u.id FROM school_schoolclass c
           JOIN accounts_user u ON u.email = 'teacher' || c.position || '@bench'""")
    common = """'R' || lpad(n::text, 8, '0'),
        (SELECT min(id) FROM accounts_user WHERE email LIKE 'parent%%@bench') + n %% 5000,
        'conduct', 'Bench report', 'whatsapp', '', DATE %(today)s - 40, '', 'pupil', 'class_teacher', {status},
        now(), now(), (SELECT id FROM school_schoolclass WHERE position = 1 + n %% 40), {due_for}, {due_on}, {ended_on},
        n %% 11 = 0, '', '', DATE %(today)s - 45, {track}, '', false, '', '', 'class_teacher', false, false, '', '',
        ''"""
    columns = """(reference, reporter_id, kind, description, platform, platform_name, occurred_on, links, concerns,
        stage, status, created_at, updated_at, school_class_id, due_for, due_on, ended_on, is_urgent, outcome,
        outcome_letter, stage_entered_on, track, action_taken, awaiting_reporter, closed_as, findings, held_by,
        is_late, late_accepted, other_procedure, recommendations, revised_due_for)"""
    opened = common.format(
        status="(ARRAY['new', 'acknowledged'])[1 + n %% 2]",
        due_for="(ARRAY['acknowledge', 'respond'])[1 + n %% 2]",
        due_on="DATE %(today)s - 30 + n %% 45",
        ended_on="NULL",
        track="CASE WHEN n %% 50 = 0 THEN 'safeguarding' ELSE 'complaint' END",
    )
    sql(f"INSERT INTO reports_report {columns} SELECT {opened} FROM generate_series(1, %(count)s) n",
        {"today": TODAY, "count": reports})  # fmt: skip
    sql("UPDATE reports_report SET due_on = NULL, due_for = '' WHERE track = 'safeguarding'")
    ended = common.format(status="'resolved'", due_for="''", due_on="NULL", ended_on="DATE %(today)s - 3000",
                          track="'complaint'")  # fmt: skip
    sql(f"INSERT INTO reports_report {columns} SELECT {ended} FROM generate_series(%(first)s, %(last)s) n",
        {"today": TODAY, "first": reports + 1, "last": reports + 10_000})  # fmt: skip
    sql("""INSERT INTO reports_reportevent (action, from_stage, from_status, to_stage, to_status, note,
             visible_to_reporter, created_at, actor_id, report_id, changes, staff_note)
           SELECT 'submit', '', '', 'class_teacher', 'new', 'Bench note', true, now(), reporter_id, id, '{}', ''
           FROM reports_report""")
    sql("""INSERT INTO reports_holding (started_at, person_id, report_id, started_by_id)
           SELECT now(), t.user_id, r.id, e.id FROM reports_report r
           JOIN school_schoolclass_teachers t ON t.schoolclass_id = r.school_class_id
           JOIN reports_reportevent e ON e.report_id = r.id
           WHERE r.status IN ('new', 'acknowledged') AND r.track = 'complaint'""")
    sql("""INSERT INTO safeguarding_concern (report_id, referred_from_stage, reporter_told, opened_at, acknowledge_by,
             morning_reminder_at, reminded_at, chased_at, acknowledged_at, lado_due_at, lado_chased_at, closed_at,
             case_manager_id)
           SELECT id, '', true, now() - interval '1 day', now() - interval '20 hours', now() - interval '22 hours',
                  NULL, NULL, NULL, NULL, NULL, NULL, NULL
           FROM reports_report WHERE track = 'safeguarding'""")
    sql("""INSERT INTO notifications_notification (key, template, context, status, attempts, last_error, created_at,
             sent_at, recipient_id, report_id, body_html, body_text, subject, to_email)
           SELECT 'bench:' || n, 'report-received', '{}', 'sent', 1, '', now() - interval '30 days',
                  now() - interval '30 days', r.reporter_id, r.id, '<p>Bench</p>', 'Bench', 'Bench', 'p@bench'
           FROM generate_series(1, 250000) n
           JOIN reports_report r ON r.reference = 'R' || lpad((1 + n %% %(count)s)::text, 8, '0')""",
        {"count": reports})  # fmt: skip
    sql("ANALYZE")
    counts = {
        table: sql(f"SELECT 1 FROM {table}")
        for table in ("reports_report", "reports_holding", "safeguarding_concern", "notifications_notification")
    }
    print(f"seeded in {time.monotonic() - started:.1f} s: {counts}")


class Counter:
    def __init__(self):
        self.statements = 0
        self.longest = 0.0
        self.in_transaction_since = None

    def __call__(self, execute, sql_text, params, many, context):
        self.statements += 1
        return execute(sql_text, params, many, context)


def timed(name, function):
    counter = Counter()
    started = time.monotonic()
    with connection.execute_wrapper(counter):
        result = function()
    elapsed = time.monotonic() - started
    print(f"{name:<40} {elapsed:8.2f} s {counter.statements:8d} statements  -> {result}", flush=True)
    return elapsed, counter.statements


def sweep():
    import datetime as dt
    from unittest import mock

    from django.utils import timezone

    from notifications.tasks import requeue_pending
    from privacy.retention import apply_retention
    from reports.reminders import queue_deadline_reminders
    from safeguarding.services import chase

    now = timezone.make_aware(dt.datetime.combine(TODAY, dt.time(12, 0)))
    with mock.patch("django.utils.timezone.localdate", return_value=TODAY):
        for run in ("first", "re-run"):
            timed(f"send_deadline_reminders ({run})", lambda: queue_deadline_reminders(TODAY))
            timed(f"chase ({run})", lambda: chase(now))
            timed(f"apply_retention ({run})", lambda: str(apply_retention(TODAY)))
            timed(f"requeue_pending ({run})", lambda: requeue_pending.apply().get())
    print(sql("SELECT 1 FROM notifications_notification WHERE status = 'pending'"), "pending rows")


def drain(rows=20_000):
    """``rows`` pending outbox rows (rendered, as a step writes them), one task each, drained by one worker."""
    import subprocess

    from conduct_portal.celery import app
    from notifications.models import Notification
    from notifications.services import enqueue
    from tests.services import SmtpServer

    sql("DELETE FROM notifications_notification WHERE status <> 'sent'")
    first = sql("SELECT 1 FROM notifications_notification")
    with connection.cursor() as cursor:
        cursor.execute("""INSERT INTO notifications_notification (key, template, context, status, attempts, last_error,
                 created_at, recipient_id, report_id, body_html, body_text, subject, to_email)
               SELECT 'drain:' || extract(epoch from now()) || ':' || n, 'report-received', '{}', 'pending', 0, '',
                      now(),
                      (SELECT min(id) FROM accounts_user), NULL, '<p>Hello</p>', 'Hello, this is a message.',
                      'We have received your report', 'someone@example.org'
               FROM generate_series(1, %s) n RETURNING id""", [rows])  # fmt: skip
        ids = [row[0] for row in cursor.fetchall()]
    print(first, "rows before;", len(ids), "pending")
    with SmtpServer() as smtp:
        env = {**os.environ, "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(smtp.port), "DEBUG": "0",
               "SECRET_KEY": "bench", "LOG_LEVEL": "WARNING"}  # fmt: skip
        with app.connection_for_write() as conn:
            app.amqp.TaskConsumer(conn).purge()
        for notification_id in ids:
            enqueue(notification_id)
        started = time.monotonic()
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "conduct_portal", "worker", "--loglevel=WARNING",
             "--without-gossip", "--without-mingle", "--without-heartbeat", "-n", f"drain-{os.getpid()}@%h"],
            env=env, cwd=Path(__file__).resolve().parent.parent,
        )  # fmt: skip
        try:
            while len(smtp.sink.messages) < rows and time.monotonic() - started < 600:
                time.sleep(0.05)
            elapsed = time.monotonic() - started
        finally:
            worker.terminate()
            worker.wait()
        sent = Notification.objects.filter(pk__in=ids, status="sent").count()
        print(f"{len(smtp.sink.messages)} received, {sent} marked sent, in {elapsed:.1f} s (worker start included): "
              f"{len(smtp.sink.messages) / elapsed:.0f} messages/s")  # fmt: skip


if __name__ == "__main__":
    command, *args = sys.argv[1:] or ["sweep"]
    {"seed": seed, "sweep": sweep, "drain": drain}[command](*map(int, args))
