"""Where a report goes, and who is told. Through submit_report, as a parent's report would go."""

import pytest

from notifications.models import Notification
from policy.models import Category
from reports.ladder import Stage
from reports.models import Report
from tests.conftest import make_user

from .factories import make_report


def told(report, template=None):
    rows = Notification.objects.filter(report=report)
    if template:
        rows = rows.filter(template=template)
    return sorted(rows.values_list("recipient__email", flat=True))


@pytest.fixture
def staff(teacher, office, head, governor):
    return {"teacher": teacher, "office": office, "head": head, "governor": governor}


def test_a_report_naming_a_class_goes_to_its_teachers(parent, school_class, staff):
    second_teacher = make_user("teacher2@example.org", "Teachers")
    school_class.teachers.add(second_teacher)
    report = make_report(parent, school_class=school_class)
    assert (report.stage, report.assignee) == (Stage.CLASS_TEACHER, None)
    assert told(report, "report-assigned") == ["teacher2@example.org", "teacher@example.org"]
    assert told(report, "report-received") == ["parent@example.org"]
    assert list(Report.objects.held_by(staff["teacher"])) == [report]
    assert list(Report.objects.held_by(staff["office"])) == []


def test_a_class_teacher_in_no_staff_group_and_one_who_has_left(parent, school_class, staff):
    """Routing reads the staff from a small table of the staff groups' members; a class's teacher in none of the
    groups is read from the database, and one who has left is nobody's to route to."""
    ungrouped = make_user("teacher2@example.org", full_name="Una Grouped")
    school_class.teachers.add(ungrouped)
    assert told(make_report(parent, school_class=school_class), "report-assigned") == [
        "teacher2@example.org", "teacher@example.org"
    ]  # fmt: skip
    staff["teacher"].is_active = False
    staff["teacher"].save()
    assert told(make_report(parent, school_class=school_class), "report-assigned") == ["teacher2@example.org"]
    ungrouped.is_active = False
    ungrouped.save()
    assert told(make_report(parent, school_class=school_class), "report-assigned") == ["office@example.org"]


def test_a_report_naming_no_class_goes_to_the_office(parent, staff):
    report = make_report(parent)
    assert report.stage == Stage.CLASS_TEACHER
    assert told(report, "report-assigned") == ["office@example.org"]
    assert list(Report.objects.held_by(staff["office"])) == [report]
    assert list(Report.objects.held_by(staff["teacher"])) == []


def test_a_member_of_staffs_report_starts_with_the_office(teacher, staff, school_class):
    report = make_report(teacher, school_class=school_class)
    assert report.stage == Stage.OFFICE_LEADERSHIP
    assert told(report, "report-assigned") == ["office@example.org"]


def test_urgent_categories_alert_the_leadership_team_at_once(parent, school_class, staff):
    images = Category.objects.get(number=1)
    report = make_report(parent, school_class=school_class, categories=[images])
    assert report.is_urgent
    assert report.stage == Stage.CLASS_TEACHER
    assert told(report, "report-urgent") == ["head@example.org"]
    calm = make_report(parent, school_class=school_class)
    assert not calm.is_urgent and told(calm, "report-urgent") == []


def test_a_report_about_the_class_teacher_goes_past_them_to_the_office(parent, school_class, staff):
    report = make_report(parent, school_class=school_class, concerns_staff=staff["teacher"])
    assert report.stage == Stage.OFFICE_LEADERSHIP
    assert "teacher@example.org" not in told(report)
    assert list(Report.objects.held_by(staff["teacher"])) == []


def test_a_report_about_the_headteacher_goes_straight_to_the_chair_of_governors(parent, school_class, staff):
    other_governor = make_user("governor2@example.org", "Governors")
    report = make_report(parent, school_class=school_class, concerns_staff=staff["head"])
    assert (report.stage, report.assignee) == (Stage.GOVERNORS, staff["governor"])
    assert told(report, "report-assigned") == ["governor@example.org"]
    assert list(Report.objects.held_by(staff["governor"])) == [report]
    assert list(Report.objects.held_by(other_governor)) == []


def test_an_urgent_report_about_the_headteacher_does_not_alert_them(parent, school_class, staff):
    threats = Category.objects.get(number=7)
    report = make_report(parent, school_class=school_class, categories=[threats], concerns_staff=staff["head"])
    assert "head@example.org" not in told(report)


def test_the_person_a_report_concerns_cannot_open_it(client, parent, school_class, staff):
    report = make_report(parent, school_class=school_class, concerns_staff=staff["office"])
    client.force_login(staff["office"])
    assert client.get(report.get_absolute_url()).status_code == 404


def test_a_report_about_the_only_office_member_goes_to_the_leadership_team(parent, office, head, governor):
    report = make_report(parent, concerns_staff=office)
    assert report.stage == Stage.OFFICE_LEADERSHIP
    assert told(report, "report-assigned") == ["head@example.org"]


def test_with_no_office_staff_the_leadership_team_holds_stage_two(teacher, head, governor):
    report = make_report(teacher)
    assert report.stage == Stage.OFFICE_LEADERSHIP
    assert list(Report.objects.held_by(head)) == [report]
