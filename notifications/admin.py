from django.contrib import admin
from rules.contrib.admin import ObjectPermissionsModelAdminMixin

from access.rules import notifications_visible_to

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(ObjectPermissionsModelAdminMixin, admin.ModelAdmin):
    """The outbox, for the leadership team and the administrator: only rows about reports they may know of."""

    list_display = ["created_at", "template", "recipient", "report", "status", "attempts", "sent_at"]
    list_filter = ["status", "template"]
    search_fields = ["report__reference", "recipient__email"]
    readonly_fields = [field.name for field in Notification._meta.fields]

    def get_queryset(self, request):
        return notifications_visible_to(request.user, super().get_queryset(request)).select_related(
            "recipient", "report"
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
