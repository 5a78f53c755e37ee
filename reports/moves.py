"""What each move is called on a button, and what it means in plain words."""

from .forms import CorrectionForm, MoveForm, OutcomeForm, PanelForm, ReassignForm
from .ladder import Move, Role, Stage

FORMS = {
    Move.REASSIGN: ReassignForm,
    Move.RECORD_PANEL: PanelForm,
    Move.RECORD_OUTCOME: OutcomeForm,
    Move.CORRECT: CorrectionForm,
}

# move: (button, what it means to staff)
STAFF_TEXT = {
    Move.ACKNOWLEDGE: (
        "Acknowledge",
        "Record that you have it and are looking into it: the reporter sees this on the report's page.",
    ),
    Move.RESPOND: ("Respond", "Write your response to the reporter. They may escalate it if not satisfied."),
    Move.NOTE: ("Add an internal note", "For staff only: the reporter never sees it."),
    Move.REQUEST_INFO: ("Ask the reporter for more information", "Your question is emailed to the reporter."),
    Move.REASSIGN: ("Pass it to someone else", "Hand it to another person who handles this stage."),
    Move.ESCALATE: ("Escalate now", "Send it straight to the next step (for something serious)."),
    Move.RESOLVE: ("Resolve", "Close it as resolved, with a note to the reporter."),
    Move.RECORD_PANEL: ("Record the panel", "The date and members of the governors' panel."),
    Move.RECORD_OUTCOME: ("Record the outcome", "The panel's decision and the letter to the reporter. This closes it."),
    Move.CORRECT: (
        "Correct the categories, class or member of staff",
        "What the reporter wrote stays as it is; the correction and its reason are kept in the timeline. "
        "A report about someone who would handle it goes past them.",
    ),
}

# move: (button, what it means to the person who made the report)
REPORTER_TEXT = {
    Move.ADD_INFO: (
        "Add information",
        "Add something you have remembered or found since. The staff handling it are told.",
    ),
    Move.ESCALATE: (
        "Escalate to the next step",
        "If you are not satisfied, or no one has responded in time, {next} will look at it.",
    ),
    Move.RESOLVE: ("I am satisfied", "Mark the report resolved. Nothing more will be done."),
    Move.WITHDRAW: ("Withdraw the report", "Stop the report: staff will not act on it further. This cannot be undone."),
}

NEXT_STAGE_WORDS = {
    Stage.CLASS_TEACHER: "the school office and the leadership team",
    Stage.OFFICE_LEADERSHIP: "the governors, under the complaints procedure,",
}


def describe(move, roles, stage):
    """(button, meaning) for ``move`` as this person sees it."""
    if Role.REPORTER in roles and move in REPORTER_TEXT:
        button, meaning = REPORTER_TEXT[move]
    else:
        button, meaning = STAFF_TEXT[move]
    return button, meaning.format(next=NEXT_STAGE_WORDS.get(stage, "the next step"))


def form_for(move, report, note_required, data=None):
    return FORMS.get(move, MoveForm)(data, report=report, note_required=note_required, prefix=move)
