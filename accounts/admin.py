"""People in the admin, as the access policy allows (access/rules.py).

- A superuser creates accounts, gives and removes roles and admin rights, and
  switches accounts on or off.
- The office and the leadership team see parents' accounts only, and may
  correct a parent's name and email address; the old address is told.
- Nobody sets another person's password: they send a link to choose one.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from rules.contrib.admin import ObjectPermissionsModelAdminMixin

from access.rules import accounts_visible_to
from privacy.erasure import close_account, may_close
from privacy.export import subject_access_zip

from .models import User, UserManager
from .services import correct_email, send_password_reset

ROLE_FIELDS = ["groups", "is_headteacher", "is_chair_of_governors", "is_active", "is_staff", "is_superuser"]
RECORD_FIELDS = ["email_confirmed_at", "last_login", "date_joined"]


class UserCreationForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ("email", "full_name")

    def clean_email(self):
        email = UserManager.normalize_email(self.cleaned_data["email"])
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account with this email address already exists."))
        return email


class UserEditForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ("email", "full_name", *ROLE_FIELDS)

    def clean_email(self):
        email = UserManager.normalize_email(self.cleaned_data["email"])
        if User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("An account with this email address already exists."))
        return email


@admin.register(User)
class UserAdmin(ObjectPermissionsModelAdminMixin, DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    ordering = ["email"]
    list_display = ["email", "full_name", "group_list", "is_active", "is_staff"]
    list_filter = ["groups", "is_active", "is_staff", "is_headteacher", "is_chair_of_governors"]
    search_fields = ["email", "full_name"]
    actions = ["send_password_links", "download_everything", "close_accounts"]
    fieldsets = (
        (None, {"fields": ("email", "full_name")}),
        (_("School roles"), {"fields": ("groups", "is_headteacher", "is_chair_of_governors")}),
        (_("Access"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Dates"), {"fields": RECORD_FIELDS}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "full_name")}),)

    def get_queryset(self, request):
        return accounts_visible_to(request.user, super().get_queryset(request)).prefetch_related("groups")

    def has_add_permission(self, request):
        return request.user.has_perm("accounts.add_user")

    def get_fieldsets(self, request, obj=None):
        if obj is None or request.user.has_perm("accounts.manage_roles"):
            return super().get_fieldsets(request, obj)
        return ((None, {"fields": ("email", "full_name")}), (_("Dates"), {"fields": RECORD_FIELDS}))

    def get_readonly_fields(self, request, obj=None):
        """Only a superuser gives out roles or switches accounts on and off: nobody can raise their own."""
        if request.user.has_perm("accounts.manage_roles"):
            return RECORD_FIELDS
        return [*ROLE_FIELDS, *RECORD_FIELDS]

    def user_change_password(self, request, id, form_url=""):
        raise PermissionDenied(_("Nobody sets another person's password: send them a link to choose one."))

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        if not change:
            obj.set_unusable_password()
            super().save_model(request, obj, form, change)
            transaction.on_commit(lambda: send_password_reset(obj))
            return
        if "email" in form.changed_data:
            new_email = obj.email
            obj.email = form.initial["email"]
            correct_email(obj, new_email, by=request.user)
        fields = [name for name in form.changed_data if name not in ("email", "groups")]
        if fields:
            obj.save(update_fields=fields)

    @admin.display(description=_("Groups"))
    def group_list(self, obj):
        return ", ".join(group.name for group in obj.groups.all())

    @admin.action(description=_("Send a link to choose a password"), permissions=["send_password_reset"])
    def send_password_links(self, request, queryset):
        people = [person for person in queryset if person.is_active]
        for person in people:
            send_password_reset(person)
        self.message_user(
            request,
            ngettext("A link was sent to %(count)d person.", "A link was sent to %(count)d people.", len(people))
            % {"count": len(people)},
            messages.SUCCESS,
        )

    def has_send_password_reset_permission(self, request):
        return request.user.has_perm("accounts.send_password_reset")

    @admin.action(description=_("Download everything the portal holds about this person"),
                  permissions=["produce_subject_access"])  # fmt: skip
    def download_everything(self, request, queryset):
        """Subject access, for one person at a time: the same ZIP they can download themselves."""
        if queryset.count() != 1:
            self.message_user(request, _("Choose one person."), messages.WARNING)
            return None
        person = queryset.get()
        response = HttpResponse(subject_access_zip(person, requested_by=request.user), content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="subject-access-{person.pk}.zip"'
        response["Cache-Control"] = "private, no-store"
        return response

    def has_produce_subject_access_permission(self, request):
        return request.user.has_perm("privacy.produce_subject_access")

    @admin.action(description=_("Close these parents' accounts (at their request)"), permissions=["close_account"])
    def close_accounts(self, request, queryset):
        closed = [close_account(person) for person in queryset if may_close(person)]
        self.message_user(
            request,
            ngettext("%(count)d account closed.", "%(count)d accounts closed.", len(closed)) % {"count": len(closed)},
            messages.SUCCESS,
        )

    def has_close_account_permission(self, request):
        return request.user.has_perm("privacy.close_account")
