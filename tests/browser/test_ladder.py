"""The whole ladder, in a real browser against the live server, with the demo school's accounts.

A parent reports online conduct; the class teacher acknowledges and responds;
the parent escalates; the office passes it to the headteacher, who
acknowledges and responds; the parent escalates again; the chair of governors
records the panel and its outcome; the parent reads the outcome on a closed
report. Each person has their own browser context (their own cookies), and
each step checks what that person would notice: the flash message, the status,
the text on the page, and the email they were sent.

Screenshots for a person to look at go to ``LADDER_SHOTS_DIR`` (by default
/tmp/ladder-shots), never into the repository.
"""

import datetime
import io
import os
import re
from pathlib import Path

import pytest
from django.core import management
from django.utils import timezone
from playwright.sync_api import expect

from school.management.commands import seed_demo

# serialized_rollback: see test_parent_path.py (the data migrations' rows survive the flush).
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SHOTS = Path(os.environ["SCREENSHOTS_DIR"]) if os.environ.get("SCREENSHOTS_DIR") else None
REFERENCE = re.compile(r"^[2-9A-HJ-NP-TV-Z]{4}-[2-9A-HJ-NP-TV-Z]{4}$")
CATEGORY = "Abusive or personal comments about staff, pupils or other parents"
PARENT, TEACHER, OFFICE, HEAD, GOVERNOR = (
    f"{name}@example.org" for name in ("parent", "teacher", "office", "head", "governor")
)
FIRST_RESPONSE = "We have spoken to the group admin."
FIRST_ESCALATION = "The comments are still there a week later."
SECOND_RESPONSE = "The leadership team has reviewed it."
SECOND_ESCALATION = "I would like the governors to look at how this was handled."
PANEL_MEMBERS = "Gill Governor\nAnother Governor"
LETTER = "Dear parent, the panel partly upheld your complaint."


@pytest.fixture
def demo_password(transactional_db, settings):
    """The demo school from ``seed_demo`` (it refuses to run without DEBUG); returns its password."""
    settings.DEBUG = True
    out = io.StringIO()
    management.call_command("seed_demo", stdout=out)
    settings.DEBUG = False
    assert "Demo school ready (13 new accounts)." in out.getvalue(), out.getvalue()
    return os.environ.get("DEMO_PASSWORD") or seed_demo.DEFAULT_PASSWORD


class Mail:
    """The outbox, read step by step: ``new()`` is what was sent since the last look."""

    def __init__(self, outbox):
        self.outbox, self.seen = outbox, 0

    def new(self):
        messages = self.outbox[self.seen :]
        self.seen = len(self.outbox)
        return sorted((to, message.subject) for message in messages for to in message.to)


def log_in(page, base_url, email, password):
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    expect(page.get_by_role("button", name="Log out")).to_have_attribute("title", f"Logged in as {email}")


def move(page, button):
    """Open the move whose summary reads ``button``; returns its <details>, for filling in and submitting."""
    details = page.locator("details").filter(has=page.locator("summary").get_by_text(button, exact=True))
    expect(details).to_have_count(1)
    details.locator("summary").click()
    expect(details).to_have_attribute("open", "")
    return details


def submit(details, button):
    details.get_by_role("button", name=button, exact=True).click()


def expect_done(page, label):
    expect(page.locator(".alert[role=status]")).to_have_text(f"Done: {label}.")


def expect_position(page, stage, status):
    card = page.locator(".card").filter(has=page.get_by_role("heading", name="Where it is now"))
    expect(card).to_contain_text(f"With: {stage}")
    expect(card.get_by_text(re.compile(r"^Status: "))).to_have_text(f"Status: {status}")


def open_from_list(page, url, reference):
    page.goto(url)
    link = page.get_by_role("link", name=reference, exact=True)
    expect(link).to_be_visible()
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Report {reference}")


def shoot(page, name):
    """Screenshots for a person to look at, only when SCREENSHOTS_DIR is set."""
    if not SHOTS:
        return
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_load_state("load")
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def test_a_report_climbs_the_whole_ladder_to_the_governors(new_page, live_server, demo_password, mailoutbox):
    base = live_server.url
    mail = Mail(mailoutbox)
    people = {}

    def as_(email):
        """This person's page, in their own browser context, logged in the first time."""
        if email not in people:
            people[email] = new_page()
            log_in(people[email], base, email, demo_password)
        return people[email]

    # 1. The parent reports online conduct in the Robins' WhatsApp group.
    parent = as_(PARENT)
    parent.goto(f"{base}/reports/new/")
    parent.get_by_label("No").check()  # no child at risk: a report under the policy
    parent.get_by_role("button", name="Continue").click()
    parent.get_by_label("Online conduct that breaches the policy").check()
    parent.get_by_label(CATEGORY, exact=True).check()
    parent.get_by_label("What happened?").fill("Someone posted unkind comments about another parent.")
    parent.get_by_label("WhatsApp group", exact=True).check()
    parent.get_by_label("Name of the group, page or email thread").fill("Robins parents")
    parent.get_by_label("When did it happen?").fill((timezone.localdate() - datetime.timedelta(days=3)).isoformat())
    parent.get_by_label("A parent or carer", exact=True).check()
    parent.get_by_label("Which class does it relate to?").select_option(label="Robins (Year 1)")
    parent.get_by_role("button", name="Send the report").click()
    expect(parent.get_by_role("heading", name="Thank you: your report is received")).to_be_visible()
    reference = parent.locator("#reference").inner_text().strip()
    assert REFERENCE.match(reference), reference
    expect(parent.get_by_role("status")).to_contain_text("It is now with: Class teacher")
    report_url = f"{base}/reports/{reference}/"
    assert mail.new() == [
        (PARENT, f"We have received your report {reference}"),
        (TEACHER, f"report {reference} is now with you (class teacher)"),
    ]

    # 2. The class teacher finds it in their queue, acknowledges it and responds.
    teacher = as_(TEACHER)
    open_from_list(teacher, f"{base}/queue/", reference)
    expect_position(teacher, "Class teacher", "New")
    expect(teacher.locator("dd").get_by_text(CATEGORY)).to_be_visible()
    submit(move(teacher, "Acknowledge"), "Acknowledge")
    expect_done(teacher, "acknowledged")
    expect_position(teacher, "Class teacher", "Acknowledged")
    shoot(teacher, "1-teacher-report-after-acknowledging")
    assert mail.new() == []  # acknowledging emails nobody

    respond = move(teacher, "Respond")
    respond.get_by_label("Note").fill(FIRST_RESPONSE)
    submit(respond, "Respond")
    expect_done(teacher, "responded")
    expect_position(teacher, "Class teacher", "Responded")
    assert mail.new() == [(PARENT, f"Report {reference}: responded")]

    # 3. The parent reads the response and escalates.
    parent.goto(report_url)
    expect_position(parent, "Class teacher", "Responded")
    expect(parent.get_by_text(FIRST_RESPONSE)).to_be_visible()
    expect(parent.get_by_text("You can escalate until")).to_be_visible()
    escalate = move(parent, "Escalate to the next step")
    escalate.get_by_label("Note").fill(FIRST_ESCALATION)
    submit(escalate, "Escalate to the next step")
    expect_done(parent, "escalated")
    expect_position(parent, "School office and leadership team", "New")
    expect(parent.get_by_text(FIRST_ESCALATION)).to_be_visible()
    assert mail.new() == [
        (OFFICE, f"report {reference} is now with you (school office and leadership team)"),
        (PARENT, f"Report {reference}: escalated"),  # where it went, and by when
    ]

    # 4. The office finds it in their queue and passes it to the headteacher.
    office = as_(OFFICE)
    office.goto(f"{base}/queue/")
    expect(office.get_by_role("link", name=reference, exact=True)).to_be_visible()
    shoot(office, "3-office-queue")
    open_from_list(office, f"{base}/queue/", reference)
    expect_position(office, "School office and leadership team", "New")
    reassign = move(office, "Pass it to someone else")
    reassign.get_by_label("Pass it to").select_option(label="Harriet Head (Leadership)")
    submit(reassign, "Pass it to someone else")
    expect_done(office, "reassigned")
    expect_position(office, "School office and leadership team (Harriet Head)", "New")
    assert mail.new() == [(HEAD, f"report {reference} is now with you (school office and leadership team)")]

    # 5. The headteacher finds it in their queue, acknowledges it and responds.
    head = as_(HEAD)
    open_from_list(head, f"{base}/queue/", reference)
    expect_position(head, "School office and leadership team (Harriet Head)", "New")
    submit(move(head, "Acknowledge"), "Acknowledge")
    expect_done(head, "acknowledged")
    expect_position(head, "School office and leadership team (Harriet Head)", "Acknowledged")
    respond = move(head, "Respond")
    respond.get_by_label("Note").fill(SECOND_RESPONSE)
    submit(respond, "Respond")
    expect_done(head, "responded")
    expect_position(head, "School office and leadership team (Harriet Head)", "Responded")
    assert mail.new() == [(PARENT, f"Report {reference}: responded")]
    head.goto(f"{base}/overview/")
    expect(head.get_by_role("heading", name="Leadership overview")).to_be_visible()
    expect(head.locator("#open-total")).to_have_text("1")
    shoot(head, "4-head-overview")

    # 6. The parent reads the second response and escalates to the governors.
    parent.goto(report_url)
    expect_position(parent, "School office and leadership team", "Responded")
    expect(parent.get_by_text(SECOND_RESPONSE)).to_be_visible()
    expect(parent.get_by_text("You can escalate until")).to_be_visible()
    escalate = move(parent, "Escalate to the next step")
    escalate.get_by_label("Note").fill(SECOND_ESCALATION)
    submit(escalate, "Escalate to the next step")
    expect_done(parent, "escalated")
    expect_position(parent, "Governors", "New")
    assert mail.new() == [
        (GOVERNOR, f"report {reference} is now with you (governors)"),
        (PARENT, f"Report {reference}: escalated"),
    ]

    # 7. The chair of governors sees the chronology as it reached them (what the school and the parent
    # said to each other, not the staff's internal steps), records the panel, then the outcome.
    governor = as_(GOVERNOR)
    open_from_list(governor, f"{base}/governors/", reference)
    expect_position(governor, "Governors", "New")
    timeline = governor.locator("#timeline + ol > li")
    expect(timeline.locator("strong")).to_have_text(
        ["Submitted", "Acknowledged", "Responded", "Escalated", "Acknowledged", "Responded", "Escalated"]
    )
    for number, note in [(3, FIRST_RESPONSE), (4, FIRST_ESCALATION), (6, SECOND_RESPONSE), (7, SECOND_ESCALATION)]:
        expect(timeline.nth(number - 1)).to_contain_text(note)
    expect(governor.get_by_text("Now with Harriet Head.")).to_have_count(0)  # passing it on was internal

    panel = move(governor, "Record the panel")
    panel.get_by_label("Date of the panel").fill(timezone.localdate().isoformat())
    panel.get_by_label("Members of the panel").fill(PANEL_MEMBERS)
    submit(panel, "Record the panel")
    expect_done(governor, "panel recorded")
    expect_position(governor, "Governors", "Acknowledged")
    expect(governor.locator("dd", has_text="Another Governor")).to_be_visible()
    assert mail.new() == [(PARENT, f"Report {reference}: panel recorded")]
    shoot(governor, "2-governor-report-before-the-outcome")

    outcome = move(governor, "Record the outcome")
    outcome.get_by_label("Partly upheld", exact=True).check()
    outcome.get_by_label("The letter to the reporter").fill(LETTER)
    submit(outcome, "Record the outcome")
    expect_done(governor, "outcome recorded")
    expect_position(governor, "Governors", "Closed")
    assert mail.new() == [(PARENT, f"Report {reference}: outcome recorded")]

    # 8. The parent reads the outcome on a closed report, with nothing more to do.
    parent.goto(report_url)
    expect_position(parent, "Governors", "Closed")
    expect(parent.get_by_text("Partly upheld", exact=True)).to_be_visible()
    expect(parent.get_by_text(LETTER).first).to_be_visible()
    expect(parent.get_by_role("heading", name="What you can do")).to_have_count(0)
    expect(parent.locator("details")).to_have_count(0)
    parent_moves = re.compile("Escalate|Withdraw|Add information|I am satisfied")
    expect(parent.get_by_role("button", name=parent_moves)).to_have_count(0)
    shoot(parent, "5-parent-closed-report")

    # Everyone heard what concerned them: 11 emails, each naming the reference.
    # The parent's 7: received, responded (teacher), escalated, responded (head), escalated, panel recorded,
    # outcome recorded. Acknowledgements show on the report's page and are not emailed.
    # The handlers' 4: teacher, office, head and governor each "report … is now with you (…)".
    assert all(reference in message.subject for message in mailoutbox)
    recipients = [to for message in mailoutbox for to in message.to]
    assert {to: recipients.count(to) for to in recipients} == {
        PARENT: 7,
        TEACHER: 1,
        OFFICE: 1,
        HEAD: 1,
        GOVERNOR: 1,
    }
