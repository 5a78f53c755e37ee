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
