"""Each move through reports.services.apply_move: what changes, what is recorded, who is told."""

import datetime

import pytest

from conduct_portal.append_only import AppendOnlyError
from notifications.models import Notification
from policy.models import Category
from reports.ladder import LadderError, Move, Stage, Status
from reports.models import ReportEvent
from reports.services import apply_move
from school.models import Holiday

from .factories import make_report

MONDAY = datetime.date(2026, 11, 23)


@pytest.fixture
def report(parent, school_class, teacher, office, head, governor):
    return make_report(parent, school_class=school_class, today=MONDAY)


def told(event):
    return sorted(Notification.objects.filter(event=event).values_list("recipient__email", "template"))


def last_event(report):
    return report.events.order_by("-pk").first()


def test_acknowledge_sets_the_response_deadline(report, teacher):
    report = apply_move(report, actor=teacher, move=Move.ACKNOWLEDGE, today=MONDAY)
    assert (report.stage, report.status) == (Stage.CLASS_TEACHER, Status.ACKNOWLEDGED)
    assert (report.due_for, report.due_on) == ("respond", datetime.date(2026, 12, 7))
    event = last_event(report)
    assert (event.actor, event.from_status, event.to_status) == (teacher, Status.NEW, Status.ACKNOWLEDGED)


def test_respond_tells_the_reporter_with_the_note_and_opens_the_escalation_window(report, teacher, mailoutbox):
    report = apply_move(report, actor=teacher, move=Move.RESPOND, note="We have spoken to the group.", today=MONDAY)
    assert report.status == Status.RESPONDED
    assert report.responded_on == MONDAY
    assert (report.due_for, report.due_on) == ("escalate", datetime.date(2026, 12, 7))
    event = last_event(report)
    assert event.visible_to_reporter
    assert told(event) == [("parent@example.org", "report-update")]


def test_a_response_needs_a_note(report, teacher):
    with pytest.raises(LadderError, match="Please write a note"):
        apply_move(report, actor=teacher, move=Move.RESPOND, note="   ")
    report.refresh_from_db()
    assert report.status == Status.NEW
    assert report.events.count() == 1


def test_an_internal_note_is_not_for_the_reporter(report, teacher, head):
    apply_move(report, actor=head, move=Move.NOTE, note="Known family; handle gently.")
    event = last_event(report)
    assert not event.visible_to_reporter
    assert told(event) == []


def test_the_reporter_escalates_after_a_response_to_the_office(report, teacher, parent):
    apply_move(report, actor=teacher, move=Move.RESPOND, note="Answer.", today=MONDAY)
    report = apply_move(report, actor=parent, move=Move.ESCALATE, note="Still happening.", today=MONDAY)
    assert (report.stage, report.status, report.assignee) == (Stage.OFFICE_LEADERSHIP, Status.NEW, None)
    assert report.stage_entered_on == MONDAY and report.responded_on is None
    assert told(last_event(report)) == [
        ("office@example.org", "report-assigned"),
        ("parent@example.org", "report-update"),  # where it went and by when
    ]


def test_the_reporter_cannot_escalate_once_the_window_has_closed(report, teacher, parent):
    apply_move(report, actor=teacher, move=Move.RESPOND, note="Answer.", today=MONDAY)
    with pytest.raises(LadderError, match="time to escalate"):
        apply_move(report, actor=parent, move=Move.ESCALATE, note="Late.", today=datetime.date(2026, 12, 8))


def test_the_reporter_may_escalate_when_no_response_came_in_time(report, parent):
    with pytest.raises(LadderError):
        apply_move(report, actor=parent, move=Move.ESCALATE, note="Nothing yet.", today=datetime.date(2026, 12, 7))
    report = apply_move(report, actor=parent, move=Move.ESCALATE, note="No answer.", today=datetime.date(2026, 12, 8))
    assert report.stage == Stage.OFFICE_LEADERSHIP


def test_a_holiday_moves_the_deadline(parent, school_class, teacher):
    Holiday.objects.create(name="INSET", start_date=datetime.date(2026, 11, 24), end_date=datetime.date(2026, 11, 25))
    report = make_report(parent, school_class=school_class, today=MONDAY)
    assert report.due_on == datetime.date(2026, 12, 2)


def test_the_handler_escalates_at_once(report, teacher):
    report = apply_move(report, actor=teacher, move=Move.ESCALATE, note="Serious.", today=MONDAY)
    assert report.stage == Stage.OFFICE_LEADERSHIP
    assert sorted(told(last_event(report))) == [
        ("office@example.org", "report-assigned"),
        ("parent@example.org", "report-update"),
    ]


def test_the_office_passes_it_to_the_head(report, teacher, office, head):
    apply_move(report, actor=teacher, move=Move.ESCALATE, note="Serious.")
    report = apply_move(report, actor=office, move=Move.REASSIGN, assignee=head)
    assert report.assignee == head
    assert told(last_event(report)) == [("head@example.org", "report-assigned")]
    with pytest.raises(LadderError):
        apply_move(report, actor=office, move=Move.ACKNOWLEDGE)
    apply_move(report, actor=head, move=Move.ACKNOWLEDGE)


def test_a_report_cannot_be_passed_to_someone_outside_the_stage(report, teacher, parent2_like):
    with pytest.raises(LadderError, match="Choose someone who handles this stage"):
        apply_move(report, actor=teacher, move=Move.REASSIGN, assignee=parent2_like)


@pytest.fixture
def parent2_like(other_parent):
    return other_parent


def test_the_reporter_withdraws(report, parent):
    report = apply_move(report, actor=parent, move=Move.WITHDRAW)
    assert report.status == Status.WITHDRAWN and report.ended_on is not None
    assert told(last_event(report)) == []  # nobody is emailed about their own move


def test_a_stale_page_is_refused(report, teacher):
    apply_move(report, actor=teacher, move=Move.ACKNOWLEDGE)
    with pytest.raises(LadderError, match="Someone else has just moved this report"):
        apply_move(report, actor=teacher, move=Move.RESPOND, note="x", seen=(Stage.CLASS_TEACHER, Status.NEW))


def test_a_parent_who_is_not_the_reporter_can_do_nothing(report, other_parent):
    with pytest.raises(LadderError):
        apply_move(report, actor=other_parent, move=Move.WITHDRAW)


def test_events_are_append_only(report):
    event = report.events.get()
    event.note = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        ReportEvent.objects.filter(pk=event.pk).update(note="rewritten")
    with pytest.raises(AppendOnlyError):
        ReportEvent.objects.all().delete()
    assert ReportEvent.objects.get().note == ""


def correct(report, actor, note="Filed under the wrong person.", **corrections):
    return apply_move(report, actor=actor, move=Move.CORRECT, note=note, corrections=corrections)


def test_correcting_whom_it_concerns_re_routes_it_and_keeps_the_reason(report, teacher, head):
    report = correct(report, head, concerns_staff=teacher)
    assert report.stage == Stage.OFFICE_LEADERSHIP
    event = last_event(report)
    assert (event.action, event.note) == (Move.CORRECT, "Filed under the wrong person.")
    assert event.changes == {"concerns_staff": {"from": "", "to": "Terry Teacher"}}
    assert not event.visible_to_reporter
    assert told(event) == [("office@example.org", "report-assigned")]  # the new holders, not the teacher


def test_a_teacher_can_step_aside_but_the_reporter_cannot_choose_whom_it_concerns(report, teacher, parent):
    with pytest.raises(LadderError, match="for the people handling this report"):
        correct(report, parent, concerns_staff=teacher)
    report = correct(report, teacher, concerns_staff=teacher)
    assert report.stage == Stage.OFFICE_LEADERSHIP


def test_a_correction_needs_its_reason_and_a_change(report, teacher):
    with pytest.raises(LadderError, match="Please write a note"):
        correct(report, teacher, note="", concerns_staff=teacher)
    with pytest.raises(LadderError, match="Nothing was changed"):
        correct(report, teacher, categories=list(report.categories.all()))


def test_a_category_that_becomes_urgent_alerts_the_leadership_team(report, teacher, head):
    images = Category.objects.get(number=1)
    report = correct(report, teacher, categories=[images])
    assert report.is_urgent
    event = last_event(report)
    assert event.changes == {"categories": {"from": [2], "to": [1]}}
    assert ("head@example.org", "report-urgent") in told(event)
    # the reporter's own words are untouched
    assert report.description == "Rude comments about a teacher in the class group."
