"""The governors' stage: the clerk arranges a lawful panel, the parent is invited and may bring someone, and
the decision is recorded only once the panel has met, with its findings, recommendations and the action taken."""

import datetime

import pytest
from django.utils import timezone

from governance.rules import panel_problems
from notifications.models import Notification
from reports.ladder import LadderError, Move, Stage, Status
from reports.services import apply_move
from reports.standing import where_it_stands
from tests.reports.factories import make_report

TODAY = timezone.localdate()
LATER = TODAY + datetime.timedelta(days=7)


@pytest.fixture
def complaint(parent, school_class, teacher, office, head, clerk, governor):
    """A complaint about the class teacher, escalated to the governors by the headteacher."""
    report = make_report(parent, school_class=school_class, concerns_staff=teacher)
    assert report.stage == Stage.OFFICE_LEADERSHIP  # past the teacher it is about
    report = apply_move(report, actor=office, move=Move.ESCALATE, note="Needs the governors.")
    assert report.stage == Stage.GOVERNORS
    return report


def arrange(report, clerk, panel_people, *, on=LATER, **changes):
    return apply_move(report, actor=clerk, move=Move.RECORD_PANEL, panel_on=on, **{**panel_people, **changes},
                      note="Please bring any papers you want the panel to read.")  # fmt: skip


def post(client, report, move, **fields):
    report.refresh_from_db()
    data = {f"{move}-seen_stage": report.stage, f"{move}-seen_status": report.status}
    data.update({f"{move}-{name}": value for name, value in fields.items()})
    return client.post(f"/reports/{report.reference}/move/{move}/", data)


# --- the rules, plain ------------------------------------------------------------------------------


class Person:
    def __init__(self, pk, name):
        self.pk, self.name = pk, name

    def __str__(self):
        return self.name


ANN, BEN, IDA = Person(1, "Ann"), Person(2, "Ben"), Person(3, "Ida")


def test_three_with_one_independent_may_sit():
    assert panel_problems([ANN, BEN], [IDA], barred={}, min_members=3, min_independent=1) == []


def test_a_barred_governor_is_named_with_the_reason():
    assert panel_problems(
        [ANN, BEN], [IDA], barred={2: "the report is about them"}, min_members=3, min_independent=1
    ) == ["Ben may not sit: the report is about them."]


def test_a_panel_too_small_or_with_no_independent_member_is_refused_with_each_reason():
    problems = panel_problems([ANN, BEN], [], barred={}, min_members=3, min_independent=1)
    assert problems == [
        "A panel needs at least 3 members; this one has 2.",
        "At least 1 member must be independent of the management and running of the school.",
    ]


def test_the_numbers_are_settings():
    assert panel_problems([ANN, BEN], [IDA], barred={}, min_members=5, min_independent=2) == [
        "A panel needs at least 5 members; this one has 3.",
        "At least 2 members must be independent of the management and running of the school.",
    ]


# --- arranging it ----------------------------------------------------------------------------------


def test_the_clerk_arranges_a_lawful_panel_and_the_parent_is_invited(complaint, clerk, parent, panel_people):
    report = arrange(complaint, clerk, panel_people)
    assert (report.status, report.panel_on) == (Status.ACKNOWLEDGED, LATER)
    assert sorted(report.panel.member_names()) == ["Gemma Third", "Gus Second",
                                                   "Ivy Independent (Another school's governor)"]  # fmt: skip
    email = Notification.objects.get(event=report.events.latest("pk"), recipient=parent)
    day = f"{LATER:%A} {LATER.day} {LATER:%B}"
    assert email.subject == f"Your report {report.reference}: the governors' panel meets on {LATER.day} {LATER:%B}"
    assert f"The governors' panel meets on {day} {LATER.year}" in email.body_text
    assert "bring someone with you" in email.body_text
    assert f"A governors' panel meets on {day}" in where_it_stands(report)


@pytest.mark.parametrize(
    ("who", "reason"),
    [
        ("teacher", "the report is about them"),
        ("head", "the headteacher does not sit on a complaints panel"),
        ("office", "they acted on this report"),
    ],
)
def test_no_one_with_a_part_in_the_matter_may_sit(complaint, clerk, panel_people, request, who, reason):
    person = request.getfixturevalue(who)
    if who == "office":  # a staff governor, who escalated it
        person.groups.add(*panel_people["governors"][0].groups.all())
    with pytest.raises(LadderError, match=f"may not sit: {reason}"):
        arrange(complaint, clerk, panel_people, governors=[*panel_people["governors"], person])
    complaint.refresh_from_db()
    assert complaint.panel_on is None


def test_the_parent_who_complained_may_not_sit(complaint, clerk, parent, panel_people):
    parent.groups.add(*panel_people["governors"][0].groups.all())  # a parent governor
    with pytest.raises(LadderError, match="they made the report"):
        arrange(complaint, clerk, panel_people, governors=[*panel_people["governors"], parent])


def test_a_panel_date_in_the_past_is_refused(complaint, clerk, panel_people):
    with pytest.raises(LadderError, match="today or later"):
        arrange(complaint, clerk, panel_people, on=TODAY - datetime.timedelta(days=1))


def test_an_unlawful_panel_from_the_page_says_what_is_wrong_and_keeps_what_was_chosen(client, complaint, clerk,
                                                                                       panel_people):  # fmt: skip
    client.force_login(clerk)
    governors = panel_people["governors"]
    response = post(client, complaint, Move.RECORD_PANEL, panel_on=LATER.isoformat(),
                    governors=[person.pk for person in governors], note="See you then.")  # fmt: skip
    assert response.status_code == 200
    content = response.content.decode()
    assert "At least 1 member must be independent" in content and "this one has 2" in content
    assert "See you then." in content
    assert content.count("checked") >= 2
    complaint.refresh_from_db()
    assert complaint.panel_on is None


def test_governors_no_longer_hold_the_governors_stage_the_clerk_does(complaint, governor, clerk):
    from reports.models import Report

    assert list(Report.objects.held_by(clerk)) == [complaint]
    assert list(Report.objects.held_by(governor)) == []


# --- the parent's companion ------------------------------------------------------------------------


def test_the_parent_names_who_comes_with_them_once_the_panel_is_arranged(client, complaint, clerk, parent,
                                                                          panel_people):  # fmt: skip
    with pytest.raises(LadderError, match="not possible now"):
        apply_move(complaint, actor=parent, move=Move.NAME_COMPANION, note="My sister, Ruth.")
    report = arrange(complaint, clerk, panel_people)
    report = apply_move(report, actor=parent, move=Move.NAME_COMPANION, note="My sister, Ruth Parent.")
    report.panel.refresh_from_db()
    assert report.panel.companion == "My sister, Ruth Parent."
    client.force_login(clerk)
    assert "My sister, Ruth Parent." in client.get(report.get_absolute_url()).content.decode()


# --- the decision ----------------------------------------------------------------------------------


def record_outcome(report, clerk, **changes):
    fields = {"outcome": "partly_upheld", "findings": "The teacher's post was ill-judged but not malicious.",
              "recommendations": "Training on the staff social media policy.",
              "action_taken": "The post was removed and the teacher has apologised.",
              "note": "Dear Pat, the panel met and decided as follows."}  # fmt: skip
    return apply_move(report, actor=clerk, move=Move.RECORD_OUTCOME, **{**fields, **changes})


def test_the_decision_cannot_be_recorded_before_the_panel_meets(client, complaint, clerk, panel_people):
    report = arrange(complaint, clerk, panel_people)
    with pytest.raises(LadderError, match="only on or after the day the panel meets"):
        record_outcome(report, clerk)
    client.force_login(clerk)
    page = client.get(report.get_absolute_url()).content.decode()
    assert 'id="waiting-for-the-panel"' in page and "the day the panel meets" in page
    assert 'id="move-record_outcome"' not in page
    assert post(client, report, Move.RECORD_OUTCOME, outcome="upheld", findings="x", action_taken="y",
                note="z").status_code == 302  # fmt: skip
    report.refresh_from_db()
    assert report.status == Status.ACKNOWLEDGED and not report.outcome


def test_on_the_panels_day_the_decision_goes_to_the_parent_and_the_findings_to_the_head(
    complaint, clerk, parent, head, panel_people
):
    report = arrange(complaint, clerk, panel_people, on=TODAY)
    report = record_outcome(report, clerk)
    assert (report.status, report.outcome) == (Status.CLOSED, "partly_upheld")
    event = report.events.latest("pk")
    to_parent = Notification.objects.get(event=event, recipient=parent)
    assert to_parent.subject == f"Your report {report.reference}: the governors' panel has decided"
    for words in ("Partly upheld", "ill-judged but not malicious", "Training on the staff social media policy",
                  "has apologised", "ends the school's complaints procedure", "School Complaints Unit"):  # fmt: skip
        assert words in to_parent.body_text, words
    to_head = Notification.objects.get(event=event, recipient=head)
    assert to_head.template == "panel-findings"
    assert "concerns Terry Teacher" in to_head.body_text and "ill-judged" in to_head.body_text
    assert "Terry" not in to_head.subject


def test_findings_about_the_headteacher_go_to_the_chair(parent, school_class, teacher, office, head, clerk, governor,
                                                        panel_people):  # fmt: skip
    report = make_report(parent, school_class=school_class, concerns_staff=head)
    assert (report.stage, report.assignee) == (Stage.GOVERNORS, governor)  # straight to the chair
    report = apply_move(report, actor=governor, move=Move.REASSIGN, assignee=clerk, note="For a panel.")
    report = record_outcome(arrange(report, clerk, panel_people, on=TODAY), clerk)
    told = set(Notification.objects.filter(event=report.events.latest("pk")).values_list("recipient__email",
                                                                                           flat=True))  # fmt: skip
    assert "governor@example.org" in told and "head@example.org" not in told


def test_the_decision_needs_its_outcome_and_the_action_taken(complaint, clerk, panel_people):
    report = arrange(complaint, clerk, panel_people, on=TODAY)
    with pytest.raises(LadderError, match="upheld, partly upheld or not upheld"):
        record_outcome(report, clerk, outcome="maybe")
    with pytest.raises(LadderError, match="whatever the outcome"):
        record_outcome(report, clerk, action_taken="  ")


@pytest.mark.parametrize(
    ("school_type", "words"),
    [("maintained", "School Complaints Unit"), ("academy", "looks at complaints about academies")],
)
def test_the_letter_names_the_next_step_after_the_school_by_its_type(settings, complaint, clerk, panel_people,
                                                                     school_type, words):  # fmt: skip
    settings.SCHOOL_TYPE = school_type
    report = record_outcome(arrange(complaint, clerk, panel_people, on=TODAY), clerk)
    assert words in where_it_stands(report)
