"""The complaints procedure's rules: deadlines by urgency, a new date with its reason, the time limit, other
procedures, linked matters and a procedure already completed."""

import datetime

import pytest
from django.utils import timezone

from notifications.models import Notification
from policy.models import Category
from reports.ladder import LadderError, Move, Stage, Status
from reports.models import Report
from reports.services import apply_move, months_before
from reports.standing import where_it_stands
from school.models import Holiday

from .factories import make_report

MONDAY = datetime.date(2026, 11, 23)


@pytest.fixture
def report(parent, school_class, teacher, office, head):
    return make_report(parent, school_class=school_class, today=MONDAY)


def email_to(person, event):
    return Notification.objects.get(recipient=person, event=event)


# --- deadlines -----------------------------------------------------------------------------------


def test_an_urgent_report_is_acknowledged_next_school_day_and_answered_within_five(parent, school_class, teacher):
    urgent = make_report(parent, school_class=school_class, today=MONDAY, categories=[Category.objects.get(number=1)])
    assert (urgent.due_for, urgent.due_on) == ("acknowledge", datetime.date(2026, 11, 24))
    urgent = apply_move(urgent, actor=teacher, move=Move.ACKNOWLEDGE, today=MONDAY)
    assert (urgent.due_for, urgent.due_on) == ("respond", datetime.date(2026, 11, 30))


def test_an_ordinary_report_gets_five_school_days_then_ten(report, teacher):
    assert (report.due_for, report.due_on) == ("acknowledge", datetime.date(2026, 11, 30))
    report = apply_move(report, actor=teacher, move=Move.ACKNOWLEDGE, today=MONDAY)
    assert (report.due_for, report.due_on) == ("respond", datetime.date(2026, 12, 7))


def test_the_deadlines_are_settings(settings, parent, school_class, teacher):
    settings.DEADLINE_URGENT_ACKNOWLEDGE_DAYS, settings.DEADLINE_ACKNOWLEDGE_DAYS = 2, 3
    urgent = make_report(parent, school_class=school_class, today=MONDAY, categories=[Category.objects.get(number=7)])
    calm = make_report(parent, school_class=school_class, today=MONDAY)
    assert (urgent.due_on, calm.due_on) == (datetime.date(2026, 11, 25), datetime.date(2026, 11, 26))


# --- a new date --------------------------------------------------------------------------------


def test_the_holder_sets_a_new_date_with_a_reason_and_the_parent_is_told(report, teacher, parent):
    report = apply_move(report, actor=teacher, move=Move.ACKNOWLEDGE, today=MONDAY)
    report = apply_move(
        report, actor=teacher, move=Move.EXTEND_DEADLINE, today=MONDAY, due_on=datetime.date(2026, 12, 14),
        note="The group's admin is away until the 10th.", staff_note="Chased twice already.",
    )  # fmt: skip
    assert (report.due_for, report.due_on) == ("respond", datetime.date(2026, 12, 14))
    event = report.events.latest("pk")
    assert event.changes == {"deadline": {"from": "2026-12-07", "to": "2026-12-14"}}
    email = email_to(parent, event)
    assert email.subject == f"Your report {report.reference}: a new date for the next step"
    assert "The group's admin is away until the 10th." in email.body_text
    assert "Chased twice already." not in email.body_text
    assert "will reply by Monday 14 December" in email.body_text
    assert "will reply by Monday 14 December" in where_it_stands(report)


@pytest.mark.parametrize(
    ("due_on", "message"),
    [
        (datetime.date(2026, 12, 4), "Choose a date after the present deadline."),
        (datetime.date(2026, 12, 12), "Choose a school day"),  # a Saturday
        (datetime.date(2026, 12, 21), "Choose a school day"),  # the Christmas holiday
    ],
)
def test_a_new_date_must_be_a_later_school_day(report, teacher, due_on, message):
    Holiday.objects.create(name="Christmas", start_date=datetime.date(2026, 12, 21), end_date=datetime.date(2027, 1, 1))
    report = apply_move(report, actor=teacher, move=Move.ACKNOWLEDGE, today=MONDAY)
    with pytest.raises(LadderError, match=message):
        apply_move(report, actor=teacher, move=Move.EXTEND_DEADLINE, today=MONDAY, due_on=due_on, note="Away.")
    report.refresh_from_db()
    assert report.due_on == datetime.date(2026, 12, 7)


def test_a_new_date_lasts_only_while_that_step_is_due(report, teacher):
    report = apply_move(report, actor=teacher, move=Move.EXTEND_DEADLINE, today=MONDAY,
                        due_on=datetime.date(2026, 12, 2), note="Training all week.")  # fmt: skip
    assert report.due_on == datetime.date(2026, 12, 2)
    report = apply_move(report, actor=teacher, move=Move.ACKNOWLEDGE, today=datetime.date(2026, 12, 2))
    assert (report.due_for, report.due_on) == ("respond", datetime.date(2026, 12, 7))


# --- the time limit --------------------------------------------------------------------------------


def test_a_report_about_something_long_ago_is_flagged_and_staff_accept_it_with_a_reason(
    client, parent, school_class, teacher
):
    late = make_report(parent, school_class=school_class, today=MONDAY, occurred_on=datetime.date(2026, 8, 1))
    assert late.is_late
    client.force_login(teacher)
    page = client.get(late.get_absolute_url()).content.decode()
    assert "more than 3 months before it was reported" in page
    assert "Accept it although it was made late" in page
    client.force_login(parent)
    assert (
        "The school will decide whether it can still look at it" in client.get(late.get_absolute_url()).content.decode()
    )

    late = apply_move(late, actor=teacher, move=Move.ACCEPT_LATE, note="The posts only came to light last week.")
    assert late.late_accepted and late.status == Status.NEW
    assert not Notification.objects.filter(event=late.events.latest("pk"), recipient=parent).exists()
    with pytest.raises(LadderError, match="decided already"):
        apply_move(late, actor=teacher, move=Move.DECLINE_LATE, note="Too late.")


def test_staff_may_close_a_late_report_explaining_why(parent, school_class, teacher):
    late = make_report(parent, school_class=school_class, today=MONDAY, occurred_on=datetime.date(2026, 7, 1))
    late = apply_move(
        late, actor=teacher, move=Move.DECLINE_LATE, today=MONDAY,
        note="This happened in June; the school's procedure asks for complaints within three months.",
    )  # fmt: skip
    assert (late.status, late.closed_as) == (Status.CLOSED, Report.ClosedAs.OUT_OF_TIME)
    email = email_to(parent, late.events.latest("pk"))
    assert "asks for complaints within three months" in email.body_text
    assert "longer ago than the complaints procedure's time limit" in email.body_text


def test_a_recent_report_is_not_late_and_the_limit_is_a_setting(settings, parent, school_class, teacher):
    recent = make_report(parent, school_class=school_class, today=MONDAY, occurred_on=datetime.date(2026, 8, 24))
    assert not recent.is_late
    with pytest.raises(LadderError):
        apply_move(recent, actor=teacher, move=Move.DECLINE_LATE, note="Too late.")
    settings.COMPLAINT_TIME_LIMIT_MONTHS = 1
    assert make_report(parent, school_class=school_class, today=MONDAY, occurred_on=datetime.date(2026, 10, 22)).is_late


def test_the_report_form_warns_of_the_time_limit_before_it_is_sent(client, parent):
    client.force_login(parent)
    page = client.get("/reports/new/?child_at_risk=no").content.decode()
    assert "The school looks at complaints made within 3 months of what happened" in page
    limit = months_before(timezone.localdate(), 3)
    assert f'data-time-limit="{limit.isoformat()}"' in page
    assert 'id="late-warning"' in page and "hidden" in page.split('id="late-warning"')[1][:80]


# --- other procedures ------------------------------------------------------------------------------


def test_the_report_form_names_the_other_procedures_and_where_to_go(client, parent, settings):
    settings.OTHER_PROCEDURES = {
        **settings.OTHER_PROCEDURES,
        "admissions": "Northshire County Council's admissions team",
    }
    client.force_login(parent)
    page = client.get("/reports/new/?child_at_risk=no").content.decode()
    for words in ("School admissions", "Northshire County Council&#x27;s admissions team", "Exclusions",
                  "Whistleblowing", "special educational needs"):  # fmt: skip
        assert words in page, words


def test_staff_close_a_report_handled_under_another_procedure_and_the_parent_is_told_where_to_go(
    report, teacher, parent
):
    report = apply_move(report, actor=teacher, move=Move.OTHER_PROCEDURE, procedure="exclusions",
                        note="Exclusions are reviewed by the governing board, not under this procedure.")  # fmt: skip
    assert (report.status, report.closed_as, report.other_procedure) == (Status.CLOSED, "other_procedure", "exclusions")
    email = email_to(parent, report.events.latest("pk"))
    assert "a matter for another procedure (Exclusions)" in email.body_text
    assert "the governing board's review of the exclusion" in email.body_text


def test_another_procedure_must_be_one_the_school_names(report, teacher):
    with pytest.raises(LadderError, match="Choose the procedure"):
        apply_move(report, actor=teacher, move=Move.OTHER_PROCEDURE, procedure="astrology", note="No.")


# --- serial and campaign complaints ----------------------------------------------------------------


def test_a_report_about_the_same_matter_is_linked_to_the_earlier_one(
    report, parent, other_parent, school_class, teacher
):
    campaign = make_report(other_parent, school_class=school_class, description="Same thread, forwarded to me.")
    campaign = apply_move(campaign, actor=teacher, move=Move.LINK, linked_reference=report.reference.lower(),
                          note="We are already looking into this thread and will reply to you too.")  # fmt: skip
    assert (campaign.status, campaign.closed_as, campaign.linked_to) == (Status.CLOSED, "linked", report)
    email = email_to(other_parent, campaign.events.latest("pk"))
    assert "the same matter as an earlier report" in email.body_text
    assert report.reference not in email.body_text  # another family's report


def test_a_link_needs_a_report_the_member_of_staff_can_open(report, parent, teacher, other_class):
    elsewhere = make_report(parent, school_class=other_class)
    with pytest.raises(LadderError, match="a report you can open"):
        apply_move(report, actor=teacher, move=Move.LINK, linked_reference=elsewhere.reference, note="Same.")
    with pytest.raises(LadderError, match="a report you can open"):
        apply_move(report, actor=teacher, move=Move.LINK, linked_reference=report.reference, note="Itself.")


def test_a_matter_through_the_whole_procedure_is_not_reopened(parent, other_parent, school_class, teacher, head,
                                                              decided):  # fmt: skip
    again = make_report(other_parent, school_class=school_class, description="The same complaint again.")
    with pytest.raises(LadderError, match="link it instead"):
        unfinished = make_report(parent, school_class=school_class)
        apply_move(again, actor=teacher, move=Move.PROCEDURE_COMPLETED, linked_reference=unfinished.reference,
                   note="Done.")  # fmt: skip
    again = apply_move(again, actor=teacher, move=Move.PROCEDURE_COMPLETED, linked_reference=decided.reference,
                       note="The governors' panel decided this matter in December.")  # fmt: skip
    assert (again.status, again.closed_as) == (Status.CLOSED, "procedure_completed")
    email = email_to(other_parent, again.events.latest("pk"))
    assert "already been through the whole complaints procedure" in email.body_text
    assert "School Complaints Unit" in email.body_text


@pytest.fixture
def decided(parent, school_class, teacher, head, clerk, governor, panel_people):
    """A complaint the governors' panel has decided."""
    report = make_report(parent, school_class=school_class, today=MONDAY)
    report = apply_move(report, actor=teacher, move=Move.ESCALATE, note="For the office.", today=MONDAY)
    report = apply_move(report, actor=head, move=Move.ESCALATE, note="For the governors.", today=MONDAY)
    report = apply_move(report, actor=clerk, move=Move.RECORD_PANEL, today=MONDAY, panel_on=MONDAY, **panel_people)
    return apply_move(report, actor=clerk, move=Move.RECORD_OUTCOME, today=MONDAY, outcome="not_upheld",
                      findings="The posts were fair comment.", action_taken="None needed.", note="Letter.")  # fmt: skip


# --- waiting for the parent ------------------------------------------------------------------------


def test_a_question_makes_it_wait_for_the_parent_until_they_answer(client, report, teacher, parent):
    report = apply_move(report, actor=teacher, move=Move.REQUEST_INFO, note="Which group was it posted in?")
    assert report.awaiting_reporter
    email = email_to(parent, report.events.latest("pk"))
    assert email.subject == f"Your report {report.reference}: the class teacher has a question for you"
    assert "Waiting for you: the class teacher asked you a question on" in email.body_text
    client.force_login(parent)
    for url in (report.get_absolute_url(), "/reports/"):
        assert "Waiting for you: the class teacher asked you a question on" in client.get(url).content.decode(), url

    report = apply_move(report, actor=parent, move=Move.ADD_INFO, note="The Year 1 parents group.")
    assert not report.awaiting_reporter
    assert where_it_stands(report).startswith("With the class teacher, who will acknowledge it by")


def test_the_parent_is_told_who_really_holds_it(report, teacher, parent, office):
    report = apply_move(report, actor=teacher, move=Move.ESCALATE, note="This needs the office.")
    email = email_to(parent, report.events.latest("pk"))
    assert email.subject == f"Your report {report.reference} has gone to the school office"
    assert "With the school office, who will acknowledge it by" in email.body_text
    assert "Class teacher" not in email.body_text


def test_the_parent_may_escalate_once_the_response_is_overdue_counting_urgency_and_a_new_date(
    parent, school_class, teacher, office
):
    urgent = make_report(parent, school_class=school_class, today=MONDAY, categories=[Category.objects.get(number=8)])
    with pytest.raises(LadderError, match="once the deadline for a response has passed"):
        apply_move(urgent, actor=parent, move=Move.ESCALATE, note="No reply.", today=datetime.date(2026, 11, 30))
    apply_move(urgent, actor=parent, move=Move.ESCALATE, note="No reply.", today=datetime.date(2026, 12, 1))

    calm = make_report(parent, school_class=school_class, today=MONDAY)
    calm = apply_move(calm, actor=teacher, move=Move.ACKNOWLEDGE, today=MONDAY)
    calm = apply_move(calm, actor=teacher, move=Move.EXTEND_DEADLINE, today=MONDAY, due_on=datetime.date(2026, 12, 11),
                      note="Waiting for the group's admin.")  # fmt: skip
    with pytest.raises(LadderError, match="once the deadline for a response has passed"):
        apply_move(calm, actor=parent, move=Move.ESCALATE, note="No reply.", today=datetime.date(2026, 12, 11))
    calm = apply_move(calm, actor=parent, move=Move.ESCALATE, note="No reply.", today=datetime.date(2026, 12, 14))
    assert calm.stage == Stage.OFFICE_LEADERSHIP
