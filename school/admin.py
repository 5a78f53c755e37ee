from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Child, Holiday, SchoolClass


class ChildInline(admin.TabularInline):
    model = Child
    extra = 0
    autocomplete_fields = ["parents"]


@admin.register(SchoolClass)
class SchoolClassAdmin(admin.ModelAdmin):
    list_display = ["name", "year_group", "position", "teacher_list"]
    list_editable = ["position"]
    search_fields = ["name", "year_group"]
    filter_horizontal = ["teachers"]
    inlines = [ChildInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("teachers")

    @admin.display(description=_("Teachers"))
    def teacher_list(self, obj):
        return ", ".join(str(teacher) for teacher in obj.teachers.all())


@admin.register(Child)
class ChildAdmin(admin.ModelAdmin):
    list_display = ["__str__", "pupil_ref", "school_class"]
    list_filter = ["school_class"]
    search_fields = ["name", "pupil_ref", "parents__email", "parents__full_name"]
    autocomplete_fields = ["parents"]


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ["name", "start_date", "end_date"]
    date_hierarchy = "start_date"
