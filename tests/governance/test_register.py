"""The complaints register the governing body keeps: formal stages only, by school year, as a page and a CSV,
with an anonymised summary for the governors' termly report."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from governance.register import school_year_of
from policy.models import Category
from reports.ladder import Move
from reports.models import Report
from reports.services import apply_move
from tests.reports.factories import make_report

TODAY = timezone.localdate()
YEAR = school_year_of(TODAY)


@pytest.fixture
def complaints(parent, school_class, teacher, office, head, clerk, governor, panel_people):
    informal = make_report(parent, school_class=school_class, description="Only ever with the class teacher.")
    at_office = make_report(parent, school_class=school_class, categories=[Category.objects.get(number=7)])
    apply_move(at_office, actor=teacher, move=Move.ESCALATE, note="For the office.")
    decided = make_report(parent, school_class=school_class)
    apply_move(decided, actor=teacher, move=Move.ESCALATE, note="For the office.")
    apply_move(decided, actor=office, move=Move.ESCALATE, note="For the governors.")
    apply_move(decided, actor=clerk, move=Move.RECORD_PANEL, panel_on=TODAY, note="Invitation.", **panel_people)
    apply_move(decided, actor=clerk, move=Move.RECORD_OUTCOME, outcome="partly_upheld", findings="Some of it.",
               action_taken="=1+1 The group rules were rewritten.", note="Letter.")  # fmt: skip
    return {"informal": informal, "at_office": at_office, "decided": decided}


def register(client, person, **query):
    client.force_login(person)
    response = client.get("/governors/register/", query)
    assert response.status_code == 200
    return response


def test_the_register_lists_every_complaint_that_reached_a_formal_stage(client, clerk, complaints):
    response = register(client, clerk)
    rows = {row["reference"]: row for row in response.context["rows"]}
    assert set(rows) == {complaints["at_office"].reference, complaints["decided"].reference}
    decided = rows[complaints["decided"].reference]
    assert decided["stage_reached"] == "Governors"
    assert decided["panel_sat"] is True
    assert decided["outcome"] == "Partly upheld"
    assert decided["action_taken"] == "=1+1 The group rules were rewritten."
    assert decided["school_days_taken"] == 0
    open_one = rows[complaints["at_office"].reference]
    assert (open_one["panel_sat"], open_one["outcome"], open_one["school_days_taken"]) == (False, "New", None)
    content = response.content.decode()
    assert "Pat Parent" not in content and "Terry Teacher" not in content


def test_the_summary_counts_by_category_stage_and_outcome(client, clerk, complaints):
    summary = register(client, clerk).context["summary"]
    assert summary.total == 2
    assert dict(summary.by_category) == {
        "Abusive or personal comments about staff, pupils or other parents": 1,
        "Threatening behaviour, such as verbally intimidating staff, or using bad language": 1,
    }
    assert dict(summary.by_stage) == {"School office and leadership team": 1, "Governors": 1}
    assert dict(summary.by_outcome) == {"New": 1, "Partly upheld": 1}
    assert summary.median_school_days == 0


def test_the_register_is_read_by_school_year(client, clerk, complaints):
    last_year = timezone.make_aware(datetime.datetime(YEAR - 1, 10, 1, 12))
    Report.objects.filter(pk=complaints["at_office"].pk).update(created_at=last_year)
    this_year = register(client, clerk)
    assert [row["reference"] for row in this_year.context["rows"]] == [complaints["decided"].reference]
    assert this_year.context["years"] == [YEAR, YEAR - 1]
    earlier = register(client, clerk, year=YEAR - 1)
    assert [row["reference"] for row in earlier.context["rows"]] == [complaints["at_office"].reference]
    assert register(client, clerk, year="nonsense").context["year"] == YEAR


def test_the_register_downloads_as_csv_safe_for_a_spreadsheet(client, clerk, complaints):
    client.force_login(clerk)
    response = client.get("/governors/register/", {"year": YEAR, "format": "csv"})
    assert response["Content-Disposition"] == f'attachment; filename="complaints-register-{YEAR}-{YEAR + 1}.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Reference", "Received", "Categories", "Stage reached", "Panel sat", "Outcome",
                       "Action taken", "School days taken"]  # fmt: skip
    decided = next(row for row in rows if row[0] == complaints["decided"].reference)
    assert decided[3:] == ["Governors", "yes", "Partly upheld", "'=1+1 The group rules were rewritten.", "0"]
    assert len(rows) == 3


def test_a_governor_never_sees_a_line_about_a_complaint_concerning_them(client, parent, school_class, teacher,
                                                                        office, governor, clerk):  # fmt: skip
    about_them = make_report(parent, school_class=school_class, concerns_staff=governor)
    apply_move(about_them, actor=teacher, move=Move.ESCALATE, note="About a governor: for the office.")
    assert about_them.reference not in [row["reference"] for row in register(client, governor).context["rows"]]
    assert about_them.reference in [row["reference"] for row in register(client, clerk).context["rows"]]


def test_the_summary_is_worked_out_once_in_its_window_and_says_when_while_the_rows_are_current(
    client, clerk, teacher, complaints, settings
):
    from django.core.cache import cache

    settings.OVERVIEW_FRESH_SECONDS = 120
    first = register(client, clerk)
    assert first.context["summary"].total == 2 and 'id="as-of"' in first.content.decode()
    apply_move(complaints["informal"], actor=teacher, move=Move.ESCALATE, note="For the office.")
    again = register(client, clerk)
    assert again.context["summary"].total == 2  # within its window
    assert complaints["informal"].reference in {row["reference"] for row in again.context["rows"]}  # rows: now
    cache.clear()  # the window over
    assert register(client, clerk).context["summary"].total == 3


def test_the_register_asks_as_many_questions_for_two_complaints_as_for_twelve(client, clerk, complaints, parent,
                                                                               school_class, teacher):  # fmt: skip
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def questions():
        register(client, clerk)  # the small tables and the summary in place
        with CaptureQueriesContext(connection) as queries:
            register(client, clerk)
        return len(queries)

    few = questions()
    for number in range(10):
        report = make_report(parent, school_class=school_class, description=f"More {number}.")
        apply_move(report, actor=teacher, move=Move.ESCALATE, note="For the office.")
    assert len(register(client, clerk).context["rows"]) == 12
    assert questions() == few


def test_a_row_of_the_register_shows_what_changed_and_reads_in_the_reader_s_language(client, clerk, complaints):
    """Each row is rendered once for what it shows and kept: a change to the row, or another language, is new."""
    at_office = complaints["at_office"]

    def row_of(content):
        start = content.index(at_office.reference)
        return content[content.rindex("<tr", 0, start) : content.index("</tr>", start)]

    first = row_of(register(client, clerk).content.decode())
    assert ">New<" in first
    Report.objects.filter(pk=at_office.pk).update(status="acknowledged")
    assert ">Acknowledged<" in row_of(register(client, clerk).content.decode())
    clerk.language = "cy"
    clerk.save()
    welsh = row_of(client.get("/governors/register/", HTTP_ACCEPT_LANGUAGE="cy").content.decode())
    assert 'data-label="Reference"' not in welsh and at_office.reference in welsh
