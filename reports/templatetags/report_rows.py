"""The rows of a table of reports and the items of a report's timeline, each rendered once for what it shows
(conduct_portal.fragments)."""

from django import template

from conduct_portal.fragments import rendered_rows
from reports.models import with_list_details

register = template.Library()


# What a row reads of a report (``shown`` and the row's template), besides the ``overdue`` of for_listing: a list
# fetches only these. (``concerns_staff_id``: with_list_details sets it from the staff table.)
ROW_FIELDS = (
    "id", "reference", "created_at", "updated_at", "stage", "status", "assignee_id", "concerns_staff_id", "is_urgent",
    "is_late", "late_accepted", "awaiting_reporter", "school_class_id", "due_for", "due_on", "ended_on", "closed_as",
    "outcome",
)  # fmt: skip


def shown(report, today, show):
    """Every value templates/reports/_report_row.html shows of ``report`` (and when it was last saved): the
    row's cache key."""
    return (
        report.pk,
        report.updated_at,
        report.reference,
        report.created_at,
        report.stage,
        str(report.assignee) if report.assignee_id else "",
        report.status,
        report.is_urgent,
        report.is_late,
        report.late_accepted,
        report.awaiting_reporter,
        tuple((category.number, category.wording) for category in report.category_list),
        report.school_class.name if report.school_class_id else "",
        report.due_for,
        report.due_on,
        getattr(report, "overdue", None),
        report.ended_on,
        report.closed_as,
        report.outcome,
        today,
        show,
    )


@register.simple_tag(takes_context=True)
def report_rows(context, reports):
    today, show = context.get("today"), context.get("show")
    reports = with_list_details(reports)
    return rendered_rows(
        "reports/_report_row.html",
        reports,
        lambda report: shown(report, today, show),
        {"today": today, "show": show},
        name="report",
    )


@register.simple_tag
def my_report_rows(reports):
    """The rows of a person's own reports, each with ``standing`` set (reports.views.my_reports)."""
    return rendered_rows(
        "reports/_my_report_row.html",
        reports,
        lambda report: (report.pk, report.reference, report.track, report.kind, report.created_at, report.standing),
        {},
        name="report",
    )


def told(event, staff_view, user):
    """Every value templates/reports/_timeline_item.html shows of ``event``: its cache key."""
    return (
        event.pk,
        event.action,
        event.created_at,
        str(event.actor) if event.actor_id else "",
        event.actor_id is not None and event.actor_id == user.pk,
        event.from_stage,
        event.to_stage,
        event.from_status,
        event.to_status,
        event.visible_to_reporter,
        event.changes,
        event.note,
        event.staff_note,
        staff_view,
    )


@register.simple_tag(takes_context=True)
def timeline_items(context, events, staff_view):
    user = context["user"]
    return rendered_rows(
        "reports/_timeline_item.html",
        events,
        lambda event: told(event, staff_view, user),
        {"staff_view": staff_view, "user": user},
        name="event",
    )
