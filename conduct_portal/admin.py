from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Django's own message, translated by its catalogues as on any other admin list (not one of the portal's).
SELECT_FOR_AN_ACTION = "Select this object for an action - {}"


class PortalAdminSite(admin.AdminSite):
    """Django's admin, whose door is the access policy's (access/rules.py: ``admin.use_admin``)."""

    site_header = _("Conduct portal administration")
    site_title = _("Conduct portal")
    # The sidebar lists every model on every page, each behind permission checks: a tenth of a list page's time,
    # for what the home page and the breadcrumbs already give.
    enable_nav_sidebar = False

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


class ActionCheckboxInPython:
    """A ModelAdmin mixin: each row's checkbox for the actions, as Django's CheckboxInput writes it.

    Django renders the widget's template for every row: a sixth of the time of a page of 50 reports.
    """

    def action_checkbox(self, obj):
        label = format_html(gettext(SELECT_FOR_AN_ACTION), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            ACTION_CHECKBOX_NAME, obj.pk, label,
        )  # fmt: skip


class PortalAdminConfig(AdminConfig):
    default_site = "conduct_portal.admin.PortalAdminSite"
