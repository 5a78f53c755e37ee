import datetime
import logging

from celery import shared_task
from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone

from .emails import Rendered, message_from
from .models import Notification

logger = logging.getLogger(__name__)


def claim_lease():
    """A claim older than this is taken to be a worker that died while sending: the row may be sent again.

    It must be longer than any send can take (EMAIL_TIMEOUT, 20 s, for each step of the SMTP conversation).
    """
    return datetime.timedelta(seconds=settings.NOTIFICATIONS_CLAIM_SECONDS)


def backoff_seconds(attempts):
    """30 s, 60 s, 2 min … up to an hour between attempts (the base is a setting)."""
    return min(settings.NOTIFICATIONS_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0), 3600)


def claimable(now):
    return Q(status=Notification.Status.PENDING) | Q(
        status=Notification.Status.SENDING, claimed_at__lt=now - claim_lease()
    )


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None)
def send_notification(self, notification_id):
    """Send one outbox row once.

    1. Claim it with one conditional UPDATE (pending, or a claim whose worker
       died): a row already sent, being sent, or gone is skipped, so a retried
       or duplicated task never mails twice what was marked sent. No lock is held
       while the mail server answers.
    2. Send the message as it was written at its step, with a Message-ID made
       from the outbox key: a copy sent again after a worker died between the
       mail server's accept and step 3 is recognisably the same message.
    3. Mark it sent. On a mail-server error, record the error and the next
       attempt and retry with exponential backoff; after the last attempt it is
       failed, with the reason, and never queued again.
    """
    now = timezone.now()
    claimed = Notification.objects.filter(claimable(now), pk=notification_id).update(
        status=Notification.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    if not claimed:
        return "skipped"
    notification = Notification.objects.get(pk=notification_id)
    rendered = Rendered(notification.subject, notification.body_text, notification.body_html)
    message = message_from(rendered, notification.to_email, headers={"Message-ID": notification.message_id})
    try:
        message.send()
    except Exception as exc:  # noqa: BLE001 - any mail-server failure is retried
        return _after_failure(self, notification, exc)
    Notification.objects.filter(pk=notification.pk).update(
        status=Notification.Status.SENT, sent_at=timezone.now(), last_error="", next_attempt_at=None
    )
    logger.info("Sent notification %s (%s)", notification.pk, notification.template)
    return "sent"


def _after_failure(task, notification, exc):
    error = f"{exc.__class__.__name__}: {exc}"[:2000]
    failed = notification.attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS
    Notification.objects.filter(pk=notification.pk).update(
        status=Notification.Status.FAILED if failed else Notification.Status.PENDING,
        last_error=error,
        next_attempt_at=timezone.now() + datetime.timedelta(seconds=backoff_seconds(notification.attempts)),
    )
    logger.warning("Sending notification %s failed (attempt %s): %s", notification.pk, notification.attempts, error)
    if failed or task.request.is_eager:
        # In process (no broker) the periodic re-queue tries again; never fail the request.
        return "failed" if failed else "pending"
    raise task.retry(exc=exc, countdown=backoff_seconds(notification.attempts))


@shared_task
def requeue_pending():
    """Queue again every row whose send seems lost: never queued (broker down), overdue a retry, or claimed by a
    worker that died. A failed row is never queued again.

    Runs every minute under Celery beat. Sending is idempotent, so a row that
    is queued twice is still sent once.
    """
    from .services import enqueue

    now = timezone.now()
    grace = datetime.timedelta(seconds=settings.NOTIFICATIONS_REQUEUE_AFTER_SECONDS)
    due = Notification.objects.filter(
        (Q(status=Notification.Status.PENDING) & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lt=now - grace)))
        | Q(status=Notification.Status.SENDING, claimed_at__lt=now - claim_lease()),
        created_at__lt=now - grace,
    )
    ids = list(due.values_list("pk", flat=True)[: settings.NOTIFICATIONS_REQUEUE_BATCH])
    for notification_id in ids:
        enqueue(notification_id)
    if ids:
        logger.info("Re-queued %s pending notifications", len(ids))
    return len(ids)
