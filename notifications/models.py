from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """One email to one person: a row in the outbox, written with the move that caused it.

    ``key`` is unique per event and recipient, so the same move can never make
    two. The message is rendered when its step happens and kept here, so a late
    or retried send tells what was true then. The send task claims the row,
    sends it, and marks it sent; it never sends a sent row again.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    key = models.CharField(max_length=200)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    template = models.CharField(max_length=100)
    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    event = models.ForeignKey("reports.ReportEvent", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    context = models.JSONField(default=dict, blank=True)
    to_email = models.EmailField(blank=True, help_text=_("The address it was for, when its step happened."))
    subject = models.CharField(max_length=300, blank=True)
    body_text = models.TextField(blank=True)
    body_html = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "created_at"]),
            # The menu's badge on every page: a person's unread notifications (notifications.views.unread_count).
            models.Index(
                fields=["recipient", "id"], condition=models.Q(read_at__isnull=True), name="unread_by_recipient"
            ),
        ]
        # A constraint rather than unique=True: on PostgreSQL that would add a second index of every key, for
        # LIKE, which nothing asks; the morning's sweep writes thousands of keys at a time.
        constraints = [models.UniqueConstraint(fields=["key"], name="one_notification_a_key")]

    def __str__(self):
        return f"{self.template} to {self.recipient} ({self.get_status_display()})"

    @property
    def message_id(self):
        domain = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "localhost"
        return f"<{self.key.replace(':', '.')}@{domain}>"
