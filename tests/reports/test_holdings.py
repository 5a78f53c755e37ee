"""Who holds a report: one definition (routing.holders_for), written down, and kept up to date as people change."""

from accounts.models import StaffGroup
from reports.holdings import current_holders
from reports.ladder import Stage
from reports.models import Report
from reports.reminders import queue_deadline_reminders
from tests.conftest import make_user

from .factories import make_report


def queue_of(client, person):
    client.force_login(person)
    return {report.reference for report in client.get("/queue/").context["reports"]}


def test_a_report_about_the_only_office_member_is_held_and_queued_by_the_leadership_team(client, parent, office, head):
    report = make_report(parent, concerns_staff=office)
    assert report.stage == Stage.OFFICE_LEADERSHIP
    assert current_holders(report) == [head]
    assert queue_of(client, head) == {report.reference}
    assert queue_of(client, office) == set()


def test_the_holders_are_the_ones_reminded(parent, school_class, teacher, office):
    import datetime

    report = make_report(parent, school_class=school_class, today=datetime.date(2026, 11, 2))
    from notifications.models import Notification

    queue_deadline_reminders(report.due_on)
    assert set(Notification.objects.filter(template="report-reminder").values_list("recipient", flat=True)) == {
        teacher.pk
    }


def test_a_teacher_taken_off_the_class_stops_holding_its_reports_and_a_new_one_starts(
    client, parent, school_class, teacher, office
):
    report = make_report(parent, school_class=school_class)
    newcomer = make_user("newcomer@example.org", StaffGroup.TEACHERS)
    school_class.teachers.add(newcomer)
    assert set(current_holders(report)) == {teacher, newcomer}
    school_class.teachers.remove(teacher)
    assert current_holders(report) == [newcomer]
    client.force_login(teacher)
    assert client.get(f"/reports/{report.reference}/").status_code == 404  # left the role: no view kept


def test_when_the_office_is_empty_the_leadership_team_holds_stage_two_and_not_after(parent, teacher, head):
    report = make_report(teacher)  # staff reports start at stage 2
    assert current_holders(report) == [head]
    office = make_user("office@example.org", StaffGroup.OFFICE, is_staff=True)
    assert current_holders(report) == [office]
    office.is_active = False
    office.save()
    assert current_holders(report) == [head]


def test_the_person_who_made_a_report_never_holds_it(office, head):
    report = make_report(office)  # the office's own report, at the office's stage
    assert office not in current_holders(report)
    assert current_holders(report) == [head]
    assert Report.objects.held_by(office).count() == 0


def test_a_teacher_the_directory_import_adds_holds_the_class_reports_at_once(parent, school_class, office, tmp_path):
    from django.core.management import call_command

    report = make_report(parent, school_class=school_class)
    csv = tmp_path / "directory.csv"
    csv.write_text("class,year_group,teacher_email,teacher_name\nRobins,Year 1,new.teacher@example.org,Nat New\n")
    call_command("import_school", str(csv), verbosity=0)
    assert [person.email for person in current_holders(report)] == ["new.teacher@example.org"]
