"""Subject access: everything the portal holds about one person, as a ZIP of readable JSON and their own files.

What goes in is what that person may see: their account, their children's
classes, their reports with the part of each timeline the reporter is shown,
their acknowledgements of the policy, the emails sent to them, and, for staff,
what they did and opened. Other people's names appear only where the person
may see them already; staff notes they may not read are left out.
"""

import calendar
import datetime
import io
import json
import zipfile

from django.utils import timezone
from django.utils.translation import gettext

from access.models import AccessRecord
from access.visibility import report_access
from notifications.models import Notification
from policy.models import PolicyAcknowledgement
from reports.evidence import EXTENSIONS, download_name
from reports.models import Report, ReportEvent

from .models import SubjectAccessRequest


def _when(value):
    return value.isoformat() if value else None


def _report(report, person):
    access = report_access(person, report)
    events = report.events.filter(access.event_filter()).select_related("actor")
    return {
        "reference": report.reference,
        "made_at": _when(report.created_at),
        "what": report.get_kind_display(),
        "categories": [category.wording for category in report.categories.all()],
        "what_happened": report.description,
        "where": report.get_platform_display(),
        "name_of_the_group_or_place": report.platform_name,
        "when": _when(report.occurred_on),
        "links": report.link_list(),
        "class": report.school_class.name if report.school_class else None,
        "about_a_member_of_staff": str(report.concerns_staff) if report.concerns_staff else None,
        "where_it_is": report.get_stage_display() if not report.is_safeguarding else "Safeguarding",
        "status": report.get_status_display(),
        "outcome": report.get_outcome_display() or None,
        "outcome_letter": report.outcome_letter or None,
        "files": [_file_path(report, number, item) for number, item in enumerate(report.evidence.all(), 1)],
        "timeline": [
            {
                "at": _when(event.created_at),
                "step": event.get_action_display(),
                "by": "you" if event.actor_id == person.pk else None,
                "note": event.note or None,
            }
            for event in events
        ],
    }


def subject_access_data(person):
    """The JSON document: a dict, in plain words."""
    reports = Report.objects.filter(reporter=person).select_related("school_class", "concerns_staff")
    data = {
        "about": gettext("Everything the school's conduct portal holds about you, as of the date below."),
        "produced_at": _when(timezone.now()),
        "account": {
            "name": person.full_name,
            "email": person.email,
            "joined": _when(person.date_joined),
            "last_logged_in": _when(person.last_login),
            "email_confirmed": _when(person.email_confirmed_at),
            "school_roles": sorted(person.staff_groups()),
            "two_factor_sign_in": person.totpdevice_set.filter(confirmed=True).exists(),
            "email_me_the_day_before_a_deadline": person.wants_deadline_reminders,
        },
        "children": [
            {"name": child.name or None, "class": child.school_class.name, "school_reference": child.pupil_ref or None}
            for child in person.children.select_related("school_class")
        ],
        "reports_you_made": [_report(report, person) for report in reports],
        "policy_versions_you_read": [
            {"version": ack.version.number, "at": _when(ack.acknowledged_at)}
            for ack in PolicyAcknowledgement.objects.filter(user=person).select_related("version")
        ],
        "emails_we_sent_you": [
            {"at": _when(mail.created_at), "to": mail.to_email, "subject": mail.subject, "text": mail.body_text}
            for mail in Notification.objects.filter(recipient=person).order_by("created_at")
        ],
    }
    if person.is_school_staff or person.is_staff:
        data["steps_you_took_on_reports"] = [
            {"report": event.report.reference, "at": _when(event.created_at), "step": event.get_action_display()}
            for event in ReportEvent.objects.filter(actor=person)
            .exclude(report__reporter=person)
            .select_related("report")
        ]
        data["reports_and_files_you_opened"] = [
            {"report": record.report.reference, "at": _when(record.at), "what": record.get_kind_display()}
            for record in AccessRecord.objects.filter(person=person).select_related("report")
        ]
    return data


def subject_access_zip(person, requested_by):
    """The ZIP, and the request recorded (with its one-month deadline) and completed."""
    now = timezone.now()
    request = SubjectAccessRequest.objects.create(
        person=person, requested_by=requested_by, requested_at=now, due_on=one_month_after(timezone.localdate(now))
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("your-data.json", json.dumps(subject_access_data(person), indent=2, ensure_ascii=False))
        for report in Report.objects.filter(reporter=person).prefetch_related("evidence"):
            for number, item in enumerate(report.evidence.all(), 1):
                with item.file.open("rb") as stored:
                    archive.writestr(_file_path(report, number, item), stored.read())
    request.completed_at = timezone.now()
    request.save(update_fields=["completed_at"])
    return buffer.getvalue()


def _file_path(report, number, item):
    """Inside the ZIP: the person's own name for the file, made safe, with the extension of what it really is."""
    return f"files/{report.reference}/{number}-{download_name(item.original_name, EXTENSIONS[item.content_type])}"


def one_month_after(day):
    """The same day next month (the last day of next month when it has no such day): the law's one month."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def file_name(person, today=None):
    today = today or datetime.date.today()
    return f"conduct-portal-data-{today:%Y-%m-%d}.zip"
