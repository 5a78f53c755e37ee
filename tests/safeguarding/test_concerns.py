"""A child at risk: the question asked of everyone, a concern that reaches the safeguarding team and no one else."""

import datetime

import pytest
from django.utils import timezone

from notifications.models import Notification
from reports.ladder import LadderError, Move, Status
from reports.models import Report
from safeguarding.models import ConcernAccess
from safeguarding.services import apply_concern_move, raise_concern
from tests.conftest import make_user
from tests.reports.factories import with_date_parts

NEW = "/reports/new/"


def concern_data(**overrides):
    return with_date_parts({"description": "My child's friend said she is hit at home.", "occurred_on": "2026-11-20",
                            **overrides})  # fmt: skip


def told(report, template="safeguarding"):
    return sorted(
        Notification.objects.filter(report=report, template=template).values_list("recipient__email", "context__notice")
    )


@pytest.fixture
def school(parent, other_parent, school_class, teacher, office, head, governor, dsl, deputy_dsl):
    return locals()


def test_everyone_is_asked_first_whether_a_child_is_at_risk(client, parent, teacher):
    for person in (parent, teacher):
        client.force_login(person)
        page = client.get(NEW).content.decode()
        assert "Do you think a child is at risk of harm?" in page
        assert "If a child is in danger right now, call 999." in page
    missing = client.get(NEW, {"child_at_risk": ""})
    assert "Choose yes or no." in missing.content.decode()


def test_yes_shows_what_to_do_now_before_the_form(client, parent, settings):
    settings.CHILDREN_SOCIAL_CARE_PHONE = "0300 111 2222"
    settings.SCHOOL_PHONE = "01234 999000"
    client.force_login(parent)
    page = client.get(NEW, {"child_at_risk": "yes"}).content.decode()
    emergency, form = page.index('id="emergency"'), page.index('name="description"')
    assert emergency < form
    for words in ("Call 999.", "0300 111 2222", "01234 999000", "Designated Safeguarding Lead"):
        assert words in page[emergency:form]


def test_no_leads_to_the_report_form(client, parent):
    client.force_login(parent)
    assert (
        "Which of the policy’s kinds of inappropriate online activity?"
        in client.get(NEW, {"child_at_risk": "no"}).content.decode()
    )


def test_a_concern_goes_to_the_safeguarding_team_at_once_and_to_nobody_else(
    client, school, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(school["parent"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{NEW}?child_at_risk=yes", concern_data(school_class=school["school_class"].pk))
    report = Report.objects.get()
    assert response["Location"] == f"/reports/{report.reference}/submitted/"
    assert report.is_safeguarding and report.status == Status.NEW
    assert told(report) == [
        ("deputy.dsl@example.org", "new"),
        ("dsl@example.org", "new"),
        ("parent@example.org", "received"),
    ]
    assert not report.holdings.exists()
    assert sorted(to for message in mailoutbox for to in message.to) == [
        "deputy.dsl@example.org", "dsl@example.org", "parent@example.org"
    ]  # fmt: skip
    for message in mailoutbox:
        assert report.reference in message.subject and "hit at home" not in message.body
    for person in ("teacher", "office", "head", "governor", "other_parent"):
        client.force_login(school[person])
        assert client.get(f"/reports/{report.reference}/").status_code == 404, person


def test_the_team_sees_it_first_on_its_list_with_a_badge(client, school):
    older = raise_concern(reporter=school["parent"], description="Older.", occurred_on=datetime.date(2026, 11, 2),
                          school_class=None, concerns_staff=None, evidence=[])  # fmt: skip
    apply_concern_move(older, actor=school["dsl"], move=Move.ACKNOWLEDGE)
    newer = raise_concern(reporter=school["parent"], description="Newer.", occurred_on=datetime.date(2026, 11, 3),
                          school_class=None, concerns_staff=None, evidence=[])  # fmt: skip
    client.force_login(school["dsl"])
    page = client.get("/safeguarding/")
    assert [report.reference for report in page.context["concerns"]] == [newer.reference, older.reference]
    assert 'id="unacknowledged-count">1<' in page.content.decode()


def test_the_reporter_sees_that_it_reached_the_lead_and_when_it_was_acknowledged_never_the_notes(client, school):
    report = raise_concern(reporter=school["parent"], description="Worried.", occurred_on=datetime.date(2026, 11, 2),
                           school_class=None, concerns_staff=None, evidence=[])  # fmt: skip
    client.force_login(school["parent"])
    page = client.get(f"/reports/{report.reference}/").content.decode()
    assert "It reached the school's safeguarding lead on" in page and "has not acknowledged it yet" in page
    apply_concern_move(report, actor=school["dsl"], move=Move.ACKNOWLEDGE)
    apply_concern_move(report, actor=school["dsl"], move=Move.NOTE, note="Spoke to the family worker.")
    apply_concern_move(report, actor=school["dsl"], move=Move.RECORD_ACTION, action_kind="social_care",
                       action_on=datetime.date(2026, 11, 3), action_reference="CSC-123")  # fmt: skip
    page = client.get(f"/reports/{report.reference}/").content.decode()
    assert "The safeguarding team acknowledged it on" in page
    for secret in ("Spoke to the family worker.", "CSC-123", "Referral to children"):
        assert secret not in page
    assert ("parent@example.org", "acknowledged") in told(report)


def test_the_team_records_actions_adds_a_colleague_and_closes_it_in_its_chronology(client, school):
    report = raise_concern(reporter=school["parent"], description="Worried.", occurred_on=datetime.date(2026, 11, 2),
                           school_class=school["school_class"], concerns_staff=None, evidence=[])  # fmt: skip
    with pytest.raises(LadderError, match="Acknowledge the concern first"):
        apply_concern_move(report, actor=school["dsl"], move=Move.CLOSE, note="Done.")
    apply_concern_move(report, actor=school["dsl"], move=Move.ACKNOWLEDGE)
    apply_concern_move(report, actor=school["deputy_dsl"], move=Move.RECORD_ACTION, action_kind="police",
                       action_on=datetime.date(2026, 11, 3), action_reference="POL/9")  # fmt: skip
    apply_concern_move(report, actor=school["dsl"], move=Move.ADD_COLLEAGUE, colleague=school["teacher"],
                       note="The class teacher needs to watch for signs.")  # fmt: skip
    client.force_login(school["teacher"])
    page = client.get(f"/reports/{report.reference}/").content.decode()
    assert "POL/9" in page and "Report to the police" in page
    assert ConcernAccess.objects.get().reason == "The class teacher needs to watch for signs."
    with pytest.raises(LadderError, match="for the safeguarding team"):
        apply_concern_move(report, actor=school["teacher"], move=Move.CLOSE, note="Not theirs to close.")
    report = apply_concern_move(report, actor=school["dsl"], move=Move.CLOSE, note="Support in place.")
    assert report.status == Status.CLOSED
    assert list(report.events.values_list("action", flat=True)) == [
        Move.SUBMIT, Move.ACKNOWLEDGE, Move.RECORD_ACTION, Move.ADD_COLLEAGUE, Move.CLOSE
    ]  # fmt: skip


def test_the_team_steps_from_the_page(client, school):
    report = raise_concern(reporter=school["parent"], description="Worried.", occurred_on=datetime.date(2026, 11, 2),
                           school_class=None, concerns_staff=None, evidence=[])  # fmt: skip
    client.force_login(school["dsl"])
    client.post(f"/reports/{report.reference}/concern/acknowledge/", {})
    missing = client.post(f"/reports/{report.reference}/concern/record_action/", {"record_action-action_kind": "lado"})
    assert "Answer this question: it is needed." in missing.content.decode()
    client.post(
        f"/reports/{report.reference}/concern/record_action/",
        {"record_action-action_kind": "early_help", "record_action-action_on": "2026-11-04"},
    )
    report.refresh_from_db()
    assert report.status == Status.ACKNOWLEDGED
    assert report.events.last().changes == {"action": "early_help", "on": "2026-11-04", "reference": ""}


def test_an_allegation_against_staff_goes_to_the_head_as_case_manager_never_to_the_teacher(client, school):
    report = raise_concern(reporter=school["parent"], description="The teacher grabbed a child.",
                           occurred_on=datetime.date(2026, 11, 2), school_class=school["school_class"],
                           concerns_staff=school["teacher"], evidence=[])  # fmt: skip
    assert report.concern.case_manager == school["head"]
    assert ("head@example.org", "allegation") in told(report)
    assert ("dsl@example.org", "new") in told(report)
    assert not Notification.objects.filter(recipient=school["teacher"]).exists()
    client.force_login(school["head"])
    assert "you are the case manager" not in client.get(f"/reports/{report.reference}/").content.decode().lower()
    assert client.get(f"/reports/{report.reference}/").status_code == 200
    client.force_login(school["teacher"])
    assert client.get(f"/reports/{report.reference}/").status_code == 404
    assert report.reference not in client.get("/notifications/").content.decode()


def test_an_allegation_against_the_head_goes_to_the_chair(school):
    report = raise_concern(reporter=school["parent"], description="About the head.",
                           occurred_on=datetime.date(2026, 11, 2), school_class=None,
                           concerns_staff=school["head"], evidence=[])  # fmt: skip
    assert report.concern.case_manager == school["governor"]


def test_a_category_marked_for_safeguarding_alerts_the_team_who_may_read_and_refer_it(client, school):
    from policy.models import Category
    from tests.reports.factories import make_report

    report = make_report(school["parent"], categories=list(Category.objects.filter(number=1)),
                         school_class=school["school_class"])  # fmt: skip
    assert ("dsl@example.org", "alert") in told(report)
    client.force_login(school["dsl"])
    page = client.get(f"/reports/{report.reference}/")
    assert page.status_code == 200 and "Refer to safeguarding" in page.content.decode()


def test_the_leadership_team_marks_categories_that_alert_safeguarding(client, school):
    from policy.models import Category

    category = Category.objects.get(number=7)
    client.force_login(school["head"])
    page = client.get(f"/admin/policy/category/{category.pk}/change/")
    assert 'name="alerts_safeguarding"' in page.content.decode()
    client.post(f"/admin/policy/category/{category.pk}/change/",
                {"number": 7, "wording": category.wording, "is_urgent": "on", "alerts_safeguarding": "on"})  # fmt: skip
    category.refresh_from_db()
    assert category.alerts_safeguarding


def test_only_the_team_may_be_added_to_a_colleague_once(school):
    report = raise_concern(reporter=school["parent"], description="x", occurred_on=timezone.localdate(),
                           school_class=None, concerns_staff=None, evidence=[])  # fmt: skip
    apply_concern_move(report, actor=school["dsl"], move=Move.ADD_COLLEAGUE, colleague=school["office"], note="Why")
    with pytest.raises(LadderError, match="can already read"):
        apply_concern_move(report, actor=school["dsl"], move=Move.ADD_COLLEAGUE, colleague=school["office"], note="2")
    stranger = make_user("someone@example.org")
    with pytest.raises(LadderError):
        apply_concern_move(report, actor=stranger, move=Move.NOTE, note="Let me in")
