from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from conduct_portal.append_only import AppendOnlyModel


class AccessRecord(AppendOnlyModel):
    """Someone opened a report's page, one of its files, or its page in the admin."""

    class Kind(models.TextChoices):
        REPORT_PAGE = "report", _("Opened the report")
        EVIDENCE = "evidence", _("Opened a file")
        ADMIN_PAGE = "admin", _("Opened the report in the admin")

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    report = models.ForeignKey("reports.Report", on_delete=models.PROTECT, related_name="access_records")
    evidence = models.ForeignKey("reports.Evidence", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("record of who opened a report")
        verbose_name_plural = _("records of who opened reports")
        indexes = [models.Index(fields=["report", "-at"]), models.Index(fields=["person", "-at"])]

    def __str__(self):
        return f"{self.person} · {self.get_kind_display()} · {self.report}"


def record_access(person, report, kind, evidence=None):
    return AccessRecord.objects.create(person=person, report=report, kind=kind, evidence=evidence)
