from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import PrivacyNotice, SubjectAccessRequest


@admin.register(PrivacyNotice)
class PrivacyNoticeAdmin(admin.ModelAdmin):
    """The leadership team publishes a new version; a published version is not edited (add the next one)."""

    list_display = ["number", "effective_date", "created_at"]
    ordering = ["-number"]

    def get_readonly_fields(self, request, obj=None):
        return ["number", "effective_date", "body"] if obj is not None else []


@admin.register(SubjectAccessRequest)
class SubjectAccessRequestAdmin(admin.ModelAdmin):
    """Who asked for their data, who produced it, and the one-month deadline the law gives."""

    list_display = ["requested_at", "person", "requested_by", "due_on", "completed_at"]
    list_filter = [("completed_at", admin.EmptyFieldListFilter)]
    readonly_fields = ["person", "requested_by", "requested_at", "due_on", "completed_at"]
    search_fields = ["person__email", "person__full_name"]
    search_help_text = _("A person's name or email address.")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
