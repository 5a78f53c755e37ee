"""What each move changes on a report, beyond its stage and status (which the ladder gives).

``services.apply_move`` locks the report, asks the ladder, then calls the
step for the move here with a ``Step``: the actor, the day, the move's own
arguments, and the fields it changed (``changed``) and the before and after
people read in the timeline (``changes``). A step raises LadderError, in
plain words, when its arguments cannot be accepted; nothing is then saved.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from . import routing
from .ladder import LadderError, Move, Stage, Status


@dataclass
class Step:
    report: object
    actor: object
    today: datetime.date
    calendar: object
    directory: object
    arguments: dict
    note: str = ""
    changed: set = field(default_factory=set)
    changes: dict = field(default_factory=dict)

    def set(self, **values):
        for name, value in values.items():
            setattr(self.report, name, value)
        self.changed |= set(values)


def enter_stage(step):
    """The report arrives at a stage: its clock starts again there."""
    step.set(status=Status.NEW, stage_entered_on=step.today, responded_on=None, ended_on=None,
             revised_due_for="", revised_due_on=None, awaiting_reporter=False)  # fmt: skip
    step.changed |= {"stage", "assignee"}


def respond(step):
    step.set(responded_on=step.today, awaiting_reporter=False)


def reassign(step):
    assignee = step.arguments.get("assignee")
    if assignee is None or not routing.eligible_assignees(step.report).filter(pk=assignee.pk).exists():
        raise LadderError(_("Choose someone who handles this stage."))
    step.set(assignee=assignee)
    step.note = step.note or _("Now with %(person)s.") % {"person": assignee}


def escalate(step):
    step.report.stage, step.report.assignee = routing.entry(step.report, step.report.stage, step.directory)
    enter_stage(step)


def request_info(step):
    step.set(awaiting_reporter=True)


def add_info(step):
    step.set(awaiting_reporter=False)


def extend_deadline(step):
    """The holder will miss a deadline: a later school day, with the reason the reporter reads."""
    report, new_date = step.report, step.arguments.get("due_on")
    if new_date is None or report.due_on is None or new_date <= report.due_on:
        raise LadderError(_("Choose a date after the present deadline."))
    if not step.calendar.is_school_day(new_date):
        raise LadderError(_("Choose a school day: that date is a weekend or a holiday."))
    step.changes = {"deadline": {"from": report.due_on.isoformat(), "to": new_date.isoformat()}}
    step.set(revised_due_for=report.due_for, revised_due_on=new_date)


def accept_late(step):
    step.set(late_accepted=True)


def decline_late(step):
    step.set(closed_as=step.report.ClosedAs.OUT_OF_TIME)


def other_procedure(step):
    procedure = step.arguments.get("procedure", "")
    if procedure not in settings.OTHER_PROCEDURES:
        raise LadderError(_("Choose the procedure that deals with it."))
    step.set(closed_as=step.report.ClosedAs.OTHER_PROCEDURE, other_procedure=procedure)


def _earlier_report(step, *, completed):
    from access.visibility import report_access

    from .references import normalise

    reference = normalise(step.arguments.get("linked_reference", ""))
    earlier = type(step.report).objects.filter(reference=reference).exclude(pk=step.report.pk).first()
    if earlier is None or not report_access(step.actor, earlier).can_read:
        raise LadderError(_("Give the reference of a report you can open."))
    if completed and not (earlier.stage == Stage.GOVERNORS and earlier.status == Status.CLOSED):
        raise LadderError(_("That report has not been through the whole procedure: link it instead."))
    return earlier


def link(step):
    """The same matter as an earlier report: handled there, and the reporter is told so."""
    earlier = _earlier_report(step, completed=False)
    step.set(closed_as=step.report.ClosedAs.LINKED, linked_to=earlier)
    step.changes = {"linked_to": earlier.reference}


def procedure_completed(step):
    """A matter the whole procedure has already decided is not opened again: the 'procedure completed' letter."""
    earlier = _earlier_report(step, completed=True)
    step.set(closed_as=step.report.ClosedAs.PROCEDURE_COMPLETED, linked_to=earlier)
    step.changes = {"linked_to": earlier.reference}


def record_panel(step):
    """The clerk arranges the panel: a lawful one (governance.rules), on a day not yet past."""
    from governance.services import arrange_panel

    panel_on = step.arguments.get("panel_on")
    if panel_on is None or panel_on < step.today:
        raise LadderError(_("Choose the day the panel meets: today or later."))
    panel = arrange_panel(step.report, step.actor, governors=step.arguments.get("governors", ()),
                          independent_members=step.arguments.get("independent_members", ()))  # fmt: skip
    step.set(panel_on=panel_on)
    step.changes = {"panel": panel.member_names(), "on": panel_on.isoformat()}


def name_companion(step):
    from governance.models import Panel

    Panel.objects.filter(report=step.report).update(companion=step.note[:200])


def record_outcome(step):
    outcome = step.arguments.get("outcome", "")
    if outcome not in step.report.Outcome.values:
        raise LadderError(_("Choose the outcome: upheld, partly upheld or not upheld."))
    if not (step.arguments.get("action_taken") or "").strip():
        raise LadderError(_("Say what action the school has taken or will take, whatever the outcome."))
    step.set(
        outcome=outcome,
        outcome_letter=step.note,
        findings=(step.arguments.get("findings") or "").strip(),
        recommendations=(step.arguments.get("recommendations") or "").strip(),
        action_taken=step.arguments["action_taken"].strip(),
    )


def correct(step):
    step.changes = _correct(step.report, step.arguments.get("corrections") or {}, step.changed)
    if not step.changes:
        raise LadderError(_("Nothing was changed: choose a corrected value."))
    _reroute(step)


def _correct(report, corrections, changed):
    """Apply what staff corrected; return {field: {"from": …, "to": …}} in words people read."""
    changes = {}
    if "categories" in corrections:
        before = sorted(report.categories.values_list("number", flat=True))
        after = sorted(category.number for category in corrections["categories"])
        if before != after:
            report.categories.set(corrections["categories"])
            report.is_urgent = any(category.is_urgent for category in corrections["categories"])
            changed.add("is_urgent")
            changes["categories"] = {"from": before, "to": after}
    for name in ("school_class", "concerns_staff"):
        if name in corrections and getattr(report, f"{name}_id") != getattr(corrections[name], "pk", None):
            before, after = getattr(report, name), corrections[name]
            setattr(report, name, after)
            changed.add(name)
            changes[name] = {"from": str(before or ""), "to": str(after or "")}
    return changes


def _reroute(step):
    """After a correction: if it now goes past the people at this stage, send it on (never back down)."""
    report = step.report
    if report.assignee_id and report.assignee_id in (report.concerns_staff_id, report.reporter_id):
        step.set(assignee=None)
    stage, assignee = routing.entry(report, report.stage, step.directory)
    order = list(Stage)
    if order.index(stage) > order.index(report.stage) or (assignee and not report.assignee_id):
        report.stage, report.assignee = stage, assignee
        enter_stage(step)


STEPS = {
    Move.RESPOND: respond,
    Move.REASSIGN: reassign,
    Move.ESCALATE: escalate,
    Move.REQUEST_INFO: request_info,
    Move.ADD_INFO: add_info,
    Move.EXTEND_DEADLINE: extend_deadline,
    Move.ACCEPT_LATE: accept_late,
    Move.DECLINE_LATE: decline_late,
    Move.OTHER_PROCEDURE: other_procedure,
    Move.LINK: link,
    Move.PROCEDURE_COMPLETED: procedure_completed,
    Move.RECORD_PANEL: record_panel,
    Move.NAME_COMPANION: name_companion,
    Move.RECORD_OUTCOME: record_outcome,
    Move.CORRECT: correct,
}
