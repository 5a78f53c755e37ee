"""The morning's deadline sweep at scale: set-based, the same statements for 5 reports as for 50, nothing twice."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import StaffGroup
from notifications.models import Notification
from notifications.tasks import send_pending
from reports.ladder import Move
from reports.models import ReminderSweep
from reports.reminders import queue_deadline_reminders
from reports.services import apply_move
from tests.conftest import make_user

from .factories import make_report

MONDAY = datetime.date(2026, 11, 23)
FRIDAY = datetime.date(2026, 11, 27)  # the day before the deadline of a report made on MONDAY (5 school days)
OVERDUE_DAY = datetime.date(2026, 12, 1)


def reports(parent, school_class, count):
    return [make_report(parent, school_class=school_class, today=MONDAY) for _ in range(count)]


def sweep(day):
    with CaptureQueriesContext(connection) as queries:
        queued = queue_deadline_reminders(day)
    return queued, len(queries)


def test_the_sweep_takes_as_many_statements_for_fifty_reports_as_for_five(parent, school_class, teacher, head):
    reports(parent, school_class, 5)
    Notification.objects.all().delete()
    five = sweep(OVERDUE_DAY)
    assert five[0] == 10  # each overdue report: its teacher and the leadership team
    reports(parent, school_class, 45)
    Notification.objects.all().delete()
    ReminderSweep.objects.all().delete()  # as on a day the sweep has not run
    fifty = sweep(OVERDUE_DAY)
    assert fifty[0] == 100
    assert fifty[1] == five[1]
    again = sweep(OVERDUE_DAY)
    assert again[0] == 0 and again[1] <= five[1]  # a same-day re-run queues nothing


def test_a_re_run_queues_nothing_and_the_keys_are_what_they_were(parent, school_class, teacher, head):
    [report] = reports(parent, school_class, 1)
    assert queue_deadline_reminders(FRIDAY) == 1
    assert queue_deadline_reminders(FRIDAY) == 0
    assert queue_deadline_reminders(OVERDUE_DAY) == 2
    assert queue_deadline_reminders(OVERDUE_DAY) == 0
    due = f"{report.due_for}:{report.due_on:%Y%m%d}"
    sweeps = Notification.objects.filter(template__in=["report-reminder", "report-overdue"])
    assert set(sweeps.values_list("key", flat=True)) == {
        f"reminder:{report.pk}:{due}:to:{teacher.pk}",
        f"overdue:{report.pk}:{due}:to:{teacher.pk}",
        f"overdue:{report.pk}:{due}:to:{head.pk}",
    }


def test_who_is_reminded_and_who_is_told(parent, school_class, teacher, head):
    teacher.wants_deadline_reminders = False  # the optional email turned off
    teacher.save()
    leader = make_user("deputy.head@example.org", StaffGroup.LEADERSHIP, full_name="Dora Deputy")
    gone = make_user("former.head@example.org", StaffGroup.LEADERSHIP, is_active=False)
    about_the_head = make_report(parent, school_class=school_class, today=MONDAY, concerns_staff=head)
    about_a_class = make_report(parent, school_class=school_class, today=MONDAY)
    assert queue_deadline_reminders(FRIDAY) == 0  # the teacher holds both, and turned reminders off
    queue_deadline_reminders(OVERDUE_DAY)
    told = set(Notification.objects.filter(template="report-overdue").values_list("report", "recipient"))
    holders = {
        (report.pk, holding.person_id) for report in (about_the_head, about_a_class) for holding in
        report.holdings.filter(ended_at__isnull=True)
    }  # fmt: skip
    leaders = {(about_a_class.pk, head.pk), (about_a_class.pk, leader.pk), (about_the_head.pk, leader.pk)}
    assert told == holders | leaders
    assert gone.pk not in {recipient for _report, recipient in told}


def test_a_reminder_is_written_when_sent_in_its_readers_language_about_the_deadline_as_it_was(
    parent, school_class, teacher, mailoutbox
):
    [report] = reports(parent, school_class, 1)
    mailoutbox.clear()
    assert queue_deadline_reminders(FRIDAY) == 1
    row = Notification.objects.get(template="report-reminder")
    assert (row.subject, row.body_text, row.status) == ("", "", Notification.Status.PENDING)
    apply_move(report, actor=teacher, move=Move.ACKNOWLEDGE)  # a new deadline, after the sweep and before the send
    mailoutbox.clear()
    assert send_pending.apply().get() >= 1
    row.refresh_from_db()
    [message] = [message for message in mailoutbox if message.extra_headers["Message-ID"] == row.message_id]
    assert row.status == Notification.Status.SENT
    assert message.subject == row.subject == f"Reminder: report {report.reference} is due Monday 30 November"
    assert "Monday 30 November 2026" in row.body_text and "Acknowledge" in row.body_text
    assert row.body_html and "Hello Terry," in message.body


@pytest.mark.parametrize("day", [datetime.date(2026, 11, 28), datetime.date(2026, 11, 29)])
def test_no_sweep_at_the_weekend(parent, school_class, teacher, day):
    reports(parent, school_class, 1)
    with CaptureQueriesContext(connection) as queries:
        assert queue_deadline_reminders(day) == 0
    assert len(queries) <= 1  # the holidays, to know it is not a school day


def test_a_re_run_looks_again_at_what_moved_since_and_tells_a_new_holder(parent, school_class, teacher, head, office):
    first, second = reports(parent, school_class, 2)
    assert queue_deadline_reminders(OVERDUE_DAY) == 4
    with CaptureQueriesContext(connection) as queries:
        assert queue_deadline_reminders(OVERDUE_DAY) == 0
    assert not any("INSERT INTO" in query["sql"] for query in queries.captured_queries)  # nothing changed
    newcomer = make_user("newcomer@example.org", StaffGroup.TEACHERS, full_name="Nat New")
    school_class.teachers.add(newcomer)  # now holds both reports too
    assert queue_deadline_reminders(OVERDUE_DAY) == 2
    assert set(Notification.objects.filter(recipient=newcomer).values_list("template", flat=True)) == {"report-overdue"}
    assert queue_deadline_reminders(OVERDUE_DAY) == 0
