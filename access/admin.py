from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from rules.contrib.admin import ObjectPermissionsModelAdminMixin

from .models import AccessRecord
from .rules import access_records_visible_to


@admin.register(AccessRecord)
class AccessRecordAdmin(ObjectPermissionsModelAdminMixin, admin.ModelAdmin):
    """Who opened which report or file, searchable by person. Read only: the record is append-only."""

    list_display = ["at", "person", "kind", "report", "evidence"]
    list_filter = ["kind"]
    search_fields = ["person__email", "person__full_name", "report__reference"]
    search_help_text = _("A person's name or email address, or a report's reference.")
    date_hierarchy = "at"
    readonly_fields = ["at", "person", "kind", "report", "evidence"]

    def get_queryset(self, request):
        return access_records_visible_to(request.user, super().get_queryset(request)).select_related(
            "person", "report", "evidence"
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
