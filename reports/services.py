import uuid

from django.core.files.base import ContentFile
from django.db import transaction

from notifications.services import queue_notification

from .models import Evidence, Report, ReportEvent
from .references import new_reference


def _unused_reference():
    while True:
        reference = new_reference()
        if not Report.objects.filter(reference=reference).exists():
            return reference


def submit_report(*, reporter, kind, categories, description, platform, platform_name, occurred_on, links,
                  concerns, school_class, evidence):  # fmt: skip
    """Save a new report with its evidence, record the event, and queue the confirmation email.

    ``evidence`` is a list of ``evidence.CleanFile``: already checked and stripped.
    A report made by a member of staff starts with the office and leadership
    team: the class teacher is the parents' first step.
    """
    stage = Report.Stage.OFFICE_LEADERSHIP if reporter.is_school_staff else Report.Stage.CLASS_TEACHER
    with transaction.atomic():
        report = Report.objects.create(
            reference=_unused_reference(),
            reporter=reporter,
            kind=kind,
            description=description,
            platform=platform,
            platform_name=platform_name,
            occurred_on=occurred_on,
            links=links,
            concerns=concerns,
            school_class=school_class,
            stage=stage,
            status=Report.Status.NEW,
        )
        report.categories.set(categories)
        for clean_file in evidence:
            public_id = uuid.uuid4()
            Evidence.objects.create(
                public_id=public_id,
                report=report,
                file=ContentFile(clean_file.content, name=f"{public_id.hex}.{clean_file.extension}"),
                original_name=clean_file.original_name[:255],
                content_type=clean_file.content_type,
                size=len(clean_file.content),
            )
        event = ReportEvent.objects.create(
            report=report,
            actor=reporter,
            action="submitted",
            to_stage=report.stage,
            to_status=report.status,
            visible_to_reporter=True,
        )
        queue_notification(
            key=f"event:{event.pk}:to:{reporter.pk}",
            recipient=reporter,
            template="report-received",
            report=report,
        )
    return report
