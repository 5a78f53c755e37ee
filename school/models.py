from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SchoolClass(models.Model):
    """A class, with its teachers. Listed by year group, then name."""

    name = models.CharField(max_length=100, unique=True)
    year_group = models.CharField(max_length=50, help_text=_("For example: Reception, Year 1, Year 6."))
    position = models.PositiveSmallIntegerField(
        default=0, help_text=_("Classes are listed by this number, lowest first.")
    )
    teachers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="classes_taught")

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("class")
        verbose_name_plural = _("classes")

    def __str__(self):
        return f"{self.name} ({self.year_group})"


class Child(models.Model):
    """Links parents to a class. The name is optional and shown to staff only."""

    school_class = models.ForeignKey(SchoolClass, on_delete=models.PROTECT, related_name="children")
    parents = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="children")
    name = models.CharField(max_length=150, blank=True, help_text=_("Optional; shown to staff only."))
    pupil_ref = models.CharField(
        _("pupil reference"),
        max_length=50,
        blank=True,
        help_text=_(
            "The school's own reference for the child (as in the information system export), "
            "so an import finds the same child again."
        ),
    )

    class Meta:
        ordering = ["school_class", "name", "pk"]
        verbose_name_plural = _("children")
        constraints = [
            models.UniqueConstraint(fields=["pupil_ref"], condition=~models.Q(pupil_ref=""), name="unique_pupil_ref")
        ]

    def __str__(self):
        return self.name or f"Child in {self.school_class.name}"


class Holiday(models.Model):
    """A school holiday or closure: its days are not school days (weekends never are)."""

    name = models.CharField(max_length=100, help_text=_("For example: Christmas holiday, INSET day."))
    start_date = models.DateField()
    end_date = models.DateField(help_text=_("The last day of the holiday (the same as the start for one day)."))

    class Meta:
        ordering = ["start_date"]
        verbose_name = _("holiday (term dates)")
        verbose_name_plural = _("holidays (term dates)")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="holiday_ends_after_start"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.start_date:%d %b %Y} to {self.end_date:%d %b %Y})"
