"""Who hears about each move. Called inside the move's transaction: the rows are the outbox."""

from django.db.models import prefetch_related_objects
from django.utils import timezone, translation

from accounts.models import StaffGroup, User
from notifications.services import queue_notifications

from .holdings import current_holders
from .ladder import Move


# The reporter hears of every step they can see (an event ``visible_to_reporter``), in one of two emails.
def reporter_template(event):
    return "report-received" if event.action == Move.SUBMIT else "report-update"


# The reporter's own moves that still get an email: it says where the report went and by when.
CONFIRMED_TO_ACTOR = {Move.SUBMIT, Move.ESCALATE}


def for_event(report, event, new_holders=(), became_urgent=False, directory=None, categories=None):
    """Queue the notifications for ``event``: the new holders, the reporter, the leadership team.

    ``new_holders``: the people the move handed the report to. ``became_urgent``: a
    correction put the report in an urgent category. ``directory``: the move's
    ``routing.Directory``, read for the leadership team and the class's teachers.
    ``categories``: a new report's categories, when the caller has them.
    """
    recipients = {}  # user pk -> (user, template); one message per person per event

    for person in new_holders:
        recipients.setdefault(person.pk, (person, "report-assigned"))
    if event.action in (Move.ADD_INFO, Move.NAME_COMPANION):
        for person in current_holders(report):
            recipients.setdefault(person.pk, (person, "report-information-added"))
    if event.action == Move.RECORD_PANEL:
        for person in report.panel.governors.filter(is_active=True):
            recipients.setdefault(person.pk, (person, "panel-invitation"))
    if (event.action == Move.SUBMIT and report.is_urgent) or became_urgent:
        for person in _leadership(directory):
            if person.pk != report.concerns_staff_id:
                recipients.setdefault(person.pk, (person, "report-urgent"))
    if _newly_alerts_safeguarding(report, event, categories):
        from safeguarding.notify import complaint_alerts_the_team

        complaint_alerts_the_team(report, event)
    if event.action == Move.RECORD_OUTCOME and report.concerns_staff_id:
        for person in _told_of_findings_about_staff(report):
            recipients.setdefault(person.pk, (person, "panel-findings"))
    if event.visible_to_reporter and report.reporter is not None and report.reporter.is_active:
        recipients[report.reporter_id] = (report.reporter, reporter_template(event))

    if any(template == "report-urgent" for _person, template in recipients.values()):
        prefetch_related_objects([report], "categories")  # each reader's email lists them: read once for all
    with translation.override(report.reporter.reading_language if report.reporter else None):
        words = _words_for_the_reporter(report, event, directory)  # in the words, and the language, the reporter reads
    queue_notifications(
        {
            "key": f"event:{event.pk}:to:{person.pk}",
            "recipient": person,
            "template": template,
            "report": report,
            "event": event,
            "context": words if person.pk == report.reporter_id else {},
        }
        for person, template in recipients.values()
        # Nobody is emailed about their own move, but for what tells them what happens next.
        if person.pk != event.actor_id or event.action in CONFIRMED_TO_ACTOR
    )


def _leadership(directory):
    if directory is None:
        return User.objects.in_group(StaffGroup.LEADERSHIP)
    return directory.group(StaffGroup.LEADERSHIP)


def _actor_teaches_the_class(report, event, directory):
    """Whether the move's actor teaches the report's class, when the directory can say (it knows active teachers)."""
    if directory is None or event.actor is None or not event.actor.is_active:
        return None
    return any(person.pk == event.actor_id for person in directory.teachers_of(report.school_class_id))


def _told_of_findings_about_staff(report):
    """Who passes the panel's findings on to the member of staff concerned: the headteacher, or when the
    complaint is about the headteacher, the chair of governors."""
    heads = User.objects.filter(is_headteacher=True, is_active=True).exclude(pk=report.concerns_staff_id)
    if heads.exists():
        return heads
    return User.objects.filter(is_chair_of_governors=True, is_active=True).exclude(pk=report.concerns_staff_id)


def _words_for_the_reporter(report, event, directory=None):
    """What the reporter's email says of where the report stands and who wrote to them, in their words."""
    from django.conf import settings

    from .standing import capitalised, holder_words, role_words, where_it_stands

    said_by = capitalised(role_words(event.actor, report, _actor_teaches_the_class(report, event, directory)))
    if event.actor is not None and settings.SHOW_STAFF_NAMES_TO_PARENTS:
        said_by = f"{event.actor.get_full_name()} ({said_by[:1].lower()}{said_by[1:]})"
    asked_on = timezone.localdate(event.created_at) if event.action == Move.REQUEST_INFO else None
    return {
        "standing": where_it_stands(report, asked_on),
        "holder": holder_words(report),
        "said_by": said_by,
    }


def _newly_alerts_safeguarding(report, event, categories=None):
    """Submitted in (or corrected into) a category that alerts the safeguarding team."""
    if event.action == Move.SUBMIT:
        if categories is not None:
            return any(category.alerts_safeguarding for category in categories)
        return report.categories.filter(alerts_safeguarding=True).exists()
    if event.action == Move.CORRECT and "categories" in event.changes:
        from policy.models import Category

        alerting = set(Category.objects.filter(alerts_safeguarding=True).values_list("number", flat=True))
        change = event.changes["categories"]
        return bool(alerting & set(change["to"])) and not alerting & set(change["from"])
    return False
