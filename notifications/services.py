import logging
from functools import partial

from django.db import transaction

from .emails import render
from .models import Notification

logger = logging.getLogger(__name__)

# Emails a person may turn off on their account page; every other one is part of the procedure.
OPTIONAL = {"report-reminder": "wants_deadline_reminders"}


def queue_notification(*, key, recipient, template, report=None, event=None, context=None):
    """Write an outbox row, with its message rendered now, and send it after the surrounding transaction commits.

    Call it inside the transaction that makes the move, so the row exists only
    if the move does. Returns the row, or None when ``key`` was already queued
    or the person turned that kind of email off. A message that cannot be
    rendered is kept as failed, with the reason: the move itself goes ahead.
    """
    if not wants(recipient, template) or Notification.objects.filter(key=key).exists():
        return None
    notification = written(key=key, recipient=recipient, template=template, report=report, event=event,
                           context=context)  # fmt: skip
    with transaction.atomic():  # a savepoint: a duplicate key from a racing move leaves the move's transaction usable
        notification.save()
    if notification.status == Notification.Status.PENDING:
        transaction.on_commit(lambda: enqueue(notification.pk))
    return notification


def queue_notifications(wanted):
    """Write several outbox rows in one INSERT, as ``queue_notification`` writes one; sent together after the commit.

    ``wanted``: dicts of ``queue_notification``'s arguments. A row whose key is
    already queued is left as it was. Returns the rows it wrote or found queued, without their ids.
    """
    rows = [written(**arguments) for arguments in wanted if wants(arguments["recipient"], arguments["template"])]
    if not rows:
        return []
    Notification.objects.bulk_create(rows, ignore_conflicts=True)  # which leaves the rows without their ids
    to_send = [row.key for row in rows if row.status == Notification.Status.PENDING]
    if to_send:
        queued = Notification.objects.filter(key__in=to_send, status=Notification.Status.PENDING).order_by("pk")
        ids = list(queued.values_list("pk", flat=True))
        if ids:
            transaction.on_commit(partial(enqueue, *ids))
    return rows


def wants(recipient, template):
    """False when the person turned this kind of email off on their account page."""
    preference = OPTIONAL.get(template)
    return not preference or getattr(recipient, preference, True)


def written(*, key, recipient, template, report=None, event=None, context=None):
    """An unsaved outbox row, with its message rendered now in its reader's language (or failed, with the reason)."""
    context = context or {}
    notification = Notification(
        key=key, recipient=recipient, template=template, report=report, event=event, context=context,
        to_email=recipient.email,
    )  # fmt: skip
    try:
        message = render(template, {"report": report, "event": event, "recipient": recipient, **context},
                         recipient.reading_language)  # fmt: skip
    except Exception as exc:  # noqa: BLE001 - any template fault: kept as failed, never lost silently
        notification.status = Notification.Status.FAILED
        notification.last_error = f"Could not be written: {exc.__class__.__name__}: {exc}"[:2000]
        logger.exception("Notification %s could not be rendered", key)
    else:
        notification.subject, notification.body_text, notification.body_html = (
            message.subject,
            message.text,
            message.html,
        )
    return notification


def enqueue(*notification_ids):
    """Hand outbox rows to Celery, in one task, without ever making a request wait on a broker that is down.

    A publish that fails leaves the rows pending; the periodic ``requeue_pending``
    task sends them once the broker is back.
    """
    from .tasks import send_notification, send_notifications

    try:
        if len(notification_ids) == 1:
            send_notification.apply_async(notification_ids, retry=False)
        else:
            send_notifications.apply_async((list(notification_ids),), retry=False)
    except Exception as exc:  # noqa: BLE001 - any broker failure: the outbox keeps the rows
        logger.warning("Notifications %s stay in the outbox: broker unavailable (%s)", notification_ids, exc)
