from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from policy.rendering import render_markdown


class PrivacyNoticeQuerySet(models.QuerySet):
    def in_force(self, today=None):
        return self.filter(effective_date__lte=today or timezone.localdate())

    def current(self, today=None):
        return self.in_force(today).order_by("-effective_date", "-number").first()


class PrivacyNotice(models.Model):
    """One version of what the portal tells people about their personal data. Edited by the leadership team."""

    number = models.PositiveIntegerField(_("version"), unique=True)
    effective_date = models.DateField(_("in force from"))
    body = models.TextField(help_text=_("Markdown. The data protection officer and the retention periods are added "
                                        "below it from the settings."))  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PrivacyNoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-effective_date", "-number"]
        verbose_name = _("privacy notice")

    def __str__(self):
        return _("Privacy notice, version %(number)s") % {"number": self.number}

    def get_absolute_url(self):
        return reverse("privacy-version", kwargs={"number": self.number})

    @cached_property
    def body_html(self):
        return mark_safe(render_markdown(self.body))  # noqa: S308 - sanitised by nh3


class SubjectAccessRequest(models.Model):
    """Someone asked for (or downloaded) everything the portal holds about them. The law gives the school a month."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField()
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("subject access request")

    def __str__(self):
        return _("Subject access request of %(date)s") % {"date": self.requested_at.date()}
