import logging

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from .emails import make_message
from .models import Notification

logger = logging.getLogger(__name__)


@shared_task(bind=True, acks_late=True, max_retries=8)
def send_notification(self, notification_id):
    """Send one outbox row once.

    1. Lock the row; a row already sent (or gone) is skipped, so a retried or
       duplicated task never mails twice what was marked sent.
    2. Send it with a Message-ID made from the outbox key.
    3. Mark it sent in the transaction that holds the lock; on a mail-server
       error, record the error and retry with exponential backoff.
    """
    error = None
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("recipient", "report", "event", "event__actor")
            .filter(pk=notification_id)
            .first()
        )
        if notification is None or notification.status == Notification.Status.SENT:
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
        else:
            notification.status = Notification.Status.SENT
            notification.sent_at = timezone.now()
            notification.last_error = ""
        notification.save(update_fields=["status", "sent_at", "attempts", "last_error"])
    if error is None:
        logger.info("Sent notification %s (%s)", notification.pk, notification.template)
        return "sent"
    logger.warning("Sending notification %s failed: %s", notification.pk, notification.last_error)
    if self.request.is_eager:
        # In process (no broker): leave the row pending rather than fail the request.
        return "pending"
    raise self.retry(exc=error, countdown=min(30 * 2 ** (notification.attempts - 1), 3600))
