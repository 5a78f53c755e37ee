"""Who hears about each move. Called inside the move's transaction: the rows are the outbox."""

from accounts.models import StaffGroup, User
from notifications.services import queue_notification

from .ladder import Move
from .routing import holders

# Moves the reporter is told about, and the email template for each.
TELL_REPORTER = {
    Move.SUBMIT: "report-received",
    Move.RESPOND: "report-update",
    Move.REQUEST_INFO: "report-update",
    Move.ESCALATE: "report-update",
    Move.RESOLVE: "report-update",
    Move.WITHDRAW: "report-update",
    Move.RECORD_PANEL: "report-update",
    Move.RECORD_OUTCOME: "report-update",
}
# The reporter's own moves that still get an email: it says where the report went and by when.
CONFIRMED_TO_ACTOR = {Move.SUBMIT, Move.ESCALATE}
# Moves that hand the report to (new) holders.
HANDS_OVER = {Move.SUBMIT, Move.ESCALATE, Move.REASSIGN, Move.REROUTE}


def for_event(report, event, previous_assignee=None, actor_roles=frozenset()):
    """Queue the notifications for ``event``: the new holders, the reporter, the leadership team."""
    recipients = {}  # user pk -> (user, template); one message per person per event

    if event.action in HANDS_OVER and (event.action != Move.REROUTE or event.from_stage != event.to_stage):
        for person in holders(report):
            recipients.setdefault(person.pk, (person, "report-assigned"))
    if event.action == Move.ADD_INFO:
        for person in holders(report):
            recipients.setdefault(person.pk, (person, "report-information-added"))
    if event.action == Move.SUBMIT and report.is_urgent:
        for person in User.objects.in_group(StaffGroup.LEADERSHIP).exclude(pk=report.concerns_staff_id):
            recipients.setdefault(person.pk, (person, "report-urgent"))
    if event.action in TELL_REPORTER and report.reporter.is_active:
        recipients[report.reporter_id] = (report.reporter, TELL_REPORTER[event.action])

    for person, template in recipients.values():
        if person.pk == event.actor_id and event.action not in CONFIRMED_TO_ACTOR:
            continue  # nobody is emailed about their own move, but for what tells them what happens next
        queue_notification(
            key=f"event:{event.pk}:to:{person.pk}",
            recipient=person,
            template=template,
            report=report,
            event=event,
        )
