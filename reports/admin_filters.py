"""The filters beside the admin's list of reports."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Report


class OverdueFilter(admin.SimpleListFilter):
    """Overdue as ``Report.objects.overdue`` means it: the holder owes a step whose deadline has passed."""

    title = _("overdue")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Overdue")), ("no", _("Not overdue"))]

    def queryset(self, request, queryset):
        overdue = Report.objects.overdue(timezone.localdate()).values("pk")
        if self.value() == "yes":
            return queryset.filter(pk__in=overdue)
        if self.value() == "no":
            return queryset.exclude(pk__in=overdue)
        return queryset


class UrgentFilter(admin.SimpleListFilter):
    title = _("urgent")
    parameter_name = "urgent"

    def lookups(self, request, model_admin):
        return [("yes", _("Urgent")), ("no", _("Not urgent"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(is_urgent=self.value() == "yes")
        return queryset
