"""What each move is called on a button, what it means in plain words, and what its note is for."""

from django.utils.translation import gettext_lazy as _

from . import move_forms
from .ladder import Move, Role, Stage

FORMS = {
    Move.REASSIGN: move_forms.ReassignForm,
    Move.EXTEND_DEADLINE: move_forms.ExtendDeadlineForm,
    Move.OTHER_PROCEDURE: move_forms.OtherProcedureForm,
    Move.LINK: move_forms.LinkForm,
    Move.PROCEDURE_COMPLETED: move_forms.LinkForm,
    Move.RECORD_PANEL: move_forms.PanelForm,
    Move.RECORD_OUTCOME: move_forms.OutcomeForm,
    Move.CORRECT: move_forms.CorrectionForm,
}

# move: (button, what it means to staff, the note's label)
STAFF_TEXT = {
    Move.ACKNOWLEDGE: (_("Acknowledge"), _("Record that you have it and are looking into it."),
                       _("A note to the parent (optional)")),
    Move.RESPOND: (_("Respond"), _("Your response to the parent. They may escalate it if they are not satisfied."),
                   _("Your response to the parent")),
    Move.NOTE: (_("Add an internal note"), _("For staff only: the parent never sees it."), _("Internal note")),
    Move.REQUEST_INFO: (_("Ask the parent a question"),
                        _("It is emailed to them, and the report waits for their answer."), _("Your question")),
    Move.REASSIGN: (_("Pass it to someone else"), _("Hand it to another person who handles this stage."),
                    _("Why (only staff see this)")),
    Move.ESCALATE: (_("Escalate now"), _("Send it straight to the next step, for something serious."),
                    _("A note to the parent saying why")),
    Move.RESOLVE: (_("Resolve"), _("Close it as resolved."), _("A note to the parent")),
    Move.EXTEND_DEADLINE: (_("Set a new date"),
                           _("When a deadline will be missed: a later date, and the reason, which the parent is told."),
                           _("The reason, for the parent")),
    Move.ACCEPT_LATE: (_("Accept it although it was made late"),
                       _("It is about something longer ago than the time limit: say why you will look at it."),
                       _("Why (only staff see this)")),
    Move.DECLINE_LATE: (_("Close it: made too late"),
                        _("It is about something longer ago than the time limit, and cannot be looked at now."),
                        _("A letter to the parent explaining why")),
    Move.OTHER_PROCEDURE: (_("Close it: another procedure deals with it"),
                           _("Admissions, exclusions, special educational needs, staff discipline, whistleblowing."),
                           _("A letter to the parent saying where to go")),
    Move.LINK: (_("Handle it with an earlier report"),
                _("The same matter as an earlier report: it is dealt with there, and the parent is told so."),
                _("A note to the parent")),
    Move.PROCEDURE_COMPLETED: (_("Close it: already through the whole procedure"),
                               _("The governors' panel has decided this matter: the 'procedure completed' letter."),
                               _("The letter to the parent")),
    Move.RECORD_PANEL: (_("Arrange the panel"),
                        _("At least three people with no part in the matter, one independent of the school."),
                        _("The invitation to the parent (with anything they need to know)")),
    Move.RECORD_OUTCOME: (_("Record the panel's decision"),
                          _("Its findings and recommendations go to the parent. This closes the complaint."),
                          _("The letter to the parent")),
    Move.CORRECT: (_("Correct the categories, class or member of staff"),
                   _("What the parent wrote stays as it is; the correction and its reason are kept in the timeline. "
                     "A report about someone who would handle it goes past them."),
                   _("Why (only staff see this)")),
}  # fmt: skip

# move: (button, what it means to the person who made the report, the note's label)
REPORTER_TEXT = {
    Move.ADD_INFO: (_("Add information or answer a question"),
                    _("Add something you have remembered or found since. The staff handling it are told."),
                    _("What you want to add")),
    Move.ESCALATE: (_("Escalate to the next step"),
                    _("If you are not satisfied, or no one has responded in time, {next} will look at it."),
                    _("Why you are not satisfied")),
    Move.RESOLVE: (_("I am satisfied"), _("Mark the report resolved. Nothing more will be done."),
                   _("A note (optional)")),
    Move.WITHDRAW: (_("Withdraw the report"),
                    _("Stop the report: staff will not act on it further. This cannot be undone."),
                    _("A note (optional)")),
    Move.NAME_COMPANION: (_("Say who will come with you to the panel"),
                          _("You may bring someone with you: a friend, a relative or someone who supports you."),
                          _("Their name, and how they know you")),
}  # fmt: skip

NEXT_STAGE_WORDS = {
    Stage.CLASS_TEACHER: _("the school office and the leadership team"),
    Stage.OFFICE_LEADERSHIP: _("the governors, under the complaints procedure,"),
}


def _text(move, roles):
    if Role.REPORTER in roles and move in REPORTER_TEXT:
        return REPORTER_TEXT[move]
    return STAFF_TEXT[move]


def describe(move, roles, stage):
    """(button, meaning) for ``move`` as this person sees it."""
    button, meaning, _label = _text(move, roles)
    return button, str(meaning).format(next=NEXT_STAGE_WORDS.get(stage, _("the next step")))


def form_for(move, report, rule, roles, data=None):
    """The move's form: its note labelled for whoever reads it, and for staff a reason of their own beside it."""
    return FORMS.get(move, move_forms.MoveForm)(data, report=report, **_form_options(move, rule, roles))


def form_shows(move, report, rule, roles):
    """Everything the move's empty form shows, but the language, without building it: its class's ``shows`` and
    the options ``form_for`` gives it. None: it is built and rendered each time."""
    form_class = FORMS.get(move, move_forms.MoveForm)
    shows = form_class.shows(report)
    if shows is None:
        return None
    options = {name: str(value) for name, value in _form_options(move, rule, roles).items()}
    return (form_class.__name__, sorted(options.items()), shows)


def _form_options(move, rule, roles):
    _button, _meaning, label = _text(move, roles)
    staff_move = Role.REPORTER not in roles or move not in REPORTER_TEXT
    return {
        "note_required": rule.note_required,
        "note_for_reporter": rule.note_visible_to_reporter,
        "with_staff_note": staff_move and rule.note_visible_to_reporter,
        "note_label": label,
        "prefix": move,
    }
