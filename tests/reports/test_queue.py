"""The staff queue: search, sort, the open and closed views, category names, and the CSV of what is shown."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from accounts.models import StaffGroup
from policy.models import Category
from reports.ladder import Move
from reports.models import Report
from reports.services import apply_move
from tests.conftest import make_user

from .factories import make_report


@pytest.fixture
def reports(parent, school_class, other_class, teacher, head):
    other_class.teachers.add(teacher)
    made = {
        "rude": make_report(
            parent, school_class=school_class, description="Rude remarks about a lunchtime supervisor."
        ),
        "photos": make_report(
            parent,
            school_class=other_class,
            description="Photos from sports day were posted.",
            categories=[Category.objects.get(number=1)],
        ),  # fmt: skip
        "older": make_report(
            parent,
            school_class=school_class,
            description="A heated thread about homework.",
            today=timezone.localdate() - datetime.timedelta(days=40),
        ),  # fmt: skip
    }
    Report.objects.filter(pk=made["older"].pk).update(created_at=timezone.now() - datetime.timedelta(days=40))
    return made


def listed(client, **query):
    response = client.get("/queue/", query)
    assert response.status_code == 200
    return [report.reference for report in response.context["reports"]]


def test_search_finds_a_reference_however_it_is_typed(client, teacher, reports):
    client.force_login(teacher)
    reference = reports["rude"].reference
    for typed in (reference, reference.lower(), reference.replace("-", ""), reference[:4]):
        assert listed(client, q=typed) == [reference], typed


def test_search_finds_words_a_class_and_a_category(client, teacher, reports):
    client.force_login(teacher)
    assert listed(client, q="lunchtime") == [reports["rude"].reference]
    assert listed(client, q="Kestrels") == [reports["photos"].reference]
    assert listed(client, q="images") == [reports["photos"].reference]  # "images/videos of pupils"
    assert listed(client, q="Robins heated") == [reports["older"].reference]  # every word must match
    assert listed(client, q="nothing-like-this") == []


def test_the_queue_sorts_by_deadline_received_and_stage(client, teacher, head, reports):
    apply_move(reports["rude"], actor=teacher, move=Move.ESCALATE, note="For the office.")
    client.force_login(head)
    by_deadline = listed(client, show="open")
    assert by_deadline[0] == reports["photos"].reference  # urgent first
    assert by_deadline.index(reports["older"].reference) < by_deadline.index(reports["rude"].reference)  # overdue
    newest = listed(client, show="open", sort="received")
    assert newest[-1] == reports["older"].reference
    assert listed(client, show="open", sort="oldest")[0] == reports["older"].reference
    assert listed(client, show="open", sort="stage")[0] == reports["rude"].reference  # the furthest up the ladder


def test_the_queue_shows_category_names_not_numbers(client, teacher, reports):
    client.force_login(teacher)
    content = client.get("/queue/").content.decode()
    assert "1. Identifying or posting images/videos of pupils" in content
    assert "2. Abusive or personal comments about staff, pupils or other parents" in content


def test_the_closed_view_shows_ended_reports_and_how_they_ended(client, teacher, reports):
    apply_move(reports["rude"], actor=teacher, move=Move.RESOLVE, note="Sorted out with the parents.")
    apply_move(reports["photos"], actor=teacher, move=Move.OTHER_PROCEDURE, procedure="exclusions",
               note="This is about an exclusion: the governing board reviews it.")  # fmt: skip
    client.force_login(teacher)
    assert set(listed(client, show="closed")) == {reports["rude"].reference, reports["photos"].reference}
    assert reports["rude"].reference not in listed(client)  # no longer held
    content = client.get("/queue/", {"show": "closed"}).content.decode()
    assert "Handled under another procedure" in content


def test_the_csv_is_what_the_page_shows_on_every_page(client, teacher, parent, school_class, reports):
    for number in range(55):
        make_report(parent, school_class=school_class, description=f"Another comment, number {number}.")
    client.force_login(teacher)
    page = client.get("/queue/", {"school_class": school_class.pk})
    assert page.context["reports"].paginator.count == 57
    response = client.get("/queue/", {"school_class": school_class.pk, "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["Reference", "Received", "Stage", "Status"]
    references = {row[0] for row in rows[1:]}
    assert len(rows) == 58 and reports["rude"].reference in references and reports["photos"].reference not in references
    text = response.content.decode()
    assert "Rude remarks" not in text and parent.email not in text and "Pat Parent" not in text


def test_a_class_name_cannot_become_a_spreadsheet_formula(client, teacher, parent, school_class):
    school_class.name = '=HYPERLINK("http://evil.example")'
    school_class.save()
    make_report(parent, school_class=school_class)
    client.force_login(teacher)
    rows = list(csv.reader(io.StringIO(client.get("/queue/", {"format": "csv"}).content.decode())))
    assert rows[1][6].startswith("'=")


def test_a_governor_and_the_clerk_search_the_complaints_they_may_read(client, parent, reports, teacher, head, clerk,
                                                                       governor):  # fmt: skip
    apply_move(reports["rude"], actor=teacher, move=Move.ESCALATE, note="For the office.")
    report = apply_move(reports["rude"], actor=head, move=Move.ESCALATE, note="For the governors.")
    for person in (clerk, governor):
        client.force_login(person)
        assert listed(client, show="open", q="lunchtime") == [report.reference]
        assert listed(client, show="open", q="heated") == []  # still with the class teacher


def test_a_bad_choice_in_the_queue_is_ignored_not_an_error(client, teacher, reports):
    client.force_login(teacher)
    response = client.get("/queue/", {"sort": "sideways", "show": "everything", "stage": "moon"})
    assert response.status_code == 200
    assert len(response.context["reports"]) == 3


def test_the_queue_makes_the_same_queries_for_five_reports_or_fifty(client, teacher, parent, school_class,
                                                                     django_assert_max_num_queries):  # fmt: skip
    client.force_login(teacher)
    for number in range(5):
        make_report(parent, school_class=school_class, description=f"Comment {number}.")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/queue/", {"show": "open"})
    for number in range(45):
        make_report(parent, school_class=school_class, description=f"More {number}.")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/queue/", {"show": "open"})


def row_of(content, reference):
    start = content.index(reference)
    return content[content.rindex("<tr", 0, start) : content.index("</tr>", start)]


def test_a_row_in_the_queue_shows_what_changed_since_it_was_last_shown(client, teacher, reports, school_class):
    client.force_login(teacher)
    report = reports["rude"]
    first = row_of(client.get("/queue/").content.decode(), report.reference)
    assert "New" in first and "Robins" in first
    apply_move(report, actor=teacher, move=Move.ACKNOWLEDGE, note="Looking into it.")
    school_class.name = "Red Kites"
    school_class.save()
    again = row_of(client.get("/queue/").content.decode(), report.reference)
    assert "Acknowledged" in again and "Red Kites" in again
    assert "New" not in again and "Robins" not in again


def test_a_row_shown_in_english_is_shown_in_welsh_to_a_welsh_reader(client, teacher, reports):
    client.force_login(teacher)
    reference = reports["rude"].reference
    english = row_of(client.get("/queue/").content.decode(), reference)
    teacher.language = "cy"
    teacher.save()
    welsh = row_of(client.get("/queue/", HTTP_ACCEPT_LANGUAGE="cy").content.decode(), reference)
    assert english != welsh
    assert 'data-label="Cyfeirnod"' in welsh


def test_a_row_names_whom_it_is_with_even_once_they_have_left(client, teacher, reports):
    """The rows take each assignee from the table of active staff kept in memory, and one who left from the
    database."""
    colleague = make_user("sam@example.org", StaffGroup.TEACHERS, full_name="Sam Supply")
    report = reports["rude"]
    Report.objects.filter(pk=report.pk).update(assignee=colleague)
    client.force_login(teacher)
    assert "Sam Supply" in row_of(client.get("/queue/").content.decode(), report.reference)
    colleague.is_active = False
    colleague.save()
    assert "Sam Supply" in row_of(client.get("/queue/").content.decode(), report.reference)
