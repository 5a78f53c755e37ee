"""Each email is written when its step happens and kept; one that cannot be sent ends as failed, with the reason."""

import pytest

from notifications.models import Notification
from notifications.services import queue_notification
from notifications.tasks import requeue_pending, send_notification
from tests.reports.factories import make_report


@pytest.fixture
def report(parent, school_class, teacher):
    return make_report(parent, school_class=school_class)


def test_a_late_message_says_what_was_true_when_its_step_happened(report, parent, mailoutbox):
    notification = Notification.objects.get(recipient=parent)
    assert report.reference in notification.subject and notification.to_email == "parent@example.org"
    parent.full_name, parent.email = "Renamed Later", "moved@example.org"
    parent.save()
    send_notification.apply(args=(notification.pk,))
    [message] = mailoutbox
    assert message.to == ["parent@example.org"] and "Renamed Later" not in message.body


def test_a_message_that_cannot_be_written_is_kept_as_failed_and_the_step_goes_ahead(report, parent):
    notification = queue_notification(key="broken", recipient=parent, template="no-such-email", report=report)
    assert notification.status == Notification.Status.FAILED
    assert "Could not be written: TemplateDoesNotExist" in notification.last_error


def test_a_message_the_mail_server_keeps_refusing_ends_as_failed_with_the_reason(report, parent, settings, smtp_server):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp_server.port
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 2
    smtp_server.sink.refusing = True
    notification = Notification.objects.get(recipient=parent)
    assert send_notification.apply(args=(notification.pk,)).get() == "pending"
    notification.refresh_from_db()
    assert notification.status == Notification.Status.PENDING and "451" in notification.last_error
    notification.next_attempt_at = None
    notification.save(update_fields=["next_attempt_at"])
    assert send_notification.apply(args=(notification.pk,)).get() == "failed"
    notification.refresh_from_db()
    assert notification.status == Notification.Status.FAILED and notification.attempts == 2
    assert requeue_pending.apply().get() == 0  # never queued again
    assert smtp_server.sink.messages == []


def test_the_administrator_is_told_on_the_admins_first_page(client, report, parent, db):
    from tests.conftest import make_user

    Notification.objects.filter(recipient=parent).update(status=Notification.Status.FAILED, last_error="550 No")
    client.force_login(make_user("admin@example.org", is_staff=True, is_superuser=True))
    assert "1 email could not be sent." in client.get("/admin/").content.decode()
