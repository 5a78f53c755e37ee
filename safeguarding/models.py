from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Concern(models.Model):
    """What the safeguarding team needs beside the report: its clock, and who else may read it.

    The report (``reports.Report`` with ``track`` safeguarding) keeps what was
    said and its chronology (``ReportEvent``); this keeps the deadlines, which are
    in school hours, not days. Changed only by ``safeguarding.services``.
    """

    report = models.OneToOneField("reports.Report", on_delete=models.PROTECT, primary_key=True, related_name="concern")
    referred_from_stage = models.CharField(
        max_length=20, blank=True, help_text=_("Where it left the ladder, if it did.")
    )
    reporter_told = models.BooleanField(
        default=True, help_text=_("Whether the person who made the report is shown that it went to safeguarding.")
    )
    opened_at = models.DateTimeField(default=timezone.now, help_text=_("When it reached the safeguarding team."))
    acknowledge_by = models.DateTimeField()
    morning_reminder_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    chased_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    case_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lado_due_at = models.DateTimeField(null=True, blank=True)
    lado_chased_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("safeguarding concern")
        verbose_name_plural = _("safeguarding concerns")
        indexes = [
            models.Index(
                fields=["acknowledge_by"], condition=models.Q(acknowledged_at__isnull=True), name="unacknowledged"
            ),
        ]

    def __str__(self):
        return str(self.report)


class ConcernAccess(models.Model):
    """Someone the safeguarding team added to one concern, by name, with the reason."""

    concern = models.ForeignKey(Concern, on_delete=models.PROTECT, related_name="people_added")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    reason = models.TextField()
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["concern", "person"], name="added_once")]

    def __str__(self):
        return f"{self.person} added to {self.concern}"
