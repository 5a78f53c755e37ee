"""The escalation ladder: which move is allowed from where, by whom, and where it leads.

One table, no database and no clock: the caller says who the person is to the
report (their roles) and the facts that depend on dates (``Facts``), and the
ladder answers. ``reports.services.apply_move`` is the only caller that acts
on the answer.

    submitted ──► class teacher ──► office → leadership ──► governors
                     │ acknowledge, respond   │                 │ panel, outcome
                     └──► resolved            └──► resolved     └──► closed (final)
    withdrawn: by the reporter, at any point before the end
"""

import datetime
from dataclasses import dataclass

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _


class Stage(TextChoices):
    CLASS_TEACHER = "class_teacher", _("Class teacher")
    OFFICE_LEADERSHIP = "office_leadership", _("School office and leadership team")
    GOVERNORS = "governors", _("Governors")


class Status(TextChoices):
    NEW = "new", _("New")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    RESPONDED = "responded", _("Responded")
    RESOLVED = "resolved", _("Resolved")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CLOSED = "closed", _("Closed")


class Role(TextChoices):
    REPORTER = "reporter", _("Reporter")
    HANDLER = "handler", _("Handler")  # holds the report at its current stage
    LEADERSHIP = "leadership", _("Leadership team")  # oversees every report


class Move(TextChoices):
    SUBMIT = "submit", _("Submitted")
    ACKNOWLEDGE = "acknowledge", _("Acknowledged")
    RESPOND = "respond", _("Responded")
    NOTE = "note", _("Internal note")
    REQUEST_INFO = "request_info", _("Asked for more information")
    ADD_INFO = "add_info", _("Added information")
    REASSIGN = "reassign", _("Reassigned")
    ESCALATE = "escalate", _("Escalated")
    RESOLVE = "resolve", _("Resolved")
    WITHDRAW = "withdraw", _("Withdrawn")
    RECORD_PANEL = "record_panel", _("Panel arranged")
    RECORD_OUTCOME = "record_outcome", _("Outcome recorded")
    EXTEND_DEADLINE = "extend_deadline", _("New date set")
    ACCEPT_LATE = "accept_late", _("Accepted although made late")
    DECLINE_LATE = "decline_late", _("Closed: made too late")
    OTHER_PROCEDURE = "other_procedure", _("Closed: handled under another procedure")
    LINK = "link", _("Closed: handled with another report")
    PROCEDURE_COMPLETED = "procedure_completed", _("Closed: already through the whole procedure")
    NAME_COMPANION = "name_companion", _("Named who comes to the panel")
    CORRECT = "correct", _("Corrected")
    # A safeguarding concern's own steps (safeguarding/rules.py), outside the ladder.
    REFER = "refer", _("Referred to safeguarding")
    RECORD_ACTION = "record_action", _("Action recorded")
    ADD_COLLEAGUE = "add_colleague", _("Colleague added")
    ALERT_HEAD = "alert_head", _("Not acknowledged in time: the headteacher added")
    CLOSE = "close", _("Closed")


class LadderError(Exception):
    """A move that is not allowed (any more): the message says why, in plain words."""


NEXT_STAGE = {Stage.CLASS_TEACHER: Stage.OFFICE_LEADERSHIP, Stage.OFFICE_LEADERSHIP: Stage.GOVERNORS}
OPEN = frozenset({Status.NEW, Status.ACKNOWLEDGED, Status.RESPONDED})
IN_HAND = frozenset({Status.NEW, Status.ACKNOWLEDGED})
FINAL = frozenset({Status.RESOLVED, Status.WITHDRAWN, Status.CLOSED})
LOWER = frozenset({Stage.CLASS_TEACHER, Stage.OFFICE_LEADERSHIP})
ALL_STAGES = frozenset(Stage)
HANDLER, REPORTER, LEADERSHIP = Role.HANDLER, Role.REPORTER, Role.LEADERSHIP


@dataclass(frozen=True)
class Facts:
    """What the rules need to know that depends on dates or on the report's record."""

    today: datetime.date
    deadline_passed: bool = False  # the holder's deadline has passed with no response
    escalation_open: bool = False  # the reporter is within the window to escalate after a response
    panel_recorded: bool = False  # the governors' panel is arranged
    panel_held: bool = False  # and its date has come
    late_undecided: bool = False  # made after the time limit, and nobody has yet accepted it


@dataclass(frozen=True)
class Rule:
    move: Move
    stages: frozenset
    statuses: frozenset
    roles: frozenset
    to_status: Status | None = None  # None: the status stays
    next_stage: bool = False
    needs: str = ""  # the name of a Facts flag that must be true
    note_required: bool = False
    note_visible_to_reporter: bool = False


def _rule(move, stages, statuses, roles, **options):
    return Rule(move, frozenset(stages), frozenset(statuses), frozenset(roles), **options)


RULES = (
    _rule(Move.ACKNOWLEDGE, ALL_STAGES, {Status.NEW}, {HANDLER}, to_status=Status.ACKNOWLEDGED,
          note_visible_to_reporter=True),
    _rule(Move.RESPOND, LOWER, IN_HAND, {HANDLER}, to_status=Status.RESPONDED, note_required=True,
          note_visible_to_reporter=True),
    _rule(Move.NOTE, ALL_STAGES, OPEN, {HANDLER}, note_required=True),
    _rule(Move.NOTE, LOWER, OPEN, {LEADERSHIP}, note_required=True),
    _rule(Move.REQUEST_INFO, ALL_STAGES, IN_HAND, {HANDLER}, note_required=True, note_visible_to_reporter=True),
    _rule(Move.ADD_INFO, ALL_STAGES, OPEN, {REPORTER}, note_required=True, note_visible_to_reporter=True),
    _rule(Move.REASSIGN, ALL_STAGES, IN_HAND, {HANDLER}),
    _rule(Move.REASSIGN, LOWER, IN_HAND, {LEADERSHIP}),
    _rule(Move.ESCALATE, LOWER, OPEN, {HANDLER}, to_status=Status.NEW, next_stage=True, note_required=True,
          note_visible_to_reporter=True),
    _rule(Move.ESCALATE, LOWER, {Status.RESPONDED, Status.RESOLVED}, {REPORTER}, to_status=Status.NEW,
          next_stage=True, needs="escalation_open", note_required=True, note_visible_to_reporter=True),
    _rule(Move.ESCALATE, LOWER, IN_HAND, {REPORTER}, to_status=Status.NEW, next_stage=True,
          needs="deadline_passed", note_required=True, note_visible_to_reporter=True),
    _rule(Move.RESOLVE, LOWER, OPEN, {HANDLER}, to_status=Status.RESOLVED, note_required=True,
          note_visible_to_reporter=True),
    _rule(Move.RESOLVE, LOWER, {Status.RESPONDED}, {REPORTER}, to_status=Status.RESOLVED,
          note_visible_to_reporter=True),
    _rule(Move.WITHDRAW, ALL_STAGES, OPEN, {REPORTER}, to_status=Status.WITHDRAWN, note_visible_to_reporter=True),
    _rule(Move.CORRECT, ALL_STAGES, OPEN, {HANDLER}, note_required=True),
    _rule(Move.CORRECT, LOWER, OPEN, {LEADERSHIP}, note_required=True),
    _rule(Move.EXTEND_DEADLINE, ALL_STAGES, IN_HAND, {HANDLER}, note_required=True, note_visible_to_reporter=True),
    _rule(Move.ACCEPT_LATE, LOWER, OPEN, {HANDLER}, needs="late_undecided", note_required=True),
    _rule(Move.DECLINE_LATE, LOWER, OPEN, {HANDLER}, to_status=Status.CLOSED, needs="late_undecided",
          note_required=True, note_visible_to_reporter=True),
    _rule(Move.OTHER_PROCEDURE, LOWER, OPEN, {HANDLER}, to_status=Status.CLOSED, note_required=True,
          note_visible_to_reporter=True),
    _rule(Move.LINK, LOWER, OPEN, {HANDLER}, to_status=Status.CLOSED, note_required=True,
          note_visible_to_reporter=True),
    _rule(Move.PROCEDURE_COMPLETED, LOWER, OPEN, {HANDLER}, to_status=Status.CLOSED, note_required=True,
          note_visible_to_reporter=True),
    _rule(Move.RECORD_PANEL, {Stage.GOVERNORS}, IN_HAND, {HANDLER}, to_status=Status.ACKNOWLEDGED,
          note_visible_to_reporter=True),
    _rule(Move.NAME_COMPANION, {Stage.GOVERNORS}, {Status.ACKNOWLEDGED}, {REPORTER}, needs="panel_recorded",
          note_visible_to_reporter=True),
    _rule(Move.RECORD_OUTCOME, {Stage.GOVERNORS}, {Status.ACKNOWLEDGED}, {HANDLER}, to_status=Status.CLOSED,
          needs="panel_held", note_required=True, note_visible_to_reporter=True),
)  # fmt: skip

REFUSALS = {
    "escalation_open": _("The time to escalate after the response has passed."),
    "deadline_passed": _("You can escalate once the deadline for a response has passed, or after a response."),
    "panel_recorded": _("Arrange the panel first."),
    "panel_held": _("The outcome can be recorded only on or after the day the panel meets."),
    "late_undecided": _("Whether to accept it although it was made late has been decided already."),
}
NOT_NOW = {
    Status.NEW: _("That step is not possible now: the report is new."),
    Status.ACKNOWLEDGED: _("That step is not possible now: the report is acknowledged."),
    Status.RESPONDED: _("That step is not possible now: the report is responded to."),
}
ENDED = {
    Status.RESOLVED: _("This report is resolved: nothing more can be done to it."),
    Status.WITHDRAWN: _("This report was withdrawn: nothing more can be done to it."),
    Status.CLOSED: _("This report is closed: nothing more can be done to it."),
}


def rules_for(stage, status, roles, move=None):
    """The rules that match this position and these roles (and move, if given), conditions not yet checked."""
    return [
        rule
        for rule in RULES
        if (move is None or rule.move == move)
        and stage in rule.stages
        and status in rule.statuses
        and roles & rule.roles
    ]


def find_rule(stage, status, roles, move, facts):
    """The rule that allows ``move``, or LadderError saying why it is not allowed."""
    candidates = rules_for(stage, status, frozenset(roles), move)
    for rule in candidates:
        if not rule.needs or getattr(facts, rule.needs):
            return rule
    if candidates:
        raise LadderError(str(REFUSALS[candidates[0].needs]))
    if status in FINAL:
        raise LadderError(str(ENDED[status]))
    if rules_for(stage, status, frozenset(Role), move):
        raise LadderError(_("That step is for the people handling this report at this stage."))
    raise LadderError(str(NOT_NOW[status]))


def allowed_moves(stage, status, roles, facts):
    """Each move this person may make now, once, in the table's order."""
    moves = []
    for rule in rules_for(stage, status, frozenset(roles)):
        if (not rule.needs or getattr(facts, rule.needs)) and rule.move not in moves:
            moves.append(rule.move)
    return moves


def waiting_moves(stage, status, roles, facts):
    """[(move, the Facts flag it waits for)]: moves this person will be able to make once a date comes."""
    allowed = allowed_moves(stage, status, roles, facts)
    waiting = []
    for rule in rules_for(stage, status, frozenset(roles)):
        if rule.needs and not getattr(facts, rule.needs) and rule.move not in allowed:
            waiting.append((rule.move, rule.needs))
    return waiting


def destination(stage, status, rule):
    """Where a report at (stage, status) goes by ``rule``."""
    to_stage = NEXT_STAGE[stage] if rule.next_stage else stage
    return to_stage, rule.to_status or status


# Statuses in which the holder owes the next step (so a passed deadline makes it overdue).
HANDLER_STATUSES = IN_HAND
