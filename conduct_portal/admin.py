from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class PortalAdminSite(admin.AdminSite):
    """Django's admin, whose door is the access policy's (access/rules.py: ``admin.use_admin``)."""

    site_header = _("Conduct portal administration")
    site_title = _("Conduct portal")

    def has_permission(self, request):
        return request.user.has_perm("admin.use_admin")


class PortalAdminConfig(AdminConfig):
    default_site = "conduct_portal.admin.PortalAdminSite"
