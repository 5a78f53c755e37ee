"""A child at risk, in a real browser: the parent's "yes", the emergency guidance, the concern, the DSL's email
(through Redis, a real Celery worker and an SMTP server), the DSL's acknowledgement and referral, and the
people who must not see it getting "not found"."""

import datetime

import pytest
from playwright.sync_api import expect

from accounts.models import StaffGroup
from reports.models import Report
from school.models import Child, SchoolClass
from tests.browser.forms import fill_date
from tests.conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.services]

WHAT_HAPPENED = "My son's friend told him she is hit at home and is frightened to go back."


@pytest.fixture
def school(celery_worker, settings):
    settings.CHILDREN_SOCIAL_CARE_PHONE = "0300 111 2222"
    settings.SCHOOL_PHONE = "01234 999000"
    robins = SchoolClass.objects.create(name="Robins", year_group="Year 1", position=1)
    people = {
        "parent": make_user("parent@example.org", full_name="Pat Parent"),
        "teacher": make_user("teacher@example.org", StaffGroup.TEACHERS, full_name="Terry Teacher"),
        "office": make_user("office@example.org", StaffGroup.OFFICE, full_name="Olive Office", is_staff=True),
        "head": make_user(
            "head@example.org", StaffGroup.LEADERSHIP, full_name="Harriet Head", is_staff=True, is_headteacher=True
        ),  # fmt: skip
        "governor": make_user(
            "governor@example.org", StaffGroup.GOVERNORS, full_name="Gill Governor", is_chair_of_governors=True
        ),  # fmt: skip
        "dsl": make_user("dsl@example.org", StaffGroup.SAFEGUARDING, full_name="Dee Lead", is_dsl=True),
    }
    robins.teachers.add(people["teacher"])
    Child.objects.create(school_class=robins).parents.add(people["parent"])
    return people


def log_in(page, base, email):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).not_to_have_url(f"{base}/accounts/login/")


def test_a_parents_yes_reaches_the_dsl_alone(new_page, chromium, live_server, school, smtp_server):
    base = live_server.url
    parent = new_page()
    log_in(parent, base, "parent@example.org")
    parent.goto(f"{base}/reports/new/")
    parent.get_by_label("Yes").check()
    parent.get_by_role("button", name="Continue").click()

    emergency = parent.locator("#emergency")
    expect(emergency).to_contain_text("Call 999.")
    expect(emergency).to_contain_text("0300 111 2222")
    expect(emergency).to_contain_text("01234 999000")
    assert (
        emergency.bounding_box()["y"]
        < parent.get_by_label("What has happened, or what worries you?").bounding_box()["y"]
    )

    parent.get_by_label("What has happened, or what worries you?").fill(WHAT_HAPPENED)
    fill_date(parent, "When did it happen, or when did you notice?", datetime.date.today())
    parent.get_by_label("Which class is the child in? (optional)").select_option(label="Robins (Year 1)")
    parent.get_by_role("button", name="Send it to the safeguarding lead").click()
    expect(parent.get_by_role("heading", name="Thank you: the safeguarding lead has your concern")).to_be_visible()
    reference = parent.locator("#reference").inner_text()
    report = Report.objects.get(reference=reference)

    # The DSL's email comes through the worker and SMTP; it names the reference, never what was said.
    messages = smtp_server.sink.wait_for(2, timeout=60)
    by_recipient = {message["To"]: message for message in messages}
    assert set(by_recipient) == {"dsl@example.org", "parent@example.org"}
    to_dsl = by_recipient["dsl@example.org"]
    assert to_dsl["Subject"] == f"Safeguarding concern {reference}: please acknowledge it"
    assert "hit at home" not in to_dsl.get_body(("plain",)).get_content()
    assert f"/reports/{reference}/" in to_dsl.get_body(("plain",)).get_content()

    # The DSL sees it first on their list, acknowledges it and records a referral.
    dsl = new_page()
    log_in(dsl, base, "dsl@example.org")
    dsl.goto(f"{base}/safeguarding/")
    expect(dsl.locator("#unacknowledged-count")).to_contain_text("1")
    dsl.get_by_role("link", name=reference).click()
    expect(dsl.get_by_text(WHAT_HAPPENED)).to_be_visible()
    dsl.locator("#move-acknowledge summary").click()
    dsl.locator("#move-acknowledge").get_by_role("button", name="Acknowledge").click()
    expect(dsl.get_by_text("Done: acknowledged.")).to_be_visible()
    action = dsl.locator("#move-record_action")
    action.locator("summary").click()
    action.get_by_label("Referral to children's social care").check()
    action.get_by_label("Their reference (optional)").fill("CSC-2026-0042")
    action.get_by_role("button", name="Record an action").click()
    expect(dsl.get_by_text("CSC-2026-0042")).to_be_visible()
    assert report.events.filter(action="record_action", changes__reference="CSC-2026-0042").exists()

    # The parent sees that it was acknowledged, and nothing of what the team did.
    parent.goto(f"{base}/reports/{reference}/")
    expect(parent.get_by_text("The safeguarding team acknowledged it on")).to_be_visible()
    expect(parent.get_by_text("CSC-2026-0042")).to_have_count(0)

    # Nobody else on the staff can open it (their browsers are not watched: a 404 is what should happen).
    for person in ("teacher@example.org", "office@example.org", "head@example.org", "governor@example.org"):
        context = chromium.new_context()
        page = context.new_page()
        log_in(page, base, person)
        response = page.goto(f"{base}/reports/{reference}/")
        assert response.status == 404, person
        context.close()
