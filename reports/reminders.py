"""Deadline reminders: the day before a deadline to the holders; once it passes, to them and the leadership team."""

from django.db import transaction
from django.db.models import Prefetch

from accounts.models import StaffGroup, User
from notifications.services import queue_notification

from .ladder import HANDLER_STATUSES
from .models import Holding, Report
from .services import school_calendar


def queue_deadline_reminders(today):
    """Queue the reminders due on ``today``; each is keyed by its deadline, so running twice sends nothing new."""
    calendar = school_calendar()
    if not calendar.is_school_day(today):
        return 0
    next_school_day = calendar.add_school_days(today, 1)
    leadership = list(User.objects.in_group(StaffGroup.LEADERSHIP))
    current = Holding.objects.current().filter(person__is_active=True).select_related("person")
    reports = Report.objects.filter(
        status__in=HANDLER_STATUSES, due_on__isnull=False, due_on__lte=next_school_day
    ).prefetch_related(Prefetch("holdings", queryset=current, to_attr="current_holdings"))
    queued = 0
    with transaction.atomic():
        for report in reports:
            people = [holding.person for holding in report.current_holdings]
            if report.due_on >= today:
                kind, template = "reminder", "report-reminder"
            else:
                kind, template = "overdue", "report-overdue"
                people += [person for person in leadership if person.pk != report.concerns_staff_id]
            for person in {person.pk: person for person in people}.values():
                queued += bool(
                    queue_notification(
                        key=f"{kind}:{report.pk}:{report.due_for}:{report.due_on:%Y%m%d}:to:{person.pk}",
                        recipient=person,
                        template=template,
                        report=report,
                    )
                )
    return queued
