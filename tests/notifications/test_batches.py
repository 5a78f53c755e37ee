"""Sending in batches: each row once, with its own Message-ID; a refused row retried; an unwritable one failed."""

import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as MemoryBackend
from django.db import connection
from django.test.utils import CaptureQueriesContext

from notifications.models import Notification
from notifications.sending import deliver
from notifications.services import queue_notification
from notifications.tasks import send_notification, send_pending
from reports.reminders import queue_deadline_reminders
from tests.conftest import make_user
from tests.reports.factories import make_report
from tests.services import wait_until

REFUSED = "refused@example.org"


class RefusingBackend(MemoryBackend):
    """Memory, as in every test, but the mail server refuses one address for now."""

    def send_messages(self, messages):
        for message in messages:
            if REFUSED in message.to:
                raise smtplib.SMTPDataError(451, b"Try again later")
        return super().send_messages(messages)


@pytest.fixture
def report(parent, school_class, teacher):
    report = make_report(parent, school_class=school_class)
    Notification.objects.all().delete()
    return report


def queue(report, recipient, count, prefix="batch"):
    return [
        queue_notification(key=f"{prefix}:{number}", recipient=recipient, template="report-received", report=report)
        for number in range(count)
    ]


def test_a_batch_sends_each_row_once_with_its_message_id(report, parent, mailoutbox):
    rows = queue(report, parent, 30)
    outcome = deliver(fill=100)
    assert sorted(outcome.sent) == sorted(row.pk for row in rows)
    assert sorted(message.extra_headers["Message-ID"] for message in mailoutbox) == sorted(
        row.message_id for row in rows
    )
    assert set(Notification.objects.values_list("status", "attempts")) == {(Notification.Status.SENT, 1)}
    assert deliver(fill=100).claimed == [] and len(mailoutbox) == 30


def test_a_batch_takes_the_same_statements_for_fifty_rows_as_for_five_but_a_mark_each(report, parent, mailoutbox):
    def statements(count, prefix):
        queue(report, parent, count, prefix)
        with CaptureQueriesContext(connection) as queries:
            assert len(deliver(fill=100).sent) == count
        return len(queries) - count  # one UPDATE marks each row sent as soon as the mail server took it

    assert statements(5, "five") == statements(50, "fifty")


def test_a_task_claims_no_more_than_a_batch_and_its_own_row_first(report, parent, mailoutbox, settings):
    rows = queue(report, parent, 12)
    outcome = deliver(own=rows[-1].pk, fill=4)
    assert outcome.claimed[0] == rows[-1].pk and len(outcome.claimed) == 5
    assert Notification.objects.filter(status=Notification.Status.PENDING).count() == 7


def test_a_row_refused_in_a_batch_waits_its_backoff_and_the_rest_are_sent(report, parent, mailoutbox, settings):
    settings.EMAIL_BACKEND = "tests.notifications.test_batches.RefusingBackend"
    refused = make_user(REFUSED)
    rows = queue(report, parent, 3) + queue(report, refused, 1, "refused") + queue(report, parent, 3, "after")
    outcome = deliver(fill=100)
    assert len(outcome.sent) == 6 and [pk for pk, _seconds in outcome.retry] == [rows[3].pk]
    assert outcome.retry[0][1] == settings.NOTIFICATIONS_RETRY_BASE_SECONDS
    row = Notification.objects.get(pk=rows[3].pk)
    assert row.status == Notification.Status.PENDING and "451" in row.last_error and row.next_attempt_at
    assert deliver(fill=100).claimed == []  # waiting out its backoff: no batch takes it early
    assert send_notification.apply(args=(row.pk,)).get() == "pending"  # its own retry does
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_notification.apply(args=(row.pk,)).get() == "sent"
    assert [m.extra_headers["Message-ID"] for m in mail.outbox].count(row.message_id) == 1


def test_a_queued_row_that_cannot_be_written_is_failed_with_the_reason(report, parent, mailoutbox):
    broken = Notification.objects.create(key="broken", recipient=parent, template="no-such-email", report=report,
                                         to_email=parent.email)  # fmt: skip
    good = queue(report, parent, 1)[0]
    outcome = deliver(fill=100)
    assert outcome.failed == [broken.pk] and outcome.sent == [good.pk]
    broken.refresh_from_db()
    assert broken.status == Notification.Status.FAILED
    assert broken.last_error.startswith("Could not be written: TemplateDoesNotExist")
    assert len(mailoutbox) == 1


def test_in_process_a_rows_task_sends_its_own_row_only(report, parent, mailoutbox):
    first, second = queue(report, parent, 2)
    assert send_notification.apply(args=(first.pk,)).get() == "sent"
    assert len(mailoutbox) == 1
    assert send_pending.apply().get() == 1


@pytest.mark.services
def test_the_worker_sends_the_mornings_reminders_in_batches_each_once(
    celery_worker, smtp_server, parent, school_class, teacher, head, settings
):
    import datetime

    reports = [make_report(parent, school_class=school_class, today=datetime.date(2026, 11, 23)) for _ in range(6)]
    assert wait_until(lambda: len(smtp_server.sink.messages) >= 12)  # each report: the parent and the teacher
    smtp_server.sink.messages.clear()
    assert queue_deadline_reminders(datetime.date(2026, 12, 1)) == 12  # overdue: the teacher and the head each
    rows = Notification.objects.filter(template="report-overdue")
    assert wait_until(lambda: len(smtp_server.sink.messages) >= 12 and not rows.exclude(status="sent").exists())
    assert sorted(message["Message-ID"] for message in smtp_server.sink.messages) == sorted(
        row.message_id for row in rows
    )
    assert {message["Subject"] for message in smtp_server.sink.messages} == {
        f"Overdue: report {report.reference}" for report in reports
    }
