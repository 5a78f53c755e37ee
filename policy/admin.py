from django.contrib import admin
from django.db.models import Count

from .models import Category, PolicyAcknowledgement, PolicyVersion


@admin.register(PolicyVersion)
class PolicyVersionAdmin(admin.ModelAdmin):
    list_display = ["number", "label", "title", "effective_date", "acknowledgement_count"]
    search_fields = ["title", "label", "body"]
    date_hierarchy = "effective_date"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(acknowledgement_count=Count("acknowledgements"))

    @admin.display(description="Read by", ordering="acknowledgement_count")
    def acknowledgement_count(self, obj):
        return obj.acknowledgement_count


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["number", "wording", "is_urgent"]
    list_editable = ["is_urgent"]
    ordering = ["number"]


@admin.register(PolicyAcknowledgement)
class PolicyAcknowledgementAdmin(admin.ModelAdmin):
    list_display = ["user", "version", "acknowledged_at"]
    list_filter = ["version"]
    search_fields = ["user__email", "user__full_name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
