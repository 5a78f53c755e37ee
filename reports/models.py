import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.urls import reverse

from .references import new_reference


def evidence_storage():
    return storages["evidence"]


class Report(models.Model):
    """A report of online conduct, or a concern about a child, on its way up the ladder."""

    class Kind(models.TextChoices):
        CONDUCT = "conduct", "Online conduct that breaches the policy"
        CONCERN = "concern", "A concern about a child at school"

    class Platform(models.TextChoices):
        WHATSAPP = "whatsapp", "WhatsApp group"
        FACEBOOK = "facebook", "Facebook group"
        EMAIL = "email", "Email"
        OTHER = "other", "Somewhere else"

    class Concerns(models.TextChoices):
        STAFF = "staff", "A member of staff"
        PUPIL = "pupil", "A pupil"
        PARENT = "parent", "A parent or carer"
        SCHOOL = "school", "The school"

    class Stage(models.TextChoices):
        CLASS_TEACHER = "class_teacher", "Class teacher"
        OFFICE_LEADERSHIP = "office_leadership", "School office and leadership team"
        GOVERNORS = "governors", "Governors"

    class Status(models.TextChoices):
        NEW = "new", "New"
        ACKNOWLEDGED = "acknowledged", "Acknowledged"
        RESPONDED = "responded", "Responded"
        RESOLVED = "resolved", "Resolved"
        WITHDRAWN = "withdrawn", "Withdrawn"
        CLOSED = "closed", "Closed"

    reference = models.CharField(max_length=9, unique=True, default=new_reference, editable=False)
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reports")
    kind = models.CharField(max_length=10, choices=Kind)
    categories = models.ManyToManyField("policy.Category", blank=True, related_name="reports")
    description = models.TextField("what happened")
    platform = models.CharField("where", max_length=10, choices=Platform)
    platform_name = models.CharField("name of the group or place", max_length=200, blank=True)
    occurred_on = models.DateField("when it happened")
    links = models.TextField(blank=True, help_text="One web address a line.")
    concerns = models.CharField("who it concerns", max_length=10, choices=Concerns)
    school_class = models.ForeignKey(
        "school.SchoolClass", on_delete=models.SET_NULL, null=True, blank=True, related_name="reports"
    )
    stage = models.CharField(max_length=20, choices=Stage, default=Stage.CLASS_TEACHER)
    status = models.CharField(max_length=20, choices=Status, default=Status.NEW)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["stage", "status"])]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("reports-detail", kwargs={"reference": self.reference})

    def link_list(self):
        return [line for line in self.links.splitlines() if line.strip()]


class Evidence(models.Model):
    """A file attached to a report: an image (metadata stripped) or a PDF, stored privately."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(storage=evidence_storage, upload_to="evidence/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name_plural = "evidence"

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("reports-evidence", kwargs={"reference": self.report.reference, "public_id": self.public_id})

    @property
    def is_image(self):
        return self.content_type.startswith("image/")


class ReportEvent(models.Model):
    """One move in a report's life. Append-only: nothing edits or deletes an event."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    action = models.CharField(max_length=30)
    from_stage = models.CharField(max_length=20, choices=Report.Stage, blank=True)
    from_status = models.CharField(max_length=20, choices=Report.Status, blank=True)
    to_stage = models.CharField(max_length=20, choices=Report.Stage)
    to_status = models.CharField(max_length=20, choices=Report.Status)
    note = models.TextField(blank=True)
    visible_to_reporter = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.report.reference}: {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Report events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Report events are append-only.")
