from django import forms
from django.conf import settings
from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .models import Category, PolicyAcknowledgement, PolicyTranslation, PolicyVersion


class PolicyTranslationForm(forms.ModelForm):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES[1:])

    class Meta:
        model = PolicyTranslation
        fields = ["language", "title", "body"]


class PolicyTranslationInline(admin.StackedInline):
    """The policy in the portal's other languages; the English version stays the one in force."""

    model = PolicyTranslation
    form = PolicyTranslationForm
    extra = 0

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("policy.view_policyversion", obj)

    def has_add_permission(self, request, obj=None):
        return request.user.has_perm("policy.change_policyversion", obj)

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("policy.change_policyversion", obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm("policy.change_policyversion", obj)


@admin.register(PolicyVersion)
class PolicyVersionAdmin(admin.ModelAdmin):
    inlines = [PolicyTranslationInline]
    list_display = ["number", "label", "title", "effective_date", "acknowledgement_count"]
    search_fields = ["title", "label", "body"]
    date_hierarchy = "effective_date"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(acknowledgement_count=Count("acknowledgements"))

    @admin.display(description=_("Read by"), ordering="acknowledgement_count")
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
