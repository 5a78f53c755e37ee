from django.contrib import admin

from .models import IndependentMember


@admin.register(IndependentMember)
class IndependentMemberAdmin(admin.ModelAdmin):
    """People independent of the management and running of the school, who may sit on a complaints panel."""

    list_display = ["name", "organisation", "is_available"]
    list_filter = ["is_available"]
    search_fields = ["name", "organisation"]
