"""The pages staff and parents open most ask the database a fixed, small number of questions, whatever the data."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import StaffGroup
from reports.ladder import Move
from reports.services import apply_move
from tests.conftest import make_user
from tests.reports.factories import make_report


def queries_for(client, url):
    client.get(url)  # the first visit fills the cache of small tables and saves the session
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries)


def test_opening_a_report_asks_the_same_questions_for_two_events_or_twenty_and_one_colleague_or_fifteen(
    client, parent, school_class, teacher
):
    report = make_report(parent, school_class=school_class)
    client.force_login(teacher)
    few = queries_for(client, report.get_absolute_url())
    for number in range(18):
        apply_move(report, actor=teacher, move=Move.NOTE, note=f"Note {number}.")
    for number in range(14):
        make_user(f"teacher{number}@example.org", StaffGroup.TEACHERS, full_name=f"Teacher {number}")
    many = queries_for(client, report.get_absolute_url())
    assert many == few
    assert many <= 13


def test_the_queue_and_my_reports_ask_fewer_than_ten_questions(client, parent, school_class, teacher):
    for number in range(30):
        make_report(parent, school_class=school_class, description=f"Comment {number}.")
    client.force_login(teacher)
    assert queries_for(client, "/queue/") < 10
    client.force_login(parent)
    assert queries_for(client, "/reports/") < 10
    assert queries_for(client, make_report(parent).get_absolute_url()) < 10


def test_sending_the_report_form_asks_as_many_questions_for_five_people_told_as_for_three(
    client, parent, school_class, teacher, head, django_capture_on_commit_callbacks, mailoutbox
):
    from django.db.models import Count

    from notifications.models import Notification
    from policy.models import Category
    from tests.reports.factories import form_data

    urgent = Category.objects.get(number=7)  # the leadership team is told too
    client.force_login(parent)

    def submit(number):
        data = form_data(school_class=str(school_class.pk), categories=[str(urgent.pk)])
        data["description"] = f"Report {number}."
        with django_capture_on_commit_callbacks(execute=True), CaptureQueriesContext(connection) as queries:
            response = client.post("/reports/new/?child_at_risk=no", data)
        assert response.status_code == 302
        return [query["sql"] for query in queries.captured_queries]

    submit(0)  # the first fills the cache of small tables
    three = submit(1)  # the class teacher, the headteacher, the parent
    for number in range(2):
        make_user(f"leader{number}@example.org", StaffGroup.LEADERSHIP, full_name=f"Leader {number}")
    submit(2)  # the staff table read again, after the change of staff
    five = submit(3)
    assert len(five) == len(three) <= 13
    # Routing reads who is in which group and teaches which class from the small tables, not the database.
    assert not [sql for sql in five if "auth_group" in sql or "schoolclass_teachers" in sql]
    told = Notification.objects.filter(report__description="Report 3.").values_list("to_email", "template")
    assert sorted(told) == [
        ("head@example.org", "report-urgent"),
        ("leader0@example.org", "report-urgent"),
        ("leader1@example.org", "report-urgent"),
        ("parent@example.org", "report-received"),
        ("teacher@example.org", "report-assigned"),
    ]
    assert sorted(message.to[0] for message in mailoutbox[-5:]) == [address for address, _template in sorted(told)]
    sent = Notification.objects.values("status").annotate(rows=Count("pk"))
    assert list(sent) == [{"status": Notification.Status.SENT, "rows": 3 + 3 + 5 + 5}]
