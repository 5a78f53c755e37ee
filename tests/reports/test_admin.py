"""The admin as a place for staff to triage reports: lists, filters, moves, export, and who sees what."""

import csv
import datetime
import io

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from policy.models import Category
from reports.ladder import Move, Stage, Status
from reports.models import Report, ReportEvent
from reports.services import apply_move
from tests.conftest import make_user

from .factories import make_report

CHANGELIST = "/admin/reports/report/"
EXPORT = "/admin/reports/report/export/"
A_MONTH_AGO = timezone.localdate() - datetime.timedelta(days=30)
CHANGELIST_MAX_QUERIES = 7  # measured: 7 on SQLite and PostgreSQL, for 1 report or 15


@pytest.fixture
def staff(parent, teacher, office, head, governor):
    """The whole cast, so reports route as in a school; the office holds reports naming no class."""
    return {"office": office, "head": head}


def references(response):
    """The references listed on a changelist page."""
    return {report.reference for report in response.context["cl"].result_list}


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def choose(client, action, reports, query="", **data):
    """Pick ``action`` for ``reports`` on the changelist: the first step, which shows the confirmation page."""
    return client.post(
        CHANGELIST + query, {"action": action, "_selected_action": [report.pk for report in reports], **data}
    )


def confirm(client, page, note="", query=""):
    """Submit the confirmation page as it was rendered (its hidden fields), with the note."""
    context = page.context
    data = {"action": context["action"], "post": "yes", "note": note, "_selected_action": []}
    for row in context["rows"]:
        report = row["report"]
        data["_selected_action"].append(report.pk)
        data[f"seen_{report.pk}"] = f"{report.stage}:{report.status}"
    return client.post(CHANGELIST + query, data, follow=True)


def read_csv(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_no_group_has_a_permission_in_the_database(db):
    """Every permission is the access policy's answer; none is granted by a row in the database."""
    assert Permission.objects.filter(group__isnull=False).count() == 0


def test_the_office_sees_the_reports(client, staff, parent):
    first = make_report(parent)
    second = make_report(parent)
    client.force_login(staff["office"])
    response = client.get(CHANGELIST)
    assert response.status_code == 200
    assert references(response) == {first.reference, second.reference}
    content = response.content.decode()
    assert first.reference in content
    assert "Export these 2 to CSV" in content
    assert first.description not in content


def test_the_head_sees_the_reports_too(client, staff, parent):
    report = make_report(parent)
    client.force_login(staff["head"])
    response = client.get(CHANGELIST)
    assert response.status_code == 200
    assert references(response) == {report.reference}
    assert client.get(f"{CHANGELIST}{report.pk}/change/").status_code == 200


def test_the_change_form_shows_the_report_and_its_timeline_and_edits_nothing(client, staff, parent):
    report = make_report(parent)
    client.force_login(staff["office"])
    page = client.get(f"{CHANGELIST}{report.pk}/change/")
    assert page.status_code == 200
    assert page.context["adminform"].form.fields == {}  # everything is shown read only
    content = page.content.decode()
    assert report.description in content and "Submitted" in content  # what was reported; the timeline


def test_saving_the_change_form_is_refused_and_changes_nothing(client, staff, parent):
    report = make_report(parent)
    client.force_login(staff["office"])
    response = client.post(f"{CHANGELIST}{report.pk}/change/", {"description": "Rewritten", "stage": "governors"})
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.description == "Rude comments about a teacher in the class group."
    assert (report.stage, report.status) == (Stage.CLASS_TEACHER, Status.NEW)


def test_nobody_adds_or_deletes_reports_in_the_admin(client, staff, parent):
    report = make_report(parent)
    client.force_login(staff["head"])
    assert client.get(f"{CHANGELIST}add/").status_code == 403
    assert client.get(f"{CHANGELIST}{report.pk}/delete/").status_code == 403
    actions = client.get(CHANGELIST).context["action_form"].fields["action"].choices
    assert "delete_selected" not in dict(actions)


def test_filter_overdue(client, staff, parent):
    late = make_report(parent, today=A_MONTH_AGO)
    fresh = make_report(parent)
    client.force_login(staff["office"])
    assert references(client.get(CHANGELIST + "?overdue=yes")) == {late.reference}
    assert references(client.get(CHANGELIST + "?overdue=no")) == {fresh.reference}
    assert "· overdue" in client.get(CHANGELIST).content.decode()


def test_an_acknowledged_report_can_still_be_overdue_and_a_resolved_one_cannot(client, staff, parent):
    acknowledged = make_report(parent, today=A_MONTH_AGO)
    apply_move(acknowledged, actor=staff["office"], move=Move.ACKNOWLEDGE, today=A_MONTH_AGO)
    resolved = make_report(parent, today=A_MONTH_AGO)
    apply_move(resolved, actor=staff["office"], move=Move.RESOLVE, note="Sorted.", today=A_MONTH_AGO)
    client.force_login(staff["office"])
    assert references(client.get(CHANGELIST + "?overdue=yes")) == {acknowledged.reference}
    assert references(client.get(CHANGELIST + "?overdue=no")) == {resolved.reference}


def test_filter_urgent(client, staff, parent):
    urgent = make_report(parent, categories=list(Category.objects.filter(number=1)))
    ordinary = make_report(parent)
    client.force_login(staff["office"])
    assert references(client.get(CHANGELIST + "?urgent=yes")) == {urgent.reference}
    assert references(client.get(CHANGELIST + "?urgent=no")) == {ordinary.reference}
    assert [report.reference for report in client.get(CHANGELIST).context["cl"].result_list] == [
        urgent.reference,
        ordinary.reference,
    ]


def test_filter_stage_and_status(client, staff, parent, teacher):
    first = make_report(parent)
    second = make_report(teacher)  # made by staff: starts with the office and leadership
    client.force_login(staff["office"])
    assert references(client.get(CHANGELIST + f"?stage__exact={Stage.CLASS_TEACHER}")) == {first.reference}
    assert references(client.get(CHANGELIST + f"?stage__exact={Stage.OFFICE_LEADERSHIP}")) == {second.reference}
    assert references(client.get(CHANGELIST + f"?status__exact={Status.NEW}")) == {first.reference, second.reference}


def test_search_by_reference_in_any_case_without_the_dash(client, staff, parent):
    report = make_report(parent)
    make_report(parent)
    client.force_login(staff["office"])
    typed = report.reference.replace("-", "").lower()
    assert references(client.get(CHANGELIST, {"q": typed})) == {report.reference}


def _varied_reports(parent, office, teacher, school_class, count):
    urgent = list(Category.objects.filter(number__in=[1, 2]))
    for number in range(count):
        report = make_report(
            parent,
            categories=urgent if number % 2 else urgent[1:],
            school_class=school_class if number % 3 == 0 else None,
            today=A_MONTH_AGO if number % 4 == 0 else None,
        )
        if report.school_class is None and number % 5 == 1:
            apply_move(report, actor=office, move=Move.REASSIGN, assignee=teacher)


def _changelist_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CHANGELIST)
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.parametrize("who", ["head", "superuser"])
def test_the_changelist_runs_the_same_number_of_queries_for_1_or_15_reports(
    who, client, staff, parent, teacher, school_class, django_assert_max_num_queries
):
    office = staff["office"]
    superuser = make_user("root@example.org", is_staff=True, is_superuser=True)
    client.force_login(superuser if who == "superuser" else staff["head"])  # who see them all
    client.get("/admin/")  # a staff session is refreshed on its first request (and once a minute after)
    _varied_reports(parent, office, teacher, school_class, 1)
    with django_assert_max_num_queries(CHANGELIST_MAX_QUERIES):
        one, response = _changelist_queries(client)
    assert len(response.context["cl"].result_list) == 1

    _varied_reports(parent, office, teacher, school_class, 14)
    with django_assert_max_num_queries(CHANGELIST_MAX_QUERIES):
        fifteen, response = _changelist_queries(client)
    assert len(response.context["cl"].result_list) == 15
    assert any(report.assignee_id for report in response.context["cl"].result_list)
    assert one == fifteen


@pytest.mark.parametrize(
    ("action", "note", "to_stage", "to_status"),
    [
        ("move_acknowledge", "", Stage.CLASS_TEACHER, Status.ACKNOWLEDGED),
        ("move_note", "Known family; handle gently.", Stage.CLASS_TEACHER, Status.NEW),
        ("move_escalate", "Serious: the head should see this.", Stage.OFFICE_LEADERSHIP, Status.NEW),
        ("move_resolve", "The post has been taken down.", Stage.CLASS_TEACHER, Status.RESOLVED),
    ],
)
def test_each_move_goes_through_the_confirmation_page(client, staff, parent, action, note, to_stage, to_status):
    reports = [make_report(parent), make_report(parent)]
    client.force_login(staff["office"])
    page = choose(client, action, reports)
    assert page.status_code == 200
    assert [page.templates[0].name] == ["admin/reports/move_confirmation.html"]
    assert {row["report"].reference for row in page.context["rows"]} == {report.reference for report in reports}
    assert all(row["refusal"] == "" for row in page.context["rows"])
    for report in reports:  # nothing happens before the confirmation
        report.refresh_from_db()
        assert (report.status, report.events.count()) == (Status.NEW, 1)

    response = confirm(client, page, note=note)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == CHANGELIST
    assert any(message.startswith("2 reports ") for message in messages_of(response))
    move = action.removeprefix("move_")
    for report in reports:
        report.refresh_from_db()
        assert (report.stage, report.status) == (to_stage, to_status)
        event = report.events.order_by("-pk").first()
        assert (event.action, event.actor, event.note) == (move, staff["office"], note)


def test_a_note_is_asked_for_where_the_ladder_needs_one(client, staff, parent):
    report = make_report(parent)
    client.force_login(staff["office"])
    page = choose(client, "move_resolve", [report])
    response = confirm(client, page, note="  ")
    assert response.status_code == 200
    assert response.context["form"].errors == {"note": ["Write the note: this step needs one."]}
    report.refresh_from_db()
    assert report.status == Status.NEW
    assert report.events.count() == 1


def test_a_refused_move_leaves_the_report_as_it_was_and_says_why(client, staff, parent):
    already = make_report(parent)
    apply_move(already, actor=staff["office"], move=Move.ACKNOWLEDGE)
    new = make_report(parent)
    client.force_login(staff["office"])
    page = choose(client, "move_acknowledge", [already, new])
    refusals = {row["report"].reference: row["refusal"] for row in page.context["rows"]}
    assert refusals[new.reference] == ""
    assert "not possible now: the report is acknowledged" in refusals[already.reference]

    response = confirm(client, page)
    said = messages_of(response)
    assert "1 report acknowledged." in said
    assert [message for message in said if message.startswith(already.reference)] == [
        f"{already.reference} was not changed: That step is not possible now: the report is acknowledged."
    ]
    already.refresh_from_db()
    assert already.status == Status.ACKNOWLEDGED
    assert already.events.count() == 2
    new.refresh_from_db()
    assert new.status == Status.ACKNOWLEDGED


def test_a_refusal_is_a_warning(client, staff, parent):
    report = make_report(parent)
    apply_move(report, actor=staff["office"], move=Move.RESOLVE, note="Sorted.")
    client.force_login(staff["office"])
    page = choose(client, "move_acknowledge", [report])
    response = client.post(
        CHANGELIST,
        {"action": "move_acknowledge", "post": "yes", "_selected_action": [report.pk], "note": ""},
    )
    assert page.status_code == 200
    assert response.status_code == 302
    stored = list(get_messages(response.wsgi_request))
    assert [(message.level_tag, str(message)) for message in stored] == [
        ("warning", f"{report.reference} was not changed: This report is resolved: nothing more can be done to it.")
    ]


def test_a_move_on_a_report_that_moved_after_the_confirmation_page_is_refused(client, staff, parent):
    report = make_report(parent)
    client.force_login(staff["office"])
    page = choose(client, "move_resolve", [report])
    apply_move(report, actor=staff["office"], move=Move.ESCALATE, note="Sent on by someone else.")
    response = confirm(client, page, note="Resolved, I thought.")
    assert any("Someone else has just moved this report" in message for message in messages_of(response))
    report.refresh_from_db()
    assert (report.stage, report.status) == (Stage.OFFICE_LEADERSHIP, Status.NEW)


def test_the_head_can_add_a_note_to_a_report_the_office_holds(client, staff, parent):
    report = make_report(parent)
    client.force_login(staff["head"])
    page = choose(client, "move_note", [report])
    confirm(client, page, note="I know this family.")
    event = ReportEvent.objects.filter(report=report).order_by("-pk").first()
    assert (event.action, event.actor, event.visible_to_reporter) == (Move.NOTE, staff["head"], False)


def test_the_csv_export_has_the_filtered_rows_and_nothing_private(client, staff, parent, school_class):
    urgent = make_report(parent, categories=list(Category.objects.filter(number__in=[1, 2])), school_class=school_class)
    ordinary = make_report(parent, description="Another description that must not be exported.")
    late_urgent = make_report(parent, categories=list(Category.objects.filter(number=7)), today=A_MONTH_AGO)
    client.force_login(staff["head"])  # the leadership team sees every report below the governors

    response = client.get(EXPORT + "?urgent=yes")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == f'attachment; filename="reports-{timezone.localdate():%Y-%m-%d}.csv"'
    rows = read_csv(response)
    assert rows[0] == ["reference", "created", "kind", "categories", "urgent", "stage", "status", "class",
                       "next deadline", "overdue", "ended on"]  # fmt: skip
    by_reference = {row[0]: row for row in rows[1:]}
    assert set(by_reference) == {urgent.reference, late_urgent.reference}
    assert by_reference[urgent.reference][3] == "1 2"
    assert by_reference[urgent.reference][4] == "yes"
    assert by_reference[urgent.reference][7] == "Robins"
    assert by_reference[urgent.reference][9] == "no"
    assert by_reference[late_urgent.reference][9] == "yes"
    assert by_reference[urgent.reference][8] == urgent.due_on.isoformat()
    text = response.content.decode()
    for private in (urgent.description, ordinary.description, parent.email, parent.full_name, "Alex"):
        assert private not in text

    everything = read_csv(client.get(EXPORT))
    assert len(everything) == 4
    searched = read_csv(client.get(EXPORT, {"q": ordinary.reference.lower()}))
    assert [row[0] for row in searched[1:]] == [ordinary.reference]


def test_the_export_link_keeps_the_filters(client, staff, parent):
    make_report(parent)
    client.force_login(staff["office"])
    content = client.get(CHANGELIST + "?urgent=yes").content.decode()
    assert f'href="{EXPORT}?urgent=yes"' in content


def test_export_selected_and_export_all_filtered_with_select_across(client, staff, parent):
    urgent = make_report(parent, categories=list(Category.objects.filter(number=1)))
    also_urgent = make_report(parent, categories=list(Category.objects.filter(number=8)))
    make_report(parent)
    client.force_login(staff["office"])

    selected = client.post(CHANGELIST, {"action": "export_csv", "_selected_action": [urgent.pk]})
    assert [row[0] for row in read_csv(selected)[1:]] == [urgent.reference]

    across = client.post(
        CHANGELIST + "?urgent=yes", {"action": "export_csv", "_selected_action": [urgent.pk], "select_across": "1"}
    )
    assert {row[0] for row in read_csv(across)[1:]} == {urgent.reference, also_urgent.reference}


def test_staff_never_see_a_report_that_concerns_them(client, staff, parent):
    about_office = make_report(parent, concerns_staff=staff["office"])
    other = make_report(parent)
    client.force_login(staff["office"])
    assert references(client.get(CHANGELIST)) == {other.reference}
    assert references(client.get(CHANGELIST, {"q": about_office.reference})) == set()
    response = client.get(f"{CHANGELIST}{about_office.pk}/change/")
    assert response.status_code == 302  # "does not exist", back to the admin's index
    assert about_office.reference not in client.get(EXPORT).content.decode()
    page = choose(client, "move_note", [about_office, other])
    assert {row["report"].reference for row in page.context["rows"]} == {other.reference}

    client.force_login(staff["head"])
    assert references(client.get(CHANGELIST)) == {about_office.reference, other.reference}


def test_a_superuser_lists_every_report_but_one_that_concerns_them(client, staff, parent):
    admin = make_user("root@example.org", is_staff=True, is_superuser=True)
    about_admin = make_report(parent, concerns_staff=admin)
    about_office = make_report(parent, concerns_staff=staff["office"])
    other = make_report(parent)
    client.force_login(admin)
    with CaptureQueriesContext(connection) as queries:
        assert references(client.get(CHANGELIST)) == {about_office.reference, other.reference}
    listed = [query["sql"] for query in queries.captured_queries if 'FROM "reports_report"' in query["sql"]]
    assert listed and not any("EXISTS" in sql for sql in listed)  # their own grant alone: read in index order
    assert references(client.get(CHANGELIST, {"q": about_admin.reference})) == set()
    assert client.get(f"{CHANGELIST}{about_admin.pk}/change/").status_code == 302


@pytest.mark.parametrize("language", ["en", "pl"])
def test_each_row_s_checkbox_is_written_as_django_writes_it(db, parent, language):
    report = make_report(parent)
    report_admin = admin.site.get_model_admin(Report)
    with translation.override(language):
        assert report_admin.action_checkbox(report) == admin.ModelAdmin.action_checkbox(report_admin, report)


def test_a_teacher_cannot_open_the_admin(client, staff, teacher, parent):
    report = make_report(parent)
    client.force_login(teacher)
    for url in (CHANGELIST, EXPORT, f"{CHANGELIST}{report.pk}/change/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_one_response_to_a_campaign_reaches_each_family(client, staff, parent, other_parent):
    from notifications.models import Notification

    campaign = [make_report(parent), make_report(other_parent)]
    client.force_login(staff["office"])
    response = confirm(client, choose(client, "move_respond", campaign),
                       note="Thank you: the school has asked for the thread to be taken down.")  # fmt: skip
    assert any(message.startswith("2 reports ") for message in messages_of(response))
    for report, family in zip(campaign, (parent, other_parent), strict=True):
        email = Notification.objects.get(event=report.events.latest("pk"), recipient=family)
        assert email.subject == f"Your report {report.reference}: the school office has replied"
        assert "asked for the thread to be taken down" in email.body_text


def test_the_start_of_a_reference_finds_the_reports_it_begins_and_nothing_is_counted_twice(client, staff, parent):
    report = make_report(parent)
    make_report(parent)
    client.force_login(staff["office"])
    assert report.reference in references(client.get(CHANGELIST, {"q": report.reference[:3].lower()}))
    assert references(client.get(CHANGELIST, {"q": "zzzz-zzzz"})) == set()
    with CaptureQueriesContext(connection) as queries:
        client.get(CHANGELIST)
    counts = [query["sql"] for query in queries.captured_queries if "COUNT(" in query["sql"].upper()]
    assert len(counts) == 1, counts


def rows_django_renders(response):
    """The changelist's rows as Django's own ``{% result_list %}`` writes them, worked out afresh."""
    from django.contrib.admin.templatetags.admin_list import results

    return ["<tr>" + "".join(row) + "</tr>" for row in results(response.context["cl"])]


def test_each_row_kept_is_the_row_django_writes_and_follows_every_change(client, staff, parent, school_class):
    report = make_report(parent, school_class=school_class, categories=[Category.objects.get(number=2)])
    client.force_login(staff["head"])
    for query in ({}, {"status__exact": Status.NEW}):
        client.get(CHANGELIST, query)  # the rows rendered and kept
        again = client.get(CHANGELIST, query)  # and read back
        assert all(row in again.content.decode() for row in rows_django_renders(again))
    assert "_changelist_filters=status__exact%3Dnew" in again.content.decode()  # the link carries the filter back

    def row_now():
        page = client.get(CHANGELIST)
        assert all(row in page.content.decode() for row in rows_django_renders(page))
        return next(row for row in rows_django_renders(page) if report.reference in row)

    Report.objects.filter(pk=report.pk).update(status=Status.ACKNOWLEDGED)  # no save: its updated_at stays
    assert "Acknowledged" in row_now()
    school_class.name = "Red Kites"
    school_class.save()
    assert "Red Kites" in row_now()
    report.categories.set([Category.objects.get(number=3)])
    assert ">3<" in row_now()


def test_the_filters_kept_are_the_filters_django_writes_and_follow_the_classes(client, staff, parent, school_class):
    from django.contrib.admin.templatetags.admin_list import admin_list_filter

    make_report(parent, school_class=school_class)
    client.force_login(staff["head"])
    for query in ({}, {"status__exact": Status.NEW}, {"school_class__id__exact": school_class.pk}):
        client.get(CHANGELIST, query)  # rendered and kept
        page = client.get(CHANGELIST, query)  # read back
        cl = page.context["cl"]
        assert all(admin_list_filter(cl, spec) in page.content.decode() for spec in cl.filter_specs)
    school_class.name = "Red Kites"
    school_class.save()
    filters = client.get(CHANGELIST).content.decode().split('<nav id="changelist-filter"')[1]
    assert "Red Kites" in filters
