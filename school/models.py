from django.conf import settings
from django.db import models


class SchoolClass(models.Model):
    """A class, with its teachers. Listed by year group, then name."""

    name = models.CharField(max_length=100, unique=True)
    year_group = models.CharField(max_length=50, help_text="For example: Reception, Year 1, Year 6.")
    position = models.PositiveSmallIntegerField(default=0, help_text="Classes are listed by this number, lowest first.")
    teachers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="classes_taught")

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "class"
        verbose_name_plural = "classes"

    def __str__(self):
        return f"{self.name} ({self.year_group})"


class Child(models.Model):
    """Links parents to a class. The name is optional and shown to staff only."""

    school_class = models.ForeignKey(SchoolClass, on_delete=models.PROTECT, related_name="children")
    parents = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="children")
    name = models.CharField(max_length=150, blank=True, help_text="Optional; shown to staff only.")

    class Meta:
        ordering = ["school_class", "name", "pk"]
        verbose_name_plural = "children"

    def __str__(self):
        return self.name or f"Child in {self.school_class.name}"
