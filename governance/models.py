from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class IndependentMember(models.Model):
    """Someone independent of the management and running of the school who may sit on a complaints panel."""

    name = models.CharField(max_length=150)
    organisation = models.CharField(
        max_length=150, blank=True, help_text=_("For example: a governor of another school.")
    )
    is_available = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("independent panel member")

    def __str__(self):
        return f"{self.name} ({self.organisation})" if self.organisation else self.name


class Panel(models.Model):
    """The governors' complaints panel for one report: who sits, and who comes with the parent.

    The day it meets is the report's ``panel_on``, which the deadlines read.
    """

    report = models.OneToOneField("reports.Report", on_delete=models.PROTECT, primary_key=True, related_name="panel")
    governors = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="panels", blank=True)
    independent_members = models.ManyToManyField(IndependentMember, related_name="panels", blank=True)
    companion = models.CharField(_("who comes with the parent"), max_length=200, blank=True)
    arranged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    arranged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("complaints panel")

    def __str__(self):
        return str(self.report)

    def member_names(self):
        return [str(person) for person in self.governors.all()] + [str(m) for m in self.independent_members.all()]
