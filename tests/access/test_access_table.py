"""The access table (table.py), run: every page and action × every person × every place on the ladder.

Each test builds the school once (world.py), asks as each person in turn, and
reports every cell that differs from the table, so one loosened rule shows
everywhere it leaks.
"""

import pytest
from django.core.signals import request_finished
from django.db import close_old_connections, transaction
from django.test import Client

from access.models import AccessRecord, record_access
from reports.ladder import Move
from reports.models import ReportEvent

from . import table, world


def close_files(response):
    """Close a file a response streams, as the server would, without closing the test's database connection."""
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


def outcome(response):
    """What a person meets, in the table's words, for anything but a page's content."""
    if response.status_code in (301, 302):
        location = response["Location"]
        if location.startswith(("/accounts/login/", "/admin/login/")):
            return "login"
        if location.rstrip("/") == "/admin":
            return "gone"
        return "redirect"
    return str(response.status_code)


def content(response):
    return b"".join(response.streaming_content if response.streaming else [response.content]).decode(errors="replace")


def notes_shown(response):
    """``-``, or the letters of the notes the page holds; ``meta`` for a page that shows where it is, not what."""
    page = content(response)
    letters = "".join(letter for letter, words in world.NOTES.items() if words in page)
    if world.DESCRIPTION not in page:
        return "meta" if not letters else f"notes without the report: {letters}"
    return letters or "-"


def found(response):
    """For an admin list searched for the report's reference: whether it found anything."""
    return "in" if response.context["cl"].result_count else "out"


def in_search_results(name):
    def check(response):
        return "in" if any(result["text"] == name for result in response.json()["results"]) else "out"

    return check


def in_context(name, reference):
    """Whether the page's list called ``name`` holds the report (a page can name a report in more than one list)."""

    def check(response):
        return "in" if any(report.reference == reference for report in response.context[name]) else "out"

    return check


def listed(reference):
    def check(response):
        if response.status_code != 200:
            return outcome(response)
        return "in" if reference in content(response) else "out"

    return check


class Ask:
    """One person asking: their client, and the school they are in."""

    def __init__(self, person):
        self.client = Client()
        if person is not None:
            self.client.force_login(person)

    def get(self, url, judge=outcome):
        response = self.client.get(url)
        try:
            return judge(response) if response.status_code == 200 else outcome(response)
        finally:
            close_files(response)

    def post(self, url, data, report):
        """POST inside a savepoint that is rolled back: ``done`` if it added to the report's timeline."""
        with transaction.atomic():
            before = ReportEvent.objects.filter(report=report).count()
            response = self.client.post(url, data)
            added = ReportEvent.objects.filter(report=report).count() - before
            transaction.set_rollback(True)
        if response.status_code in (404, 403) or outcome(response) == "login":
            return outcome(response)
        return "done" if added else "refused"


def move_data(move, report, **fields):
    """What a move's form on the report page posts (its fields carry the move's name as a prefix)."""
    fields.update(seen_stage=report.stage, seen_status=report.status)
    return {f"{move}-{name}": value for name, value in fields.items()}


def probes(people, report):
    """Each REPORT_ROWS row: how to ask it of one report."""
    ref = report.reference
    evidence = report.evidence.get()
    admin_change = f"/admin/reports/report/{report.pk}/change/"
    return {
        "the report's page /reports/<ref>/": lambda ask: ask.get(f"/reports/{ref}/", notes_shown),
        "one of its files /reports/<ref>/evidence/<id>/": lambda ask: ask.get(evidence.get_absolute_url()),
        "who opened it /reports/<ref>/access/": lambda ask: ask.get(f"/reports/{ref}/access/"),
        "add an internal note (POST)": lambda ask: ask.post(
            f"/reports/{ref}/move/note/", move_data(Move.NOTE, report, note="A further note."), report
        ),
        "correct whom it concerns, re-routing it (POST)": lambda ask: ask.post(
            f"/reports/{ref}/move/correct/",
            move_data(
                Move.CORRECT,
                report,
                concerns_staff=people["other teacher"].pk,
                school_class=report.school_class_id,
                categories=[category.pk for category in report.categories.all()],
                note="The report is about someone else.",
            ),
            report,
        ),
        "withdraw it (POST)": lambda ask: ask.post(
            f"/reports/{ref}/move/withdraw/", move_data(Move.WITHDRAW, report), report
        ),
        "my queue /queue/": lambda ask: ask.get("/queue/", in_context("reports", ref)),
        "a line in my queue: referred to safeguarding": lambda ask: ask.get("/queue/", in_context("referred", ref)),
        "every open report I can see /queue/?show=open": lambda ask: ask.get("/queue/?show=open", listed(ref)),
        "closed reports I can see /queue/?show=closed": lambda ask: ask.get("/queue/?show=closed", listed(ref)),
        "the queue as CSV /queue/?format=csv": lambda ask: ask.get("/queue/?show=open&format=csv", listed(ref)),
        "a line in the complaints register": lambda ask: ask.get("/governors/register/", listed(ref)),
        "the safeguarding team's list /safeguarding/": lambda ask: ask.get("/safeguarding/", listed(ref)),
        "a note on a safeguarding concern (POST)": lambda ask: ask.post(
            f"/reports/{ref}/concern/note/", {"note-note": "A note on the concern."}, report
        ),
        "refer it to safeguarding (POST)": lambda ask: ask.post(
            f"/reports/{ref}/refer/", {"refer-reason": "A child may be at risk.", "refer-tell_reporter": "on"}, report
        ),
        "escalated complaints /governors/": lambda ask: ask.get("/governors/", listed(ref)),
        "my reports /reports/": lambda ask: ask.get("/reports/", listed(ref)),
        "my notifications /notifications/": lambda ask: ask.get("/notifications/", listed(ref)),
        "the admin's list of reports": lambda ask: ask.get("/admin/reports/report/", listed(ref)),
        "the admin's CSV export of reports": lambda ask: ask.get("/admin/reports/report/export/", listed(ref)),
        "the report in the admin": lambda ask: ask.get(admin_change, notes_shown),
        "its history in the admin": lambda ask: ask.get(f"/admin/reports/report/{report.pk}/history/"),
        "editing it in the admin (POST)": lambda ask: ask.post(
            admin_change, {"description": "Rewritten by someone.", "kind": "concern"}, report
        ),
        "deleting it in the admin": lambda ask: ask.get(f"/admin/reports/report/{report.pk}/delete/"),
        "an internal note from the admin's list (POST)": lambda ask: ask.post(
            "/admin/reports/report/",
            {
                "action": f"move_{Move.NOTE}",
                "_selected_action": [report.pk],
                "post": "yes",
                "note": "A note from the admin.",
                f"seen_{report.pk}": f"{report.stage}:{report.status}",
            },
            report,
        ),
        "its emails in the admin's outbox": lambda ask: ask.get(f"/admin/notifications/notification/?q={ref}", found),
        "who opened it, in the admin": lambda ask: ask.get(f"/admin/access/accessrecord/?q={ref}", found),
    }


def differences(expected, asked):
    return [
        f"{where}: expected {want!r}, got {got!r}"
        for where, want, got in ((where, expected[where], asked[where]) for where in expected)
        if want != got
    ]


@pytest.mark.parametrize("row_name", list(table.REPORT_ROWS))
def test_each_person_meets_what_the_access_table_says_for_a_report(db, row_name):
    people, reports = world.build()
    for report in reports.values():
        record_access(people["reporter"], report, AccessRecord.Kind.REPORT_PAGE)
    expected, asked = {}, {}
    for state, cells in table.REPORT_ROWS[row_name].items():
        probe = probes(people, reports[state])[row_name]
        for label in table.PEOPLE:
            expected[(state, label)] = cells[label]
            asked[(state, label)] = probe(Ask(people[label]))
    problems = differences(expected, asked)
    assert not problems, f"{row_name}:\n" + "\n".join(problems)


def test_each_person_meets_what_the_access_table_says_for_the_other_pages(db):
    people, _reports = world.build()
    head, reporter = people["leadership"], people["reporter"]
    urls = {
        "make a report /reports/new/": "/reports/new/",
        "the leadership overview /overview/": "/overview/",
        "the admin /admin/": "/admin/",
        "a parent's account in the admin": f"/admin/accounts/user/{reporter.pk}/change/",
        "the head's account in the admin": f"/admin/accounts/user/{head.pk}/change/",
        "setting the head's password in the admin": f"/admin/accounts/user/{head.pk}/password/",
        "staff in the admin's people search": (
            "/admin/autocomplete/?app_label=school&model_name=child&field_name=parents&term=example"
        ),
        "classes and children in the admin": "/admin/school/child/",
        "groups in the admin": "/admin/auth/group/",
        "login throttling in the admin": "/admin/axes/accessattempt/",
        "two-factor sign-in /accounts/two-factor/": "/accounts/two-factor/",
        "the safeguarding team's list /safeguarding/": "/safeguarding/",
        "the complaints register /governors/register/": "/governors/register/",
        "help /help/": "/help/",
        "the school's contact details /contact/": "/contact/",
        "the accessibility statement /accessibility/": "/accessibility/",
    }
    judges = {"staff in the admin's people search": in_search_results(str(head))}
    expected, asked = {}, {}
    for row_name, cells in table.PAGE_ROWS.items():
        for label in table.PEOPLE:
            expected[(row_name, label)] = cells[label]
            asked[(row_name, label)] = Ask(people[label]).get(urls[row_name], judges.get(row_name, outcome))
    problems = differences(expected, asked)
    assert not problems, "\n".join(problems)


def test_the_table_covers_every_person_and_every_place_on_the_ladder(db):
    assert list(world.PEOPLE) == table.PEOPLE
    _people, reports = world.build()
    assert list(reports) == table.STATES
    for row_name, states in table.REPORT_ROWS.items():
        assert list(states) == table.STATES, row_name


def test_the_readme_says_what_the_access_table_says():
    from . import readme

    assert readme.START in readme.README.read_text(), "README.md has lost its 'Who can see what' markers"
    assert readme.readme_with_section(readme.README.read_text()) == readme.README.read_text(), (
        "README.md's 'Who can see what' differs from tests/access/table.py: run python -m tests.access.readme --write"
    )
    assert readme.FULL.read_text() == readme.full_document(), "run python -m tests.access.readme --write"


def test_the_person_a_report_concerns_is_not_counted_in_the_overview(client, db):
    people, reports = world.build()
    complaints = [report for report in reports.values() if not report.is_safeguarding]
    still_open = sum(1 for report in complaints if report.is_still_open)
    for label, open_total, all_reports in (("leadership", still_open, len(complaints)), ("concerned", 0, 0)):
        client.force_login(people[label])
        page = client.get("/overview/")
        assert page.context["open_total"] == open_total, label
        assert sum(category.all_reports for category in page.context["categories"]) == all_reports, label
