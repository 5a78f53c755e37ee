import datetime

from reports.deadlines import DueFor, Figures, next_deadline
from reports.ladder import Stage, Status
from reports.schooldays import SchoolCalendar

D = datetime.date
CALENDAR = SchoolCalendar([(D(2026, 12, 19), D(2027, 1, 4))])
FIGURES = Figures()
MONDAY_14_DECEMBER = D(2026, 12, 14)


def deadline(stage, status, entered_on=MONDAY_14_DECEMBER, responded_on=None, panel_on=None, urgent=False,
             revised=None):  # fmt: skip
    return next_deadline(
        stage, status, entered_on=entered_on, responded_on=responded_on, panel_on=panel_on,
        calendar=CALENDAR, figures=FIGURES, urgent=urgent, revised=revised,
    )  # fmt: skip


def test_a_new_report_must_be_acknowledged_within_five_school_days():
    due = deadline(Stage.CLASS_TEACHER, Status.NEW)
    assert (due.due_for, due.due_on) == (DueFor.ACKNOWLEDGE, D(2027, 1, 5))


def test_an_acknowledged_report_must_be_answered_within_ten_school_days_of_arriving():
    due = deadline(Stage.OFFICE_LEADERSHIP, Status.ACKNOWLEDGED)
    assert (due.due_for, due.due_on) == (DueFor.RESPOND, D(2027, 1, 12))
    assert due.is_overdue(D(2027, 1, 13)) and not due.is_overdue(D(2027, 1, 12))


def test_after_a_response_the_reporter_has_ten_school_days_to_escalate():
    due = deadline(Stage.CLASS_TEACHER, Status.RESPONDED, responded_on=D(2026, 11, 24))
    assert (due.due_for, due.due_on) == (DueFor.ESCALATE, D(2026, 12, 8))
    assert not due.is_holders and not due.is_overdue(D(2027, 6, 1))


def test_the_governors_panel_meets_within_twenty_school_days_then_the_outcome_follows():
    panel = deadline(Stage.GOVERNORS, Status.ACKNOWLEDGED, entered_on=D(2027, 1, 5))
    assert (panel.due_for, panel.due_on) == (DueFor.PANEL, D(2027, 2, 2))
    outcome = deadline(Stage.GOVERNORS, Status.ACKNOWLEDGED, entered_on=D(2027, 1, 5), panel_on=D(2027, 1, 20))
    assert (outcome.due_for, outcome.due_on) == (DueFor.OUTCOME, D(2027, 1, 27))  # five school days after it meets


def test_an_urgent_report_has_shorter_deadlines_below_the_governors():
    acknowledge = deadline(Stage.CLASS_TEACHER, Status.NEW, entered_on=D(2027, 1, 5), urgent=True)
    assert (acknowledge.due_for, acknowledge.due_on) == (DueFor.ACKNOWLEDGE, D(2027, 1, 6))
    respond = deadline(Stage.OFFICE_LEADERSHIP, Status.ACKNOWLEDGED, entered_on=D(2027, 1, 5), urgent=True)
    assert (respond.due_for, respond.due_on) == (DueFor.RESPOND, D(2027, 1, 12))
    assert deadline(Stage.GOVERNORS, Status.NEW, entered_on=D(2027, 1, 5), urgent=True).due_on == D(2027, 1, 12)


def test_a_date_the_holder_set_stands_for_that_step_only():
    from reports.deadlines import Deadline

    later = Deadline(DueFor.RESPOND, D(2027, 2, 1))
    revised = deadline(Stage.CLASS_TEACHER, Status.ACKNOWLEDGED, entered_on=D(2027, 1, 5), revised=later)
    assert revised == later
    # Once the step is another one (it was acknowledged; now a response is due), the revision no longer applies.
    assert deadline(Stage.CLASS_TEACHER, Status.NEW, entered_on=D(2027, 1, 5), revised=later).due_for == "acknowledge"


def test_nothing_is_due_once_it_has_ended():
    for status in (Status.RESOLVED, Status.WITHDRAWN, Status.CLOSED):
        assert deadline(Stage.CLASS_TEACHER, status) is None


def test_the_figures_are_settings(settings):
    settings.DEADLINE_ACKNOWLEDGE_DAYS = 2
    assert Figures.from_settings(settings).acknowledge_days == 2
