from django.contrib import admin
from django.utils.html import format_html

from .models import Evidence, Report, ReportEvent


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    can_delete = False
    fields = ["link", "content_type", "size", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="File")
    def link(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.original_name)


class ReportEventInline(admin.TabularInline):
    model = ReportEvent
    extra = 0
    can_delete = False
    fields = ["created_at", "actor", "action", "from_stage", "from_status", "to_stage", "to_status", "note",
              "visible_to_reporter"]  # fmt: skip
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["reference", "created_at", "kind", "category_list", "stage", "status", "school_class"]
    list_filter = ["status", "stage", "kind", "categories", "school_class"]
    search_fields = ["reference"]
    date_hierarchy = "created_at"
    readonly_fields = ["reference", "reporter", "created_at", "updated_at", "stage", "status"]
    filter_horizontal = ["categories"]
    inlines = [EvidenceInline, ReportEventInline]
    fieldsets = (
        (None, {"fields": ("reference", "reporter", "created_at", "updated_at", "stage", "status")}),
        ("What was reported", {"fields": ("kind", "categories", "description", "concerns", "school_class")}),
        ("Where and when", {"fields": ("platform", "platform_name", "occurred_on", "links")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("school_class").prefetch_related("categories")

    def get_search_results(self, request, queryset, search_term):
        from .references import normalise

        return super().get_search_results(request, queryset, normalise(search_term) or search_term)

    def has_add_permission(self, request):
        return False

    @admin.display(description="Categories")
    def category_list(self, obj):
        return ", ".join(str(category.number) for category in obj.categories.all())
