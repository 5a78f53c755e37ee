import datetime
import logging

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .emails import make_message
from .models import Notification

logger = logging.getLogger(__name__)


def backoff_seconds(attempts):
    """30 s, 60 s, 2 min … up to an hour between attempts (the base is a setting)."""
    return min(settings.NOTIFICATIONS_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0), 3600)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None)
def send_notification(self, notification_id):
    """Send one outbox row once.

    1. Lock the row; a row already sent (or gone) is skipped, so a retried or
       duplicated task never mails twice what was marked sent.
    2. Send it with a Message-ID made from the outbox key: a copy sent again
       after a worker died between the mail server's accept and step 3 is
       recognisably the same message.
    3. Mark it sent in the transaction that holds the lock. On a mail-server
       error, record the error and the next attempt, and retry with
       exponential backoff.
    """
    error = None
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("recipient", "report", "event", "event__actor")
            .filter(pk=notification_id)
            .first()
        )
        if notification is None or notification.status != Notification.Status.PENDING:
            return "skipped"
        context = {
            "report": notification.report,
            "event": notification.event,
            "recipient": notification.recipient,
            **notification.context,
        }
        message = make_message(
            notification.template,
            notification.recipient.email,
            context,
            headers={"Message-ID": notification.message_id},
        )
        notification.attempts += 1
        try:
            message.send()
        except Exception as exc:  # noqa: BLE001 - any mail-server failure is retried
            error = exc
            notification.last_error = f"{exc.__class__.__name__}: {exc}"[:2000]
            notification.next_attempt_at = timezone.now() + datetime.timedelta(
                seconds=backoff_seconds(notification.attempts)
            )
            if notification.attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS:
                notification.status = Notification.Status.FAILED
        else:
            notification.status = Notification.Status.SENT
            notification.sent_at = timezone.now()
            notification.last_error = ""
            notification.next_attempt_at = None
        notification.save(update_fields=["status", "sent_at", "attempts", "last_error", "next_attempt_at"])
    if error is None:
        logger.info("Sent notification %s (%s)", notification.pk, notification.template)
        return "sent"
    logger.warning("Sending notification %s failed: %s", notification.pk, notification.last_error)
    if notification.status == Notification.Status.FAILED or self.request.is_eager:
        # In process (no broker) the periodic re-queue tries again; never fail the request.
        return "failed" if notification.status == Notification.Status.FAILED else "pending"
    raise self.retry(exc=error, countdown=backoff_seconds(notification.attempts))


@shared_task
def requeue_pending():
    """Queue again every pending row whose send seems lost: never queued (broker down) or overdue a retry.

    Runs every minute under Celery beat. Sending is idempotent, so a row that
    is queued twice is still sent once.
    """
    from .services import enqueue

    now = timezone.now()
    grace = datetime.timedelta(seconds=settings.NOTIFICATIONS_REQUEUE_AFTER_SECONDS)
    due = Notification.objects.filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lt=now - grace),
        status=Notification.Status.PENDING,
        created_at__lt=now - grace,
    )
    ids = list(due.values_list("pk", flat=True)[: settings.NOTIFICATIONS_REQUEUE_BATCH])
    for notification_id in ids:
        enqueue(notification_id)
    if ids:
        logger.info("Re-queued %s pending notifications", len(ids))
    return len(ids)
