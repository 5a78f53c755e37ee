from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "template", "recipient", "report", "status", "attempts", "sent_at"]
    list_filter = ["status", "template"]
    search_fields = ["report__reference", "recipient__email"]
    readonly_fields = [field.name for field in Notification._meta.fields]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("recipient", "report")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
