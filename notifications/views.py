import logging

from django.contrib.auth.decorators import login_required, permission_required
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Max
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from conduct_portal.statements import compiled
from reports.models import Report

from .models import Notification

logger = logging.getLogger(__name__)

UNREAD_FRESH_SECONDS = 300

SUBJECTS = {
    "report-received": _("Your report was received"),
    "report-update": _("Your report moved on"),
    "report-assigned": _("A report reached you"),
    "report-urgent": _("Urgent report"),
    "report-information-added": _("The reporter added information"),
    "report-reminder": _("A deadline is tomorrow"),
    "report-overdue": _("A deadline has passed"),
    "panel-invitation": _("You are on a complaints panel"),
    "panel-findings": _("A panel's findings about a member of staff"),
    "safeguarding": _("A safeguarding concern"),
}


def _mine(user):
    """Notifications to ``user`` about reports they may still read: none about a report that concerns them."""
    return Notification.objects.filter(recipient=user, report__in=Report.objects.readable_by(user))


@login_required
@permission_required("notifications.view_inbox", raise_exception=True)
@never_cache
def inbox(request):
    notifications = list(_mine(request.user).select_related("report", "event").order_by("-created_at")[:100])
    for notification in notifications:
        notification.summary = SUBJECTS.get(notification.template, notification.template)
    return render(request, "notifications/inbox.html", {"notifications": notifications})


@login_required
@require_POST
def mark_all_read(request):
    Notification.objects.filter(recipient=request.user, read_at__isnull=True).update(read_at=timezone.now())
    return redirect("notifications-inbox")


def mark_read_for_report(user, report):
    """Opening a report reads the notifications about it."""
    Notification.objects.filter(recipient=user, report=report, read_at__isnull=True).update(read_at=timezone.now())


def _unread_of(pk):
    """How many notifications the person ``pk`` has not read, and the newest of them (no row: none)."""
    unread = Notification.objects.filter(recipient=pk, read_at__isnull=True).order_by().values("recipient")
    return unread.annotate(newest=Max("pk"), unread=Count("pk")).values_list("newest", "unread")


def unread_count(user):
    """The menu's badge: unread notifications about reports this person may still read.

    What they may read is the costly part of the question, so the answer is kept in the cache under a key made
    of their newest unread notification and how many are unread, read in one cheap query (an index of unread
    notifications): a new notification or one read makes a new key. A change in what they may read alone shows
    within UNREAD_FRESH_SECONDS; the inbox itself always asks afresh.
    """
    with connection.cursor() as cursor:
        cursor.execute(*compiled(_unread_of, user.pk))
        found = cursor.fetchone()
    if found is None:
        return 0
    newest, unread = found
    key = f"unread-notifications:{user.pk}:{newest}:{unread}"
    try:
        return cache.get_or_set(key, lambda: _mine(user).filter(read_at__isnull=True).count(), UNREAD_FRESH_SECONDS)
    except Exception:  # noqa: BLE001 - the cache (Redis) is down: ask the database
        logger.warning("The cache is unavailable; the unread count read from the database", exc_info=True)
        return _mine(user).filter(read_at__isnull=True).count()
