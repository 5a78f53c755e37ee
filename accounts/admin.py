from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm

from .models import User


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    ordering = ["email"]
    list_display = ["email", "full_name", "group_list", "is_active", "is_staff"]
    list_filter = ["groups", "is_active", "is_staff", "is_headteacher", "is_chair_of_governors"]
    search_fields = ["email", "full_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Person", {"fields": ("full_name",)}),
        ("School roles", {"fields": ("groups", "is_headteacher", "is_chair_of_governors")}),
        ("Admin access", {"fields": ("is_active", "is_staff", "is_superuser", "user_permissions")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    def get_readonly_fields(self, request, obj=None):
        """Only a superuser gives out roles or admin rights: nobody can raise their own."""
        if request.user.is_superuser:
            return ["last_login", "date_joined"]
        return ["groups", "is_headteacher", "is_chair_of_governors", "is_staff", "is_superuser", "user_permissions",
                "last_login", "date_joined"]  # fmt: skip

    @admin.display(description="Groups")
    def group_list(self, obj):
        return ", ".join(group.name for group in obj.groups.all())
