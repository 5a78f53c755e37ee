"""Deadline reminders: the day before a deadline to the holders; once it passes, to them and the leadership team.

The sweep is set-based: for each batch of reports, one ``INSERT … SELECT … ON
CONFLICT (key) DO NOTHING`` writes every row of the outbox that batch needs, in
a transaction of its own, so the number of statements does not grow with the
number of reports and no transaction is held for long. Each row is keyed by
its report's deadline and its recipient, as it always was, so running twice
queues nothing new. The rows are written without their message: the sender
writes each in its reader's language when it sends it (``notifications.sending``),
from the stage and deadline kept in its context, as they were this morning.
"""

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import StaffGroup, User
from notifications.models import Notification
from notifications.services import OPTIONAL
from notifications.tasks import start_sending

from .ladder import HANDLER_STATUSES
from .models import Holding, ReminderSweep, Report
from .services import school_calendar

BATCH = 5000  # reports a transaction

REMINDER, OVERDUE = ("reminder", "report-reminder"), ("overdue", "report-overdue")


def queue_deadline_reminders(today):
    """Queue the reminders due on ``today``; each is keyed by its deadline, so running twice sends nothing new.

    A deadline on ``today`` or the next school day: a reminder to the report's
    current holders (those who keep ``wants_deadline_reminders`` on). A
    deadline passed: a notice to the holders and the leadership team, never to
    the person the report is about. Only people whose accounts are active.
    Returns how many rows it queued; after each batch commits, the sending starts.

    Once it has finished a day, a re-run that day (with the same leadership
    team) looks only at reports that moved or gained a holder since the first
    run started; a run that stopped part-way is simply run again in full.
    """
    calendar = school_calendar()
    if not calendar.is_school_day(today):
        return 0
    started = timezone.now()
    next_school_day = calendar.add_school_days(today, 1)
    leadership = sorted(User.objects.in_group(StaffGroup.LEADERSHIP).values_list("pk", flat=True))
    told = ",".join(map(str, leadership))
    reports = Report.objects.filter(status__in=HANDLER_STATUSES, due_on__lte=next_school_day)
    earlier = ReminderSweep.objects.filter(day=today, leadership=told).first()
    since = earlier.started_at if earlier is not None else None
    if since is not None:
        # Run today already: only reports that moved, or have a new holder, since it started can need more.
        changed = Holding.objects.filter(started_at__gte=since).values("report_id")
        reports = reports.filter(Q(updated_at__gte=since) | Q(pk__in=changed))
    ids = list(reports.order_by("pk").values_list("pk", flat=True))
    statement, params = _insert_statement(leadership)
    ops = connection.ops
    params.update(
        today=ops.adapt_datefield_value(today),
        next_school_day=ops.adapt_datefield_value(next_school_day),
        since=ops.adapt_datetimefield_value(since),
    )
    queued = 0
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(
                    statement,
                    {**params, "first": batch[0], "last": batch[-1],
                     "now": ops.adapt_datetimefield_value(timezone.now())},
                )  # fmt: skip
                inserted = max(cursor.rowcount, 0)
            if inserted:
                transaction.on_commit(start_sending)
        queued += inserted
    ReminderSweep.objects.update_or_create(
        day=today, defaults={"started_at": started, "finished_at": timezone.now(), "leadership": told}
    )
    return queued


def _insert_statement(leadership):
    """The one statement that queues a batch's reminders and notices, and its parameters (but the batch's)."""
    if connection.vendor == "postgresql":
        day = "to_char(r.due_on, 'YYYYMMDD')"
        as_of = (
            "jsonb_build_object('report_as_of', jsonb_build_object("
            "'stage', r.stage, 'due_for', r.due_for, 'due_on', to_char(r.due_on, 'YYYY-MM-DD')))"
        )
    else:  # SQLite, which keeps a date as YYYY-MM-DD text
        day = "replace(r.due_on, '-', '')"
        as_of = "json_object('report_as_of', json_object('stage', r.stage, 'due_for', r.due_for, 'due_on', r.due_on))"
    params = {f"status_{number}": status for number, status in enumerate(sorted(HANDLER_STATUSES))}
    params.update({f"leader_{number}": pk for number, pk in enumerate(leadership)})
    statuses = ", ".join(f"%(status_{number})s" for number in range(len(HANDLER_STATUSES)))
    report, holding, user = Report._meta.db_table, Holding._meta.db_table, User._meta.db_table
    no_time = "CAST(NULL AS TIMESTAMP WITH TIME ZONE)"  # typed: the parts of a UNION must agree
    # Only table names and constants are written into the SQL (S608); every value is a parameter.
    in_batch = (
        f"r.id BETWEEN %(first)s AND %(last)s AND r.status IN ({statuses}) AND (%(since)s IS NULL OR "  # noqa: S608
        f"r.updated_at >= %(since)s OR r.id IN (SELECT report_id FROM {holding} WHERE started_at >= %(since)s))"
    )

    def rows(reminder, overdue=None):
        """The SELECT list of a part: of ``reminder`` alone, or, with ``overdue``, whichever the deadline makes it."""
        if overdue is None:
            kind, template = f"'{reminder[0]}'", f"'{reminder[1]}'"
        else:
            late = "r.due_on < %(today)s"
            kind = f"CASE WHEN {late} THEN '{overdue[0]}' ELSE '{reminder[0]}' END"
            template = f"CASE WHEN {late} THEN '{overdue[1]}' ELSE '{reminder[1]}' END"
        key = f"{kind} || ':' || CAST(r.id AS TEXT) || ':' || r.due_for || ':' || {day} || ':to:' || CAST(u.id AS TEXT)"
        pending = Notification.Status.PENDING
        return (
            f"SELECT {key}, u.id, {template}, r.id, CAST(NULL AS BIGINT), {as_of}, u.email, '', '', '', "  # noqa: S608
            f"'{pending}', 0, '', {no_time}, {no_time}, %(now)s, {no_time}, {no_time} FROM {report} r"
        )

    # One pass over the holders: a reminder (to those who keep the optional email on) or an overdue notice.
    preference = OPTIONAL.get(REMINDER[1])
    wanted = f" AND u.{preference}" if preference else ""
    parts = [
        rows(REMINDER, OVERDUE)
        + f" JOIN {holding} h ON h.report_id = r.id AND h.ended_at IS NULL JOIN {user} u ON u.id = h.person_id"
        f" WHERE {in_batch} AND u.is_active AND (r.due_on < %(today)s"
        f" OR (r.due_on >= %(today)s AND r.due_on <= %(next_school_day)s{wanted}))"
    ]
    if leadership:
        leaders = ", ".join(f"%(leader_{number})s" for number in range(len(leadership)))
        parts.append(
            rows(OVERDUE) + f" JOIN {user} u ON u.id IN ({leaders})"
            f" WHERE {in_batch} AND r.due_on < %(today)s"
            " AND (r.concerns_staff_id IS NULL OR r.concerns_staff_id <> u.id)"
        )
    columns = (
        "key, recipient_id, template, report_id, event_id, context, to_email, subject, body_text, body_html, "
        "status, attempts, last_error, next_attempt_at, claimed_at, created_at, sent_at, read_at"
    )
    statement = (
        f"INSERT INTO {Notification._meta.db_table} ({columns}) "
        + " UNION ALL ".join(parts)
        + " ON CONFLICT (key) DO NOTHING"
    )
    return statement, params
