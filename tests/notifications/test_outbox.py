"""The outbox in process: one row per event and recipient, sent once, re-queued when the broker was down."""

import datetime

import pytest
from django.utils import timezone

from notifications.models import Notification
from notifications.services import enqueue, queue_notification
from notifications.tasks import requeue_pending, send_notification
from reports.ladder import Move
from reports.reminders import queue_deadline_reminders
from reports.services import apply_move
from tests.conftest import point_producer_at
from tests.reports.factories import form_data, make_report

MONDAY = datetime.date(2026, 11, 23)


@pytest.fixture
def report(parent, school_class, teacher, head):
    return make_report(parent, school_class=school_class, today=MONDAY)


def test_the_same_key_never_makes_two_rows(report, parent):
    first = queue_notification(key="k1", recipient=parent, template="report-received", report=report)
    again = queue_notification(key="k1", recipient=parent, template="report-received", report=report)
    assert first is not None and again is None
    assert Notification.objects.filter(key="k1").count() == 1


def test_a_sent_row_is_never_sent_again(report, mailoutbox):
    notification = Notification.objects.filter(report=report).first()
    notification.status = Notification.Status.PENDING
    notification.save(update_fields=["status"])
    assert send_notification.apply(args=(notification.pk,)).get() == "sent"
    assert send_notification.apply(args=(notification.pk,)).get() == "skipped"
    assert [message.extra_headers["Message-ID"] for message in mailoutbox] == [notification.message_id]


def test_every_email_has_the_reference_a_link_and_no_report_text_in_its_subject(
    report, teacher, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        apply_move(report, actor=teacher, move=Move.RESPOND, note="A private reply about Alex")
    [message] = mailoutbox
    assert report.reference in message.subject
    assert "Alex" not in message.subject and "Rude" not in message.subject
    assert f"http://testserver/reports/{report.reference}/" in message.body
    assert message.alternatives[0][1] == "text/html"
    assert "A private reply about Alex" in message.body  # the response is meant for the reporter


def test_a_request_does_not_wait_on_a_broker_that_is_down(client, parent, school_class, teacher, mailoutbox):
    point_producer_at("redis://127.0.0.1:1/0")  # nothing listens there
    client.force_login(parent)
    with_commit = client.post("/reports/new/?child_at_risk=no", form_data(school_class=str(school_class.pk)))
    assert with_commit.status_code == 302
    # The test's transaction never commits, so run what would run after the commit.
    for notification in Notification.objects.all():
        enqueue(notification.pk)
    assert set(Notification.objects.values_list("status", flat=True)) == {"pending"}
    assert mailoutbox == []


def test_requeue_sends_what_waited_in_the_outbox(report, mailoutbox, settings):
    mailoutbox.clear()
    Notification.objects.update(
        status=Notification.Status.PENDING, created_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    fresh = queue_notification(key="fresh", recipient=report.reporter, template="report-received", report=report)
    assert requeue_pending.apply().get() == 2
    assert len(mailoutbox) == 2
    fresh.refresh_from_db()
    assert fresh.status == Notification.Status.PENDING  # younger than a minute: its own task is still on its way


def test_reminders_the_day_before_and_notices_when_a_deadline_passes(report, teacher, head, mailoutbox):
    mailoutbox.clear()
    assert report.due_on == datetime.date(2026, 11, 30)
    assert queue_deadline_reminders(datetime.date(2026, 11, 26)) == 0  # Thursday: not yet
    assert queue_deadline_reminders(datetime.date(2026, 11, 27)) == 1  # Friday: due on Monday, the next school day
    assert queue_deadline_reminders(datetime.date(2026, 11, 27)) == 0  # running twice sends nothing new
    assert queue_deadline_reminders(datetime.date(2026, 11, 28)) == 0  # Saturday: no reminders
    assert queue_deadline_reminders(datetime.date(2026, 12, 1)) == 2  # overdue: the teacher and the leadership team
    rows = sorted(Notification.objects.filter(template__in=["report-reminder", "report-overdue"]).values_list(
        "template", "recipient__email"
    ))  # fmt: skip
    assert rows == [
        ("report-overdue", "head@example.org"),
        ("report-overdue", "teacher@example.org"),
        ("report-reminder", "teacher@example.org"),
    ]


def test_staff_see_their_unread_notifications_and_opening_the_report_reads_them(client, report, teacher):
    client.force_login(teacher)
    home = client.get("/").content.decode()
    assert 'id="unread-count">1<' in home
    inbox = client.get("/notifications/").content.decode()
    assert report.reference in inbox and "A report reached you" in inbox
    client.get(report.get_absolute_url())
    assert 'id="unread-count"' not in client.get("/").content.decode()
