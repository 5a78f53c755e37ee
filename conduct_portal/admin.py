from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class PortalAdminSite(admin.AdminSite):
    """Django's admin, whose door is the access policy's (access/rules.py: ``admin.use_admin``)."""

    site_header = _("Conduct portal administration")
    site_title = _("Conduct portal")

    def has_permission(self, request):
        return request.user.has_perm("admin.use_admin")

    def index(self, request, extra_context=None):
        """The administrator is told, on the admin's first page, of emails that could not be sent."""
        from django.contrib import messages
        from django.urls import reverse
        from django.utils.html import format_html
        from django.utils.translation import ngettext

        from notifications.models import Notification

        if request.user.is_superuser and request.method == "GET":
            failed = Notification.objects.filter(status=Notification.Status.FAILED).count()
            if failed:
                url = reverse("admin:notifications_notification_changelist") + "?status__exact=failed"
                text = ngettext("%(count)d email could not be sent.", "%(count)d emails could not be sent.", failed) % {
                    "count": failed
                }
                messages.warning(request, format_html('{} <a href="{}">{}</a>', text, url, _("See why")))
        return super().index(request, extra_context)


class PortalAdminConfig(AdminConfig):
    default_site = "conduct_portal.admin.PortalAdminSite"
