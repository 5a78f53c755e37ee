"""Sending outbox rows in batches, over one mail-server connection that each worker process keeps open.

``deliver`` is the work of every send task (``notifications.tasks``):

1. **Claim.** In one short transaction: lock the rows to send (the task's own
   row, rows named to it, and up to a batch of other rows that are due),
   skipping rows another worker is claiming, and mark them all ``sending`` in
   one UPDATE. A row that is sent, being sent, or gone is not claimed, so a
   retried or duplicated task never mails twice what was marked sent. No lock
   is held while the mail server answers.
2. **Write.** A row queued without its message (the morning's reminders are
   written set-based, thousands at a time) is rendered now, in its reader's
   language, from what its context kept of the report at the time it was
   queued; a row that cannot be rendered is failed, with the reason.
3. **Send and mark, one row at a time.** Each message goes out with a
   Message-ID made from the outbox key, and its row is marked sent as soon as
   the mail server accepts it: a worker killed mid-batch can repeat at most the
   one message it was sending, and that copy is recognisably the same message.
   A refused message gets its next attempt (exponential backoff) or, after the
   last, is failed with the reason; the caller re-publishes it for its retry.
"""

import datetime
import logging
import smtplib
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .emails import Rendered, message_from, render
from .models import Notification

logger = logging.getLogger(__name__)

IDLE_RECONNECT_SECONDS = 30  # a mail server may drop a connection left idle; one idle this long is opened afresh


def claim_lease():
    """A claim older than this is taken to be a worker that died while sending: the row may be sent again.

    It must be longer than any batch can take (EMAIL_TIMEOUT, 20 s, for each step of the SMTP conversation).
    """
    return datetime.timedelta(seconds=settings.NOTIFICATIONS_CLAIM_SECONDS)


def backoff_seconds(attempts):
    """30 s, 60 s, 2 min … up to an hour between attempts (the base is a setting)."""
    return min(settings.NOTIFICATIONS_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0), 3600)


def claimable(now):
    return Q(status=Notification.Status.PENDING) | Q(
        status=Notification.Status.SENDING, claimed_at__lt=now - claim_lease()
    )


def due(now):
    """Rows any task may take on: claimable and not waiting out a retry's backoff."""
    return claimable(now) & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))


@dataclass
class Outcome:
    claimed: list = field(default_factory=list)
    sent: list = field(default_factory=list)
    failed: list = field(default_factory=list)
    retry: list = field(default_factory=list)  # (row id, seconds until its next attempt)

    def of(self, notification_id):
        """What happened to one row: sent, pending (to be retried), failed, or skipped (not claimed here)."""
        if notification_id in self.sent:
            return "sent"
        if notification_id in self.failed:
            return "failed"
        if any(pk == notification_id for pk, _seconds in self.retry):
            return "pending"
        return "skipped"


def claim(*, own=None, ids=(), fill=0, now=None):
    """Claim rows to send, in one short transaction; return their ids, the task's own row first."""
    now = now or timezone.now()
    rows = Notification.objects.order_by()
    with transaction.atomic():
        claimed = []
        if own is not None:
            # Waits for another worker's claim of this row to end, then sees it is no longer claimable.
            claimed += rows.select_for_update(of=("self",)).filter(claimable(now), pk=own).values_list("pk", flat=True)
        if ids:
            claimed += (
                rows.select_for_update(of=("self",), skip_locked=True)
                .filter(claimable(now), pk__in=ids)
                .exclude(pk__in=claimed)
                .values_list("pk", flat=True)
            )
        if fill:
            claimed += (
                rows.select_for_update(of=("self",), skip_locked=True)
                .filter(due(now))
                .exclude(pk__in=claimed)
                .order_by("created_at")
                .values_list("pk", flat=True)[:fill]
            )
        if claimed:
            # Conditional too: where SELECT … FOR UPDATE is not supported (SQLite) this is the claim.
            updated = rows.filter(claimable(now), pk__in=claimed).update(
                status=Notification.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
            )
            if updated != len(claimed):
                claimed = list(rows.filter(pk__in=claimed, status=Notification.Status.SENDING, claimed_at=now)
                               .values_list("pk", flat=True))  # fmt: skip
    return claimed


def deliver(*, own=None, ids=(), fill=0, successor=None):
    """Claim, write, send and mark a batch (see the module's docstring). Returns an ``Outcome``.

    ``successor``, if given, is called with the claimed ids once they are claimed, before anything is sent.
    """
    outcome = Outcome(claimed=claim(own=own, ids=ids, fill=fill))
    if successor is not None:
        successor(outcome.claimed)
    if not outcome.claimed:
        return outcome
    rows = Notification.objects.filter(pk__in=outcome.claimed).select_related("recipient", "report", "event")
    order = {pk: position for position, pk in enumerate(outcome.claimed)}
    mailer = Mailer.for_this_process()
    try:
        for notification in sorted(rows, key=lambda row: order[row.pk]):
            _deliver_one(notification, mailer, outcome)
    finally:
        mailer.release()
    if outcome.sent or outcome.failed or outcome.retry:
        logger.info(
            "Notifications: %s sent, %s to retry, %s failed",
            len(outcome.sent), len(outcome.retry), len(outcome.failed),
        )  # fmt: skip
    return outcome


def _deliver_one(notification, mailer, outcome):
    written = {}
    if not (notification.subject or notification.body_text):
        try:
            rendered = render_queued(notification)
        except Exception as exc:  # noqa: BLE001 - any template fault: kept as failed, never lost silently
            logger.exception("Notification %s could not be rendered", notification.pk)
            Notification.objects.filter(pk=notification.pk).update(
                status=Notification.Status.FAILED,
                last_error=f"Could not be written: {exc.__class__.__name__}: {exc}"[:2000],
                next_attempt_at=None,
            )
            outcome.failed.append(notification.pk)
            return
        written = {"subject": rendered.subject, "body_text": rendered.text, "body_html": rendered.html}
    else:
        rendered = Rendered(notification.subject, notification.body_text, notification.body_html)
    message = message_from(rendered, notification.to_email, headers={"Message-ID": notification.message_id})
    try:
        mailer.send(message)
    except Exception as exc:  # noqa: BLE001 - any mail-server failure is retried
        error = f"{exc.__class__.__name__}: {exc}"[:2000]
        failed = notification.attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS
        seconds = backoff_seconds(notification.attempts)
        Notification.objects.filter(pk=notification.pk).update(
            status=Notification.Status.FAILED if failed else Notification.Status.PENDING,
            last_error=error,
            next_attempt_at=timezone.now() + datetime.timedelta(seconds=seconds),
            **written,
        )
        logger.warning("Sending notification %s failed (attempt %s): %s", notification.pk, notification.attempts, error)
        if failed:
            outcome.failed.append(notification.pk)
        else:
            outcome.retry.append((notification.pk, seconds))
        return
    Notification.objects.filter(pk=notification.pk).update(
        status=Notification.Status.SENT, sent_at=timezone.now(), last_error="", next_attempt_at=None, **written
    )
    outcome.sent.append(notification.pk)


def render_queued(notification):
    """The message for a row queued without one, in its reader's language, about the report as it was when queued.

    ``context["report_as_of"]`` keeps the report's fields the message names
    (its stage and deadline) at the time it was queued: the message says what
    was true then, as one rendered at its step does.
    """
    context = dict(notification.context or {})
    report = notification.report
    as_of = context.pop("report_as_of", None)
    if report is not None and as_of:
        for name in ("stage", "due_for"):
            if name in as_of:
                setattr(report, name, as_of[name])
        if as_of.get("due_on"):
            report.due_on = datetime.date.fromisoformat(as_of["due_on"])
    recipient = notification.recipient
    return render(
        notification.template,
        {"report": report, "event": notification.event, "recipient": recipient, **context},
        recipient.reading_language,
    )


class Mailer:
    """The mail connection a process sends with.

    With SMTP the connection stays open between tasks (a new one for every
    message is most of the cost of sending), and is opened afresh when it was
    idle long enough for the server to drop it, or when it fails. Other
    backends (files in development, memory in tests) are opened for each batch.
    """

    _kept = None

    def __init__(self, connection, keep):
        self.connection = connection
        self.keep = keep
        self.reused = False
        self.last_used = 0.0
        self.settings = _mail_settings()

    @classmethod
    def for_this_process(cls):
        kept = cls._kept
        if kept is not None and kept.settings == _mail_settings():
            kept.reused = kept.connection.connection is not None
            if kept.reused and time.monotonic() - kept.last_used > IDLE_RECONNECT_SECONDS:
                kept.connection.close()
                kept.reused = False
            return kept
        if kept is not None:
            kept.connection.close()
            cls._kept = None
        connection = get_connection()
        mailer = cls(connection, keep=isinstance(connection, SmtpBackend))
        if mailer.keep:
            cls._kept = mailer
        return mailer

    def send(self, message):
        reused = self.reused
        try:
            self._send(message)
        except smtplib.SMTPServerDisconnected:
            if not reused:
                raise
            # The connection kept from an earlier message was dropped by the server: once more, on a new one.
            self._send(message)

    def _send(self, message):
        try:
            self.connection.open()
            self.connection.send_messages([message])
        except smtplib.SMTPResponseException:
            # The server answered (and smtplib reset the transaction): the connection is still good.
            self.reused = True
            raise
        except Exception:
            self.connection.close()
            self.reused = False
            raise
        self.reused = True
        self.last_used = time.monotonic()

    def release(self):
        if not self.keep:
            self.connection.close()


def _mail_settings():
    return tuple(
        getattr(settings, name, None)
        for name in ("EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD",
                     "EMAIL_USE_TLS", "EMAIL_USE_SSL", "EMAIL_TIMEOUT")
    )  # fmt: skip
