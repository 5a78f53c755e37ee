import logging

from django.db import transaction

from .models import Notification

logger = logging.getLogger(__name__)


def queue_notification(*, key, recipient, template, report=None, event=None, context=None):
    """Write an outbox row and send it after the surrounding transaction commits.

    Call it inside the transaction that makes the move, so the row exists only
    if the move does. Returns the row, or None when ``key`` was already queued.
    """
    notification, created = Notification.objects.get_or_create(
        key=key,
        defaults={
            "recipient": recipient,
            "template": template,
            "report": report,
            "event": event,
            "context": context or {},
        },
    )
    if not created:
        return None
    transaction.on_commit(lambda: enqueue(notification.pk))
    return notification


def enqueue(notification_id):
    """Hand one outbox row to Celery, without ever making a request wait on a broker that is down.

    A publish that fails leaves the row pending; the periodic ``requeue_pending``
    task sends it once the broker is back.
    """
    from .tasks import send_notification

    try:
        send_notification.apply_async((notification_id,), retry=False)
    except Exception as exc:  # noqa: BLE001 - any broker failure: the outbox keeps the row
        logger.warning("Notification %s stays in the outbox: broker unavailable (%s)", notification_id, exc)
