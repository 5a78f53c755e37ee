"""The benchmark's data: a trust-sized school, seeded with set-based SQL in seconds.

``seed(reports)`` runs after ``migrate`` and ``seed_demo`` (the demo accounts, each role's one) and adds,
for 100,000 reports (``BENCH_QUICK``: 1,000; everything scales with it):

- about 280 classes with their teachers, 12,500 parents with a child each, more office, leadership,
  safeguarding and governor accounts (every one with the demo password);
- 100,000 reports: about 92% open (new, acknowledged or responded) at the three stages, the rest resolved,
  withdrawn or closed with their school days taken; 1% safeguarding concerns with their clocks (some
  waiting for a reminder, a chase, a LADO reminder); 1% ended more than six years ago (due for retention);
  due dates around the sweep day (2% overdue, 3% due by the next school day);
- 3 events a report (300,000), the holdings routing would give (who holds each report now, and who did),
  2.5 outbox rows a report (250,000, nearly all sent; some stale pending ones for ``requeue_pending``),
  and a backlog of pending rows for one worker to drain;
- the pages' cases: ``parent@example.org`` with 50 reports; Robins, ``teacher@example.org``'s class, with
  500 open reports; report ``BNCH-RPRT`` with 20 events and 3 evidence files (small real files under
  ``EVIDENCE_ROOT``).

Rows are written straight into the tables, not through ``reports.services``: any column this module does
not name is filled with its field's default (``insert_select``), so a new column with a default needs
nothing here. Figures kept elsewhere than in these rows (a summary table, a cache) must be rebuilt after.
"""

import datetime
import io
import time
import uuid

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

REPORT_REFERENCE = "BNCH-RPRT"  # the report with 20 events and 3 files
ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"  # reports.references
BODY_TEXT = (
    "Dear parent or carer,\n\nYour report has moved on. The class teacher has looked at what you sent and will "
    "write to you again by the date shown on the report's page. You can add information, or escalate the report "
    "if you are not satisfied, from that page.\n\nYou can read where your report stands at any time on the "
    "portal. Please do not reply to this email: the school's office reads the portal, not this mailbox.\n\n"
    "Oakfield Primary School\nThe privacy notice says what the portal keeps about you and for how long.\n"
)
BODY_HTML = (
    '<!doctype html><html lang="en-gb"><head><meta charset="utf-8"><title>Your report moved on</title></head>'
    '<body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#212529">'
    + "".join(f"<p>{paragraph}</p>" for paragraph in BODY_TEXT.split("\n\n"))
    + '<p style="font-size:14px;color:#6c757d">Oakfield Primary School &middot; '
    '<a href="https://127.0.0.1/privacy/">Privacy notice</a></p></body></html>'
)
DESCRIPTION = (
    "Messages in the class parents' group about another family, repeated over several days after the school "
    "trip. Screenshots are attached; the posts were made in the evening and have not been deleted. "
)


class Plan:
    """How many of each, for ``reports`` reports."""

    def __init__(self, reports):
        self.reports = reports
        self.classes = max(10, reports // 360)
        self.parents = max(200, reports // 8)
        self.robins_open = min(500, reports // 4)
        self.robins = self.robins_open + max(10, self.robins_open // 10)  # Robins' reports, open and ended
        self.retention = max(5, reports // 100)  # ended more than six years ago
        self.backlog = max(300, min(2000, reports // 50))  # pending outbox rows for one worker to drain
        self.office, self.leadership, self.safeguarding, self.governors = 4, 2, 2, 3


# --- inserting with every other column's default ------------------------------------------------------------


class P:
    """A value passed as a query parameter, where ``insert_select`` takes SQL expressions."""

    def __init__(self, value):
        self.value = value


def insert_select(model, values, source, params=()):
    """INSERT INTO model's table SELECT ``values`` (column -> SQL expression, or P(value)) FROM ``source``.

    Every other concrete column gets its field's default (as a parameter), NULL if it may be null, or
    now() for a date-time stamped on creation; a column with none of these is an error naming it.
    ``params`` are ``source``'s. The SQL never uses the % operator (mod() instead): it is a placeholder here.
    """
    table = model._meta.db_table
    columns, expressions, arguments = [], [], []
    for field in model._meta.concrete_fields:
        column = field.column
        if column in values:
            value = values[column]
            columns.append(column)
            if isinstance(value, P):
                expressions.append("%s")
                arguments.append(value.value)
            else:
                expressions.append(value)
            continue
        if field.primary_key:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            columns.append(column)
            expressions.append("now()")
            continue
        default = field.get_default()
        if default is None and not field.null:
            raise RuntimeError(f"bench/seed.py does not fill {table}.{column}, which has no default: add it")
        columns.append(column)
        expressions.append("%s")
        arguments.append(field.get_db_prep_save(default, connection))
    unknown = set(values) - set(columns)
    if unknown:
        raise RuntimeError(f"{table} has no columns {sorted(unknown)}")
    sql = f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(expressions)} FROM {source}"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*arguments, *params])
        return cursor.rowcount


def execute(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def scalar(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def literal(value):
    """A date or string as an SQL literal (only the module's own values reach here)."""
    return "'" + str(value).replace("'", "''") + "'"


def reference_sql(n):
    """A unique reference from the report's number: an invertible scramble of n, in the references' alphabet."""
    scrambled = f"mod({n}::bigint * 7919 + 104729, 656100000000)"
    chars = [f"substr('{ALPHABET}', (mod({scrambled} / {30**k}, 30) + 1)::int, 1)" for k in range(8)]
    return f"({' || '.join(chars[:4])} || '-' || {' || '.join(chars[4:])})"


def h(n, salt, modulo=1000):
    return f"mod(abs(hashtext({n}::text || '{salt}')), {modulo})"


# --- the seed -------------------------------------------------------------------------------------


def seed(reports, sweep_day, log=print):
    """Seed ``reports`` reports; the facts the benchmark needs about them (who, which report, which rows)."""
    from accounts.models import User
    from governance.models import Panel
    from notifications.models import Notification
    from reports.models import Evidence, Holding, Report, ReportEvent
    from safeguarding.models import Concern
    from school.models import Child, Holiday, SchoolClass

    plan = Plan(reports)
    started = time.perf_counter()
    users = {user.email: user for user in User.objects.all()}
    parent, teacher, head = users["parent@example.org"], users["teacher@example.org"], users["head@example.org"]
    clerk, dsl = users["clerk@example.org"], users["dsl@example.org"]
    robins = SchoolClass.objects.get(name="Robins")
    groups = dict(Group.objects.values_list("name", "pk"))
    password = parent.password
    today = timezone.localdate()
    next_day = sweep_day + datetime.timedelta(days=1)
    while next_day.weekday() >= 5:
        next_day += datetime.timedelta(days=1)

    with transaction.atomic():
        # Term dates: one holiday behind, one ahead, neither on the sweep day.
        Holiday.objects.create(
            name="Autumn half term",
            start_date=today - datetime.timedelta(days=40),
            end_date=today - datetime.timedelta(days=34),
        )
        Holiday.objects.create(
            name="Next holiday",
            start_date=max(today, sweep_day) + datetime.timedelta(days=30),
            end_date=max(today, sweep_day) + datetime.timedelta(days=40),
        )

        # Classes, their teachers, the other staff.
        year_groups = ["Reception", "Year 1", "Year 2", "Year 3", "Year 4", "Year 5", "Year 6"]
        year_case = "CASE mod(n, 7) " + " ".join(f"WHEN {i} THEN '{y}'" for i, y in enumerate(year_groups)) + " END"
        insert_select(
            SchoolClass,
            {"name": "'Class ' || lpad(n::text, 3, '0')", "year_group": year_case, "position": "10 + n"},
            f"generate_series(1, {plan.classes}) n",
        )
        user_values = {
            "password": P(password),
            "email_confirmed_at": "now()",
            "date_joined": "now()",
            "is_active": "true",
            "is_superuser": "false",
            "is_headteacher": "false",
            "is_chair_of_governors": "false",
            "is_dsl": "false",
            "wants_deadline_reminders": "true",
        }

        def add_users(prefix, count, name, staff=False):
            values = {
                **user_values,
                "email": f"'{prefix}-' || lpad(n::text, 5, '0') || '@bench.example.org'",
                "full_name": f"'{name} ' || n",
                "is_staff": "true" if staff else "false",
            }
            insert_select(User, values, f"generate_series(1, {count}) n")

        def join_group(prefix, group):
            execute(
                "INSERT INTO accounts_user_groups (user_id, group_id) SELECT id, %s FROM accounts_user "
                "WHERE email LIKE %s",
                [groups[group], f"{prefix}-%@bench.example.org"],
            )

        extra_teachers = plan.classes + plan.classes // 4
        add_users("teacher", extra_teachers, "Teacher")
        join_group("teacher", "Teachers")
        for prefix, count, group, staff in [
            ("office", plan.office, "Office", True),
            ("leader", plan.leadership, "Leadership", True),
            ("safeguarding", plan.safeguarding, "Safeguarding", False),
            ("governor", plan.governors, "Governors", False),
        ]:
            add_users(prefix, count, group, staff)
            join_group(prefix, group)
        add_users("parent", plan.parents, "Parent")

        # Teachers to classes: one a class, a second in every fourth.
        execute(
            """
            INSERT INTO school_schoolclass_teachers (schoolclass_id, user_id)
            SELECT c.id, u.id
            FROM (SELECT id, position - 10 AS k FROM school_schoolclass WHERE name LIKE 'Class %%') c
            CROSS JOIN LATERAL (VALUES (c.k), (CASE WHEN mod(c.k, 4) = 0 THEN %s + c.k / 4 END)) t(number)
            JOIN accounts_user u ON u.email = 'teacher-' || lpad(t.number::text, 5, '0') || '@bench.example.org'
            """,
            [plan.classes],
        )
        # Parents: a child each, in every class in turn (Robins and Kestrels too); every fifth child has two.
        execute(
            """
            CREATE TEMP TABLE bench_class ON COMMIT DROP AS
            SELECT (row_number() OVER (ORDER BY position, id)) - 1 AS idx, id FROM school_schoolclass
            """
        )
        class_count = scalar("SELECT count(*) FROM bench_class")
        execute(
            """
            CREATE TEMP TABLE bench_parent ON COMMIT DROP AS
            SELECT u.id AS user_id, substr(u.email, 8, 5)::int AS n, c.id AS class_id
            FROM accounts_user u
            JOIN bench_class c ON c.idx = mod(substr(u.email, 8, 5)::int, %s)
            WHERE u.email LIKE 'parent-%%@bench.example.org'
            """,
            [class_count],
        )
        insert_select(
            Child, {"school_class_id": "class_id", "name": "'Child ' || n", "pupil_ref": "''"}, "bench_parent"
        )
        execute(
            """
            INSERT INTO school_child_parents (child_id, user_id)
            SELECT ch.id, p.user_id FROM school_child ch JOIN bench_parent p ON ch.name = 'Child ' || p.n
            UNION ALL
            SELECT ch.id, p2.user_id FROM school_child ch
            JOIN bench_parent p ON ch.name = 'Child ' || p.n
            JOIN bench_parent p2 ON p2.n = p.n + 1 AND mod(p.n, 5) = 0
            """
        )
        # Who may report in which class: Robins' parents, and everyone else's.
        execute(
            """
            CREATE TEMP TABLE bench_robins ON COMMIT DROP AS
            SELECT row_number() OVER (ORDER BY user_id) AS idx, user_id FROM bench_parent WHERE class_id = %s
            """,
            [robins.pk],
        )
        execute(
            """
            CREATE TEMP TABLE bench_other ON COMMIT DROP AS
            SELECT row_number() OVER (ORDER BY user_id) AS idx, user_id, class_id FROM bench_parent
            WHERE class_id <> %s
            """,
            [robins.pk],
        )
        robins_parents = scalar("SELECT count(*) FROM bench_robins")
        other_parents = scalar("SELECT count(*) FROM bench_other")
        # One teacher a class writes its staff events; the office, the clerk and the team hold the other stages.
        execute(
            """
            CREATE TEMP TABLE bench_class_teacher ON COMMIT DROP AS
            SELECT schoolclass_id AS class_id, min(user_id) AS user_id FROM school_schoolclass_teachers
            GROUP BY schoolclass_id
            """
        )
        office = scalar("SELECT min(user_id) FROM accounts_user_groups WHERE group_id = %s", [groups["Office"]])
        accused = scalar("SELECT id FROM accounts_user WHERE email = 'teacher-00002@bench.example.org'")
        log(f"  people: {time.perf_counter() - started:.1f} s")

        # --- reports --------------------------------------------------------------------------------
        report_base = scalar("SELECT coalesce(max(id), 0) FROM reports_report")
        s, r, ro = plan.reports, plan.robins, plan.robins_open
        sweep, nxt = f"{literal(sweep_day)}::date", f"{literal(next_day)}::date"
        execute(
            f"""
            CREATE TEMP TABLE bench_r ON COMMIT DROP AS
            WITH base AS (
                SELECT n, {report_base} + n AS id,
                    {h("n", "s")} AS hs, {h("n", "x")} AS hx, {h("n", "g")} AS hg, {h("n", "t")} AS ht,
                    {h("n", "d")} AS hd, {h("n", "c")} AS hc, {h("n", "o", 17280000)} AS age_open,
                    {h("n", "e", 86400000)} AS age_ended,
                    n <= {r} AS robins, n > {s} - {plan.retention} AS retention
                FROM generate_series(1, {s}) n
            ), kind AS (
                SELECT b.*,
                    NOT robins AND NOT retention AND ht < 10 AS safeguarding,
                    CASE WHEN robins THEN n <= 40 OR (n > 50 AND n <= {ro} + 10)
                         WHEN retention THEN false ELSE hs < 920 END AS is_open
                FROM base b
            ), placed AS (
                SELECT k.*,
                    CASE WHEN n <= 50 THEN {parent.pk} WHEN robins THEN rp.user_id ELSE op.user_id END AS reporter_id,
                    CASE WHEN robins THEN {robins.pk} ELSE op.class_id END AS class_id,
                    CASE WHEN robins OR safeguarding OR retention THEN 'class_teacher'
                         WHEN hg < 700 THEN 'class_teacher' WHEN hg < 920 THEN 'office_leadership'
                         ELSE 'governors' END AS stage
                FROM kind k
                LEFT JOIN bench_robins rp ON k.robins AND rp.idx = 1 + mod(k.n, {robins_parents})
                LEFT JOIN bench_other op ON NOT k.robins AND op.idx = 1 + mod(k.n * 7919, {other_parents})
            ), status AS (
                SELECT p.*,
                    CASE WHEN n = 1 THEN 'acknowledged'
                         WHEN retention THEN 'resolved'
                         WHEN safeguarding THEN CASE WHEN hs < 300 THEN 'new' WHEN hs < 900 THEN 'acknowledged'
                                                     ELSE 'closed' END
                         WHEN is_open THEN CASE WHEN hx < 450 THEN 'new'
                                                WHEN hx < 800 OR stage = 'governors' THEN 'acknowledged'
                                                ELSE 'responded' END
                         WHEN stage = 'governors' THEN 'closed'
                         ELSE CASE WHEN hx < 600 THEN 'resolved' WHEN hx < 750 THEN 'withdrawn' ELSE 'closed' END
                    END AS status,
                    CASE WHEN retention THEN now() - interval '7 years 6 months' - make_interval(secs => age_ended / 10)
                         WHEN is_open OR safeguarding THEN now() - make_interval(secs => age_open)
                         ELSE now() - make_interval(secs => age_ended) END AS created_at
                FROM placed p
            )
            SELECT st.*,
                st.created_at::date AS created_on,
                CASE WHEN safeguarding THEN 'safeguarding' ELSE 'complaint' END AS track,
                2 + mod(hc, 5) AS cat1,
                CASE WHEN mod(hc, 10) < 3 AND 2 + mod(hc / 10, 7) <> 2 + mod(hc, 5)
                     THEN 2 + mod(hc / 10, 7) END AS cat2,
                safeguarding AND mod(n, 20) = 3 AS allegation
            FROM status st
            """
        )
        execute(
            f"""
            ALTER TABLE bench_r ADD COLUMN due_for text, ADD COLUMN due_on date, ADD COLUMN ended_on date,
                ADD COLUMN responded_on date, ADD COLUMN panel_on date;
            UPDATE bench_r SET
                due_for = CASE WHEN track = 'safeguarding' OR status NOT IN ('new', 'acknowledged', 'responded')
                                    THEN ''
                               WHEN status = 'new' THEN 'acknowledge'
                               WHEN status = 'responded' THEN 'escalate'
                               WHEN stage = 'governors' THEN CASE WHEN mod(hx, 2) = 0 THEN 'outcome' ELSE 'panel' END
                               ELSE 'respond' END,
                responded_on = CASE WHEN status IN ('responded', 'resolved') AND track = 'complaint'
                                    THEN least(created_on + 3, current_date) END,
                panel_on = CASE WHEN stage = 'governors' AND (status = 'closed' OR mod(hx, 2) = 0)
                                THEN least(created_on + 30, {sweep} + 10) END,
                ended_on = CASE WHEN retention THEN (now() - interval '7 years')::date
                                WHEN status IN ('resolved', 'withdrawn', 'closed')
                                THEN least(created_on + 5 + mod(hx, 40), current_date) END;
            UPDATE bench_r SET due_on = CASE
                WHEN due_for = 'escalate' THEN {sweep} + 5 + mod(hd, 10)
                WHEN due_for = '' THEN NULL
                WHEN hd < 20 THEN {sweep} - 1 - mod(n, 10)
                WHEN hd < 35 THEN {sweep}
                WHEN hd < 50 THEN {nxt}
                ELSE {sweep} + 2 + mod(n, 28) END;
            """
        )
        values = {
            "id": "id",
            "reference": f"CASE WHEN n = 1 THEN '{REPORT_REFERENCE}' ELSE {reference_sql('n')} END",
            "reporter_id": "reporter_id",
            "kind": "CASE WHEN track = 'safeguarding' THEN 'concern' ELSE 'conduct' END",
            "description": f"'Report ' || n || ': ' || {literal(DESCRIPTION)}",
            "platform": "CASE WHEN track = 'safeguarding' THEN '' ELSE (ARRAY['whatsapp', 'facebook', 'email', "
            "'other'])[1 + mod(n, 4)] END",
            "platform_name": "CASE WHEN track = 'safeguarding' THEN '' ELSE 'Class parents' END",
            "occurred_on": "created_on - 1",
            "links": "''",
            "concerns": "CASE WHEN allegation THEN 'staff' WHEN track = 'safeguarding' THEN 'pupil' "
            "ELSE (ARRAY['parent', 'pupil', 'school', 'staff'])[1 + mod(n, 4)] END",
            "school_class_id": "class_id",
            "concerns_staff_id": f"CASE WHEN allegation THEN {accused} END",
            "is_urgent": "coalesce(cat2 IN (7, 8), false)",
            "track": "track",
            "stage": "stage",
            "status": "status",
            "stage_entered_on": "created_on",
            "responded_on": "responded_on",
            "due_on": "due_on",
            "due_for": "due_for",
            "ended_on": "ended_on",
            "held_by": "CASE WHEN track = 'safeguarding' THEN 'safeguarding' WHEN stage = 'class_teacher' "
            "THEN 'class_teacher' WHEN stage = 'office_leadership' THEN 'office' ELSE 'clerk' END",
            "school_days_taken": "CASE WHEN status IN ('resolved', 'closed') THEN 3 + mod(hx, 30) END",
            "panel_on": "panel_on",
            "outcome": "CASE WHEN stage = 'governors' AND status = 'closed' THEN (ARRAY['upheld', 'partly_upheld', "
            "'not_upheld'])[1 + mod(hx, 3)] ELSE '' END",
            "closed_as": "CASE WHEN status = 'closed' AND stage <> 'governors' AND track = 'complaint' "
            "THEN 'other_procedure' ELSE '' END",
            "other_procedure": "CASE WHEN status = 'closed' AND stage <> 'governors' AND track = 'complaint' "
            "THEN 'admissions' ELSE '' END",
            "created_at": "created_at",
            "updated_at": "created_at",
        }
        insert_select(Report, values, "bench_r")
        execute(
            """
            INSERT INTO reports_report_categories (report_id, category_id)
            SELECT r.id, c.id FROM bench_r r JOIN policy_category c ON c.number = r.cat1 WHERE r.track = 'complaint'
            UNION ALL
            SELECT r.id, c.id FROM bench_r r JOIN policy_category c ON c.number = r.cat2 WHERE r.track = 'complaint'
            """
        )
        log(f"  reports: {time.perf_counter() - started:.1f} s")

        # --- events: three a report (submit; acknowledge, escalate or a note; the last step), 20 for one ---------
        event_base = scalar("SELECT coalesce(max(id), 0) FROM reports_reportevent")
        execute(
            f"""
            CREATE TEMP TABLE bench_e ON COMMIT DROP AS
            SELECT r.*, k, {event_base} + (r.n - 1) * 3 + k AS event_id,
                coalesce(CASE WHEN r.track = 'safeguarding' THEN {dsl.pk}
                              WHEN r.stage = 'office_leadership' THEN {office}
                              WHEN r.stage = 'governors' THEN {clerk.pk} END, t.user_id) AS staff_id
            FROM bench_r r CROSS JOIN generate_series(1, 3) k
            LEFT JOIN bench_class_teacher t ON t.class_id = r.class_id
            """
        )
        step2_action = (
            "CASE WHEN track = 'safeguarding' THEN CASE WHEN status = 'new' THEN 'note' ELSE 'acknowledge' END "
            "WHEN stage <> 'class_teacher' THEN 'escalate' WHEN status = 'new' THEN 'note' ELSE 'acknowledge' END"
        )
        step3_action = (
            "CASE WHEN track = 'safeguarding' THEN CASE WHEN status = 'closed' THEN 'close' ELSE 'note' END "
            "WHEN status = 'responded' THEN 'respond' WHEN status = 'resolved' THEN 'resolve' "
            "WHEN status = 'withdrawn' THEN 'withdraw' WHEN status = 'closed' AND stage = 'governors' "
            "THEN 'record_outcome' WHEN status = 'closed' THEN 'other_procedure' ELSE 'note' END"
        )
        action = f"CASE k WHEN 1 THEN 'submit' WHEN 2 THEN {step2_action} ELSE {step3_action} END"
        execute(f"ALTER TABLE bench_e ADD COLUMN action text; UPDATE bench_e SET action = {action}")
        event_values = {
            "id": "event_id",
            "report_id": "id",
            "action": "action",
            "actor_id": "CASE WHEN action IN ('submit', 'withdraw') OR (action = 'escalate') THEN reporter_id "
            "ELSE staff_id END",
            "from_stage": "CASE WHEN k = 1 THEN '' WHEN action = 'escalate' AND stage = 'governors' "
            "THEN 'office_leadership' WHEN action = 'escalate' THEN 'class_teacher' ELSE stage END",
            "from_status": "CASE WHEN k = 1 THEN '' WHEN k = 2 THEN 'new' WHEN action = 'note' THEN status "
            "ELSE 'acknowledged' END",
            "to_stage": "CASE WHEN k = 1 THEN 'class_teacher' ELSE stage END",
            "to_status": "CASE WHEN k = 1 THEN 'new' WHEN k = 2 AND action = 'acknowledge' THEN 'acknowledged' "
            "WHEN k = 2 THEN 'new' WHEN action = 'note' THEN status ELSE status END",
            "note": "CASE WHEN k = 1 THEN '' WHEN action = 'note' THEN 'Spoke to the class teacher; waiting to hear.' "
            "WHEN action = 'escalate' THEN 'I am not satisfied with the answer.' "
            "ELSE 'Thank you for telling us. We have looked into it and spoken to those involved.' END",
            "staff_note": "''",
            "changes": "'{}'::jsonb",
            "visible_to_reporter": "action NOT IN ('note')",
            "created_at": "least(created_at + (k - 1) * interval '20 hours', now())",
        }
        insert_select(ReportEvent, event_values, "bench_e")
        special_id = report_base + 1
        extra = 17
        special_values = {
            "id": f"{event_base} + {plan.reports} * 3 + j",
            "report_id": str(special_id),
            "action": "(ARRAY['note', 'request_info', 'add_info'])[1 + mod(j, 3)]",
            "actor_id": f"CASE WHEN mod(j, 3) = 2 THEN {parent.pk} ELSE {teacher.pk} END",
            "from_stage": "'class_teacher'",
            "from_status": "'acknowledged'",
            "to_stage": "'class_teacher'",
            "to_status": "'acknowledged'",
            "note": "'Step ' || j || ': ' || (ARRAY['An internal note about what the class teacher found.', "
            "'Could you tell us which day the messages were posted?', "
            "'They were posted on the evening of the trip and again the next day.'])[1 + mod(j, 3)]",
            "staff_note": "''",
            "changes": "'{}'::jsonb",
            "visible_to_reporter": "mod(j, 3) <> 0",
            "created_at": "now() - interval '3 days' + j * interval '2 hours'",
        }
        insert_select(ReportEvent, special_values, f"generate_series(1, {extra}) j")
        log(f"  events: {time.perf_counter() - started:.1f} s")

        # --- holdings, as routing would have them ------------------------------------------------------------
        open_complaint = "r.track = 'complaint' AND r.status IN ('new', 'acknowledged', 'responded')"
        first_event = f"{event_base} + (r.n - 1) * 3 + 1"
        second_event = f"{event_base} + (r.n - 1) * 3 + 2"
        third_event = f"{event_base} + (r.n - 1) * 3 + 3"
        holding = {
            "report_id": "report_id",
            "person_id": "person_id",
            "started_by_id": "started_by",
            "started_at": "started_at",
            "ended_by_id": "ended_by",
            "ended_at": "ended_at",
        }
        insert_select(
            Holding,
            holding,
            f"""(
                SELECT r.id AS report_id, t.user_id AS person_id, {first_event} AS started_by,
                    r.created_at AS started_at,
                    CASE WHEN {open_complaint} AND r.stage = 'class_teacher' THEN NULL
                         WHEN r.stage = 'class_teacher' THEN {third_event} ELSE {second_event} END AS ended_by,
                    CASE WHEN {open_complaint} AND r.stage = 'class_teacher' THEN NULL
                         WHEN r.stage = 'class_teacher' THEN r.ended_on::timestamptz
                         ELSE r.created_at + interval '20 hours' END AS ended_at
                FROM bench_r r JOIN school_schoolclass_teachers t ON t.schoolclass_id = r.class_id
                WHERE r.track = 'complaint'
                UNION ALL
                SELECT r.id, g.user_id, {second_event}, r.created_at + interval '20 hours', NULL, NULL
                FROM bench_r r JOIN accounts_user_groups g ON g.group_id = {groups["Office"]}
                WHERE {open_complaint} AND r.stage = 'office_leadership'
                UNION ALL
                SELECT r.id, g.user_id, {second_event}, r.created_at + interval '20 hours', NULL, NULL
                FROM bench_r r JOIN accounts_user_groups g ON g.group_id = {groups["Clerk"]}
                WHERE {open_complaint} AND r.stage = 'governors'
            ) holders""",
        )
        log(f"  holdings: {time.perf_counter() - started:.1f} s")

        # --- the outbox: 2.5 rows a report, nearly all sent; a backlog to drain ------------------------------
        notification = {
            "key": "key",
            "recipient_id": "recipient_id",
            "template": "template",
            "report_id": "report_id",
            "event_id": "event_id",
            "to_email": "to_email",
            "subject": "subject",
            "body_text": P(BODY_TEXT),
            "body_html": P(BODY_HTML),
            "status": "status",
            "attempts": "attempts",
            "created_at": "created_at",
            "sent_at": "sent_at",
            "read_at": "read_at",
        }
        insert_select(
            Notification,
            notification,
            """(
                SELECT 'seed:' || e.id || ':' || e.k AS key,
                    CASE WHEN e.k = 2 THEN e.staff_id ELSE e.reporter_id END AS recipient_id,
                    CASE e.k WHEN 1 THEN 'report-received'
                             WHEN 2 THEN CASE WHEN e.track = 'safeguarding' THEN 'safeguarding'
                                              ELSE 'report-assigned' END
                             ELSE 'report-update' END AS template,
                    e.id AS report_id,
                    CASE WHEN e.k = 3 THEN e.event_id ELSE e.event_id - e.k + 1 END AS event_id,
                    u.email AS to_email,
                    CASE e.k WHEN 1 THEN 'Your report was received' WHEN 2 THEN 'A report reached you'
                             ELSE 'Your report moved on' END AS subject,
                    CASE WHEN e.k = 1 AND mod(e.n, 200) = 7 THEN 'pending' ELSE 'sent' END AS status,
                    CASE WHEN e.k = 1 AND mod(e.n, 200) = 7 THEN 0 ELSE 1 END AS attempts,
                    least(e.created_at + (e.k - 1) * interval '20 hours', now() - interval '1 day') AS created_at,
                    CASE WHEN e.k = 1 AND mod(e.n, 200) = 7 THEN NULL
                         ELSE least(e.created_at + (e.k - 1) * interval '20 hours', now() - interval '1 day')
                              + interval '2 seconds' END AS sent_at,
                    CASE WHEN e.k <> 2 AND mod(e.hx, 3) = 0 THEN e.created_at + interval '2 days' END AS read_at
                FROM bench_e e JOIN accounts_user u ON u.id = CASE WHEN e.k = 2 THEN e.staff_id ELSE e.reporter_id END
                WHERE e.reporter_id IS NOT NULL AND (e.k < 3 OR mod(e.n, 2) = 0)
            ) rows""",
        )
        insert_select(
            Notification,
            notification,
            f"""(
                SELECT 'backlog:' || i AS key, p.user_id AS recipient_id, 'report-update' AS template,
                    {report_base} + 1 + mod(i * 13, {plan.reports}) AS report_id, NULL::bigint AS event_id,
                    u.email AS to_email, 'Your report moved on' AS subject, 'pending' AS status, 0 AS attempts,
                    now() - interval '1 hour' AS created_at, NULL::timestamptz AS sent_at,
                    NULL::timestamptz AS read_at
                FROM generate_series(1, {plan.backlog}) i
                JOIN bench_parent p ON p.n = 1 + mod(i, {plan.parents})
                JOIN accounts_user u ON u.id = p.user_id
            ) rows""",
        )
        log(f"  outbox: {time.perf_counter() - started:.1f} s")

        # --- safeguarding clocks, panels, the one report's files ----------------------------------------------
        concern = {
            "report_id": "id",
            "referred_from_stage": "''",
            "reporter_told": "true",
            "opened_at": "created_at",
            "acknowledge_by": "created_at + interval '2 hours'",
            "morning_reminder_at": "CASE WHEN status = 'new' AND mod(n, 3) = 0 "
            "THEN created_at + interval '12 hours' END",
            "reminded_at": "NULL",
            "chased_at": "CASE WHEN status = 'new' AND mod(hx, 2) = 0 THEN created_at + interval '3 hours' END",
            "acknowledged_at": "CASE WHEN status <> 'new' THEN created_at + interval '1 hour' END",
            "case_manager_id": f"CASE WHEN allegation THEN {head.pk} END",
            "lado_due_at": "CASE WHEN allegation THEN created_at + interval '1 day' END",
            "lado_chased_at": "NULL",
            "closed_at": "CASE WHEN status = 'closed' THEN created_at + interval '3 days' END",
        }
        insert_select(Concern, concern, "bench_r WHERE track = 'safeguarding'")
        insert_select(
            Panel,
            {
                "report_id": "id",
                "companion": "''",
                "arranged_at": "created_at + interval '25 days'",
                "arranged_by_id": str(clerk.pk),
            },
            "bench_r WHERE panel_on IS NOT NULL",
        )
        files = evidence_files(special_id)
        for name, content_type, size in files:
            Evidence.objects.create(
                report_id=special_id,
                file=name,
                original_name=name.rsplit("/", 1)[-1],
                content_type=content_type,
                size=size,
            )
        for table in ("reports_report", "reports_reportevent"):
            execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        log(f"  the rest: {time.perf_counter() - started:.1f} s")

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # as autovacuum would have left a database this size
    log(f"  vacuum analyze: {time.perf_counter() - started:.1f} s")
    try:
        with connection.cursor() as cursor:
            cursor.execute("CHECKPOINT")  # the seed's writes go to disk now, not during the first page measured
    except DatabaseError as exc:  # a role that may not ask for one (superusers and pg_checkpoint may)
        log(f"  no checkpoint: {exc}".rstrip())
    log(f"  checkpoint: {time.perf_counter() - started:.1f} s")
    counts = {
        "reports": Report.objects.count(),
        "open": Report.objects.open().count(),
        "events": ReportEvent.objects.count(),
        "outbox": Notification.objects.count(),
        "holdings": Holding.objects.count(),
        "users": User.objects.count(),
        "classes": SchoolClass.objects.count(),
    }
    return {
        "plan": plan,
        "counts": counts,
        "seconds": time.perf_counter() - started,
        "report_reference": REPORT_REFERENCE,
        "backlog_ids": list(
            Notification.objects.filter(key__startswith="backlog:").order_by("pk").values_list("pk", flat=True)
        ),
    }


def evidence_files(report_id):
    """Three small real files under EVIDENCE_ROOT: two screenshots and a PDF. Their names, types and sizes."""
    from PIL import Image

    root = settings.EVIDENCE_ROOT
    month = timezone.now().strftime("%Y/%m")
    found = []
    for colour in ("#d9534f", "#5bc0de"):
        buffer = io.BytesIO()
        Image.new("RGB", (320, 200), colour).save(buffer, format="PNG")
        found.append((f"evidence/{month}/{uuid.uuid4().hex}.png", "image/png", buffer.getvalue()))
    pdf = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
    found.append((f"evidence/{month}/{uuid.uuid4().hex}.pdf", "application/pdf", pdf))
    result = []
    for name, content_type, content in found:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        result.append((name, content_type, len(content)))
    return result
