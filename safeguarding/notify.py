"""Who hears about a safeguarding concern. Called inside the step's transaction: the rows are the outbox.

Every email is the ``safeguarding`` template with a ``notice`` saying which:
never a word of what the concern says, only its reference and the link. The
clock's reminders and alerts are written many at a time by ``services.chase``,
to the same people, with the same keys and notices.
"""

from django.utils import timezone, translation
from django.utils.formats import date_format

from accounts.models import User
from notifications.services import queue_notification
from reports.ladder import Move


def _tell(report, people, notice, key, event=None, by=None):
    for person in {person.pk: person for person in people if person is not None}.values():
        queue_notification(
            key=f"{key}:to:{person.pk}",
            recipient=person,
            template="safeguarding",
            report=report,
            event=event,
            context={"notice": notice, "due": when(by, person)},
        )


def when(moment, person):
    """A time, written in the language the person reads."""
    if moment is None:
        return ""
    with translation.override(person.reading_language):
        return date_format(timezone.localtime(moment), "l j E, H:i")


def concern_opened(report, concern, event, actor=None):
    """The team at once; the case manager of an allegation; the reporter, that it reached the safeguarding lead."""
    from .services import team

    _tell(report, [p for p in team(report) if p.pk != event.actor_id], "new", f"event:{event.pk}", event,
          concern.acknowledge_by)  # fmt: skip
    if concern.case_manager is not None:
        _tell(report, [concern.case_manager], "allegation", f"event:{event.pk}:case", event, concern.lado_due_at)
    if report.reporter.is_active and concern.reporter_told and report.reporter_id != getattr(actor, "pk", None):
        notice = "received" if event.action == Move.SUBMIT else "referred"
        _tell(report, [report.reporter], notice, f"event:{event.pk}:reporter", event)


def concern_moved(report, concern, event, colleague=None):
    from .services import team

    if event.action == Move.ADD_COLLEAGUE and colleague is not None:
        _tell(report, [colleague], "added", f"event:{event.pk}", event)
    elif event.action == Move.ADD_INFO:
        _tell(report, team(report), "information-added", f"event:{event.pk}", event)
    elif event.action == Move.ACKNOWLEDGE and concern.reporter_told and report.reporter.is_active:
        _tell(report, [report.reporter], "acknowledged", f"event:{event.pk}", event)


def complaint_alerts_the_team(report, event):
    """A complaint in a category marked to alert the safeguarding team: they are told, and may refer it."""
    from accounts.models import StaffGroup

    team = User.objects.in_group(StaffGroup.SAFEGUARDING).exclude(
        pk__in=[report.concerns_staff_id or 0, event.actor_id]
    )
    _tell(report, team, "alert", f"event:{event.pk}:safeguarding", event)
