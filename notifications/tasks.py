import datetime
import logging

from celery import shared_task
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .models import Notification
from .sending import backoff_seconds, claim_lease, claimable, deliver  # noqa: F401 - the names tests and callers use

logger = logging.getLogger(__name__)


def batch_size():
    return max(settings.NOTIFICATIONS_SEND_BATCH, 1)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None)
def send_notification(self, notification_id):
    """Send one outbox row once, and with it up to a batch of other rows that are due.

    Published after the commit of the step that wrote the row. See
    ``notifications.sending`` for how a batch is claimed, sent and marked:

    1. Claim the rows with a conditional UPDATE (pending, or a claim whose
       worker died): a row already sent, being sent, or gone is skipped, so a
       retried or duplicated task never mails twice what was marked sent. No
       lock is held while the mail server answers.
    2. Send each message as it was written at its step, with a Message-ID made
       from the outbox key: a copy sent again after a worker died between the
       mail server's accept and step 3 is recognisably the same message.
    3. Mark each sent as soon as it is accepted. On a mail-server error, record
       the error and the next attempt, and publish the row again for then
       (exponential backoff); after the last attempt it is failed, with the
       reason, and never queued again.

    In process (no broker) it sends only its own row: each row's task runs
    there right after its commit anyway. Returns what happened to its own row.
    """
    eager = self.request.is_eager
    outcome = deliver(own=notification_id, fill=0 if eager else batch_size() - 1)
    _retry_later(outcome, eager)
    return outcome.of(notification_id)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True)
def send_notifications(self, notification_ids):
    """Send these outbox rows (``requeue_pending``'s batches), each once, as ``send_notification`` does."""
    outcome = deliver(ids=notification_ids)
    _retry_later(outcome, self.request.is_eager)
    return len(outcome.sent)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True)
def send_pending(self):
    """Send a batch of the rows that are due; while a batch is full, another task takes the next.

    The morning's reminders, written thousands at a time, are sent this way:
    the successor is published before this batch is sent, so a worker with
    more than one process sends batches side by side. In process, the batches
    are sent one after another.
    """
    eager, sent = self.request.is_eager, 0
    while True:
        outcome = deliver(fill=batch_size(), successor=None if eager else _publish_successor)
        _retry_later(outcome, eager)
        sent += len(outcome.sent)
        if not eager or len(outcome.claimed) < batch_size():
            return sent


def _publish_successor(claimed):
    if len(claimed) >= batch_size():
        start_sending()


def start_sending(tasks=1):
    """Publish ``send_pending`` tasks (after a commit that queued rows), never failing on a broker that is down.

    A publish that fails leaves the rows pending; ``requeue_pending`` sends them once the broker is back.
    """
    try:
        for _ in range(tasks):
            send_pending.apply_async(retry=False)
    except Exception as exc:  # noqa: BLE001 - any broker failure: the outbox keeps the rows
        logger.warning("Notifications stay in the outbox: broker unavailable (%s)", exc)


def _retry_later(outcome, eager):
    """Each refused row goes back on the queue for its next attempt (in process, ``requeue_pending`` tries again)."""
    if eager:
        return
    try:
        for notification_id, seconds in outcome.retry:
            send_notification.apply_async((notification_id,), countdown=seconds, retry=False)
    except Exception as exc:  # noqa: BLE001 - any broker failure: requeue_pending finds them
        logger.warning("Retries stay in the outbox: broker unavailable (%s)", exc)


@shared_task
def requeue_pending():
    """Queue again every row whose send seems lost: never queued (broker down), overdue a retry, or claimed by a
    worker that died. A failed row is never queued again.

    Runs every minute under Celery beat, publishing one task a batch of rows
    (and, when it found a full run of them, a ``send_pending`` to go on through
    the rest). Sending is idempotent, so a row that is queued twice is still
    sent once.
    """
    now = timezone.now()
    grace = datetime.timedelta(seconds=settings.NOTIFICATIONS_REQUEUE_AFTER_SECONDS)
    lost = Notification.objects.filter(
        (Q(status=Notification.Status.PENDING) & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lt=now - grace)))
        | Q(status=Notification.Status.SENDING, claimed_at__lt=now - claim_lease()),
        created_at__lt=now - grace,
    )
    ids = list(lost.order_by("created_at").values_list("pk", flat=True)[: settings.NOTIFICATIONS_REQUEUE_BATCH])
    size = batch_size()
    try:
        for start in range(0, len(ids), size):
            send_notifications.apply_async((ids[start : start + size],), retry=False)
    except Exception as exc:  # noqa: BLE001 - any broker failure: the next run tries again
        logger.warning("Could not re-queue notifications: broker unavailable (%s)", exc)
        return 0
    if len(ids) >= settings.NOTIFICATIONS_REQUEUE_BATCH:
        start_sending()
    if ids:
        logger.info("Re-queued %s pending notifications", len(ids))
    return len(ids)
