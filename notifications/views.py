from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from .models import Notification

SUBJECTS = {
    "report-received": "Your report was received",
    "report-update": "Your report moved on",
    "report-assigned": "A report reached you",
    "report-urgent": "Urgent report",
    "report-information-added": "The reporter added information",
    "report-reminder": "A deadline is tomorrow",
    "report-overdue": "A deadline has passed",
}


@login_required
def inbox(request):
    notifications = list(
        Notification.objects.filter(recipient=request.user, report__isnull=False)
        .select_related("report", "event")
        .order_by("-created_at")[:100]
    )
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


def unread_count(user):
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
