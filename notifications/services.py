from django.db import transaction

from .models import Notification


def queue_notification(*, key, recipient, template, report=None, event=None, context=None):
    """Write an outbox row and send it after the surrounding transaction commits.

    Call it inside the transaction that makes the move, so the row exists only
    if the move does. Returns the row, or None when ``key`` was already queued.
    """
    from .tasks import send_notification

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
    transaction.on_commit(lambda: send_notification.delay(notification.pk))
    return notification
