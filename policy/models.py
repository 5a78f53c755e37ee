from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .rendering import render_markdown


class PolicyVersionQuerySet(models.QuerySet):
    def in_force(self, today=None):
        return self.filter(effective_date__lte=today or timezone.localdate())

    def current(self, today=None):
        """The version in force: the latest effective date on or before today."""
        return self.in_force(today).order_by("-effective_date", "-number").first()


class PolicyVersion(models.Model):
    """One published version of the policy. Its body is Markdown, rendered and sanitised."""

    number = models.PositiveIntegerField(unique=True, help_text=_("1 for the first version, then 2, 3 …"))
    label = models.CharField(max_length=100, help_text=_("How the school names this version, e.g. “September 2026”."))
    title = models.CharField(max_length=200)
    body = models.TextField(help_text=_("Markdown. Put the steps to raise a concern in a quote (lines starting “>”)."))
    effective_date = models.DateField(help_text=_("The version is shown from this date."))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PolicyVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-effective_date", "-number"]
        verbose_name = _("policy version")

    def __str__(self):
        return _("%(title)s, version %(number)s (%(label)s)") % {"title": self.title, "number": self.number,
                                                                  "label": self.label}  # fmt: skip

    def get_absolute_url(self):
        return reverse("policy-version", kwargs={"number": self.number})

    @cached_property
    def body_html(self):
        return mark_safe(render_markdown(self.body))  # noqa: S308 - sanitised by nh3

    def is_acknowledged_by(self, user):
        return self.acknowledgements.filter(user=user).exists()

    def translation_into(self, language):
        """This version's translation into ``language`` ("pl", "ur"…), or None (English is the original)."""
        code = (language or "").split("-")[0]
        return self.translations.filter(language=code).first() if code != "en" else None


class PolicyTranslation(models.Model):
    """A translation of one policy version, for families who read another language better.

    The English version is the one in force: a parent acknowledges the version, not its translation.
    """

    version = models.ForeignKey(PolicyVersion, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=10, help_text=_("One of the portal's languages."))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), help_text=_("Markdown, as the English version."))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["language"]
        verbose_name = _("policy translation")
        constraints = [
            models.UniqueConstraint(fields=["version", "language"], name="one_translation_per_language"),
        ]

    def __str__(self):
        return f"{self.version} [{self.language}]"

    @cached_property
    def body_html(self):
        return mark_safe(render_markdown(self.body))  # noqa: S308 - sanitised by nh3

    @property
    def language_name(self):
        return dict(settings.LANGUAGES).get(self.language, self.language)


class PolicyAcknowledgement(models.Model):
    """A person's record that they have read one version."""

    version = models.ForeignKey(PolicyVersion, on_delete=models.CASCADE, related_name="acknowledgements")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="policy_acknowledgements")
    acknowledged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["version", "user"], name="one_acknowledgement_per_version")]

    def __str__(self):
        return _("%(person)s read version %(number)s") % {"person": self.user, "number": self.version.number}


class Category(models.Model):
    """One of the policy's categories of inappropriate online activity."""

    number = models.PositiveSmallIntegerField(unique=True)
    wording = models.CharField(max_length=300, help_text=_("The policy's own words."))
    is_urgent = models.BooleanField(
        default=False, help_text=_("Reports in this category alert the leadership team at once.")
    )
    alerts_safeguarding = models.BooleanField(
        default=False,
        help_text=_(
            "Reports in this category also alert the safeguarding team at once, who may read them and refer "
            "them to safeguarding."
        ),
    )

    class Meta:
        ordering = ["number"]
        verbose_name_plural = _("categories")

    def __str__(self):
        return f"{self.number}. {self.reader_wording}"

    @property
    def reader_wording(self):
        """The wording in the reader's language (policy/wordings.py); as the school wrote it, if it has none."""
        return gettext(self.wording)
