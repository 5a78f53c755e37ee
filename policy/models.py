from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe

from .rendering import render_markdown


class PolicyVersionQuerySet(models.QuerySet):
    def in_force(self, today=None):
        return self.filter(effective_date__lte=today or timezone.localdate())

    def current(self, today=None):
        """The version in force: the latest effective date on or before today."""
        return self.in_force(today).order_by("-effective_date", "-number").first()


class PolicyVersion(models.Model):
    """One published version of the policy. Its body is Markdown, rendered and sanitised."""

    number = models.PositiveIntegerField(unique=True, help_text="1 for the first version, then 2, 3 …")
    label = models.CharField(max_length=100, help_text="How the school names this version, e.g. “September 2026”.")
    title = models.CharField(max_length=200)
    body = models.TextField(help_text="Markdown. Put the steps to raise a concern in a quote (lines starting “>”).")
    effective_date = models.DateField(help_text="The version is shown from this date.")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PolicyVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-effective_date", "-number"]
        verbose_name = "policy version"

    def __str__(self):
        return f"{self.title}, version {self.number} ({self.label})"

    def get_absolute_url(self):
        return reverse("policy-version", kwargs={"number": self.number})

    @cached_property
    def body_html(self):
        return mark_safe(render_markdown(self.body))  # noqa: S308 - sanitised by nh3

    def is_acknowledged_by(self, user):
        return self.acknowledgements.filter(user=user).exists()


class PolicyAcknowledgement(models.Model):
    """A person's record that they have read one version."""

    version = models.ForeignKey(PolicyVersion, on_delete=models.CASCADE, related_name="acknowledgements")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="policy_acknowledgements")
    acknowledged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["version", "user"], name="one_acknowledgement_per_version")]

    def __str__(self):
        return f"{self.user} read version {self.version.number}"


class Category(models.Model):
    """One of the policy's categories of inappropriate online activity."""

    number = models.PositiveSmallIntegerField(unique=True)
    wording = models.CharField(max_length=300, help_text="The policy's own words.")
    is_urgent = models.BooleanField(
        default=False, help_text="Reports in this category alert the leadership team at once."
    )
    alerts_safeguarding = models.BooleanField(
        default=False,
        help_text="Reports in this category also alert the safeguarding team at once, who may read them and refer "
        "them to safeguarding.",
    )

    class Meta:
        ordering = ["number"]
        verbose_name_plural = "categories"

    def __str__(self):
        return f"{self.number}. {self.wording}"
