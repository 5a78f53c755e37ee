"""The whole complaints procedure, in a real browser against the live server, with the demo school's accounts.

A parent reports online conduct; the class teacher acknowledges it, sets a
new date with its reason, and responds; the parent escalates; the office
passes it to the headteacher, who acknowledges and responds; the parent
escalates to the governors; the clerk arranges a panel (refused until it is
lawful: three people, one independent), the parent names who comes with
them, the decision waits for the panel's day and is recorded on it; the
parent reads it on a closed report, and the register lists the complaint.
Each person has their own browser context (their own cookies), and each step
checks what that person would notice: the sentence of where it stands, the
flash message, the text on the page, and the email they were sent.

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
from django.utils.formats import date_format
from playwright.sync_api import expect

from reports.models import Report
from reports.services import school_calendar
from school.management.commands import seed_demo
from tests.browser.forms import fill_date

# Transactional: see test_parent_path.py.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ["SCREENSHOTS_DIR"]) if os.environ.get("SCREENSHOTS_DIR") else None
REFERENCE = re.compile(r"^[2-9A-HJ-NP-TV-Z]{4}-[2-9A-HJ-NP-TV-Z]{4}$")
CATEGORY = "Abusive or personal comments about staff, pupils or other parents"
PARENT, TEACHER, OFFICE, HEAD, CLERK, GOVERNOR2, GOVERNOR3 = (
    f"{name}@example.org" for name in ("parent", "teacher", "office", "head", "clerk", "governor2", "governor3")
)
FIRST_RESPONSE = "We have spoken to the group admin."
FIRST_ESCALATION = "The comments are still there a week later."
SECOND_RESPONSE = "The leadership team has reviewed it."
SECOND_ESCALATION = "I would like the governors to look at how this was handled."
NEW_DATE_REASON = "The group's admin is away until next week; I need to speak to them first."
COMPANION = "My sister, Ruth Parent."
FINDINGS = "The comments were unkind; the school asked for them to be removed, but slowly."
RECOMMENDATIONS = "Answer reports of online conduct within five school days."
ACTION_TAKEN = "The comments were removed and the class's group rules were rewritten."
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


def expect_standing(page, pattern):
    """The sentence at the top of the report's page: where it stands and who acts next."""
    expect(page.locator("#standing")).to_have_text(re.compile(pattern))


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


def day(date):
    return date_format(date, "l j F")


def test_a_report_climbs_the_whole_ladder_to_the_governors(new_page, live_server, demo_password, mailoutbox):
    base = live_server.url
    mail = Mail(mailoutbox)
    people = {}
    today = timezone.localdate()

    def as_(email):
        """This person's page, in their own browser context, logged in the first time."""
        if email not in people:
            people[email] = new_page()
            log_in(people[email], base, email, demo_password)
        return people[email]

    # 1. The parent reports online conduct in the Robins' WhatsApp group. The form names the matters with
    # procedures of their own, and warns at once of a date past the time limit.
    parent = as_(PARENT)
    parent.goto(f"{base}/reports/new/")
    parent.get_by_label("No").check()  # no child at risk: a report under the policy
    parent.get_by_role("button", name="Continue").click()
    parent.locator("#other-procedures summary").click()
    expect(parent.locator("#other-procedures")).to_contain_text("the governing board's review of the exclusion")
    parent.get_by_label("Online conduct that breaches the policy").check()
    parent.get_by_label(CATEGORY, exact=True).check()
    parent.get_by_label("What happened?").fill("Someone posted unkind comments about another parent.")
    parent.get_by_label("WhatsApp group", exact=True).check()
    parent.get_by_label("Name of the group, page or email thread").fill("Robins parents")
    warning = parent.locator("#late-warning")
    expect(warning).to_be_hidden()
    fill_date(parent, "When did it happen?", today - datetime.timedelta(days=200))
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("That is more than 3 months ago.")
    fill_date(parent, "When did it happen?", today - datetime.timedelta(days=3))
    expect(warning).to_be_hidden()
    parent.get_by_label("A parent or carer", exact=True).check()
    parent.get_by_label("Which class does it relate to?").select_option(label="Robins (Year 1)")
    parent.get_by_role("button", name="Send the report").click()
    expect(parent.get_by_role("heading", name="Thank you: your report is received")).to_be_visible()
    reference = parent.locator("#reference").inner_text().strip()
    assert REFERENCE.match(reference), reference
    report = Report.objects.get(reference=reference)
    expect_standing(parent, f"^With the class teacher, who will acknowledge it by {day(report.due_on)}\\.$")
    report_url = f"{base}/reports/{reference}/"
    assert mail.new() == [
        (PARENT, f"We have received your report {reference}"),
        (TEACHER, f"Report {reference} has reached you"),
    ]

    # 2. The class teacher finds it by its reference, acknowledges it, sets a new date, and responds.
    teacher = as_(TEACHER)
    teacher.goto(f"{base}/queue/")
    teacher.get_by_label("Search").fill(reference.lower().replace("-", ""))
    teacher.get_by_role("button", name="Show", exact=True).click()
    expect(teacher.locator("table tbody tr")).to_have_count(1)
    open_from_list(teacher, teacher.url, reference)
    expect(teacher.locator("dd").get_by_text(CATEGORY)).to_be_visible()
    submit(move(teacher, "Acknowledge"), "Acknowledge")
    expect_done(teacher, "acknowledged")
    assert mail.new() == [(PARENT, f"Your report {reference}: the class teacher is looking into it")]

    report.refresh_from_db()
    new_date = school_calendar().add_school_days(report.due_on, 3)
    extend = move(teacher, "Set a new date")
    expect(extend).to_contain_text("The parent will read this note, and it is emailed to them.")
    extend.get_by_label("The new date").fill(new_date.isoformat())
    extend.get_by_label("The reason, for the parent").fill(NEW_DATE_REASON)
    extend.get_by_label("A reason for staff (optional)").fill("Second time this term for this group.")
    submit(extend, "Set a new date")
    expect_done(teacher, "new date set")
    assert mail.new() == [(PARENT, f"Your report {reference}: a new date for the next step")]
    parent.goto(report_url)
    expect_standing(parent, f"^The class teacher is looking into it and will reply by {day(new_date)}\\.$")
    expect(parent.locator("#latest")).to_contain_text(NEW_DATE_REASON)
    expect(parent.get_by_text("Second time this term")).to_have_count(0)

    respond = move(teacher, "Respond")
    respond.get_by_label("Your response to the parent").fill(FIRST_RESPONSE)
    submit(respond, "Respond")
    expect_done(teacher, "responded")
    assert mail.new() == [(PARENT, f"Your report {reference}: the class teacher has replied")]

    # 3. The parent reads the response first on the page, and escalates.
    parent.goto(report_url)
    expect_standing(parent, "^The class teacher replied on .+ If you are not satisfied, you can escalate it until ")
    expect(parent.locator("#latest")).to_contain_text(FIRST_RESPONSE)
    escalate = move(parent, "Escalate to the next step")
    escalate.get_by_label("Why you are not satisfied").fill(FIRST_ESCALATION)
    submit(escalate, "Escalate to the next step")
    expect_done(parent, "escalated")
    expect_standing(parent, "^With the school office, who will acknowledge it by ")
    assert mail.new() == [
        (OFFICE, f"Report {reference} has reached you"),
        (PARENT, f"Your report {reference} has gone to the school office"),
    ]

    # 4. The office passes it to the headteacher, who acknowledges it and responds.
    office = as_(OFFICE)
    open_from_list(office, f"{base}/queue/", reference)
    reassign = move(office, "Pass it to someone else")
    expect(reassign).to_contain_text("Only staff see this note.")
    reassign.get_by_label("Pass it to").select_option(label="Harriet Head (Leadership)")
    submit(reassign, "Pass it to someone else")
    expect_done(office, "reassigned")
    assert mail.new() == [(HEAD, f"Report {reference} has reached you")]

    head = as_(HEAD)
    open_from_list(head, f"{base}/queue/", reference)
    submit(move(head, "Acknowledge"), "Acknowledge")
    expect_done(head, "acknowledged")
    respond = move(head, "Respond")
    respond.get_by_label("Your response to the parent").fill(SECOND_RESPONSE)
    submit(respond, "Respond")
    expect_done(head, "responded")
    assert mail.new() == [
        (PARENT, f"Your report {reference}: the headteacher has replied"),
        (PARENT, f"Your report {reference}: the headteacher is looking into it"),
    ]

    # 5. The parent escalates to the governors: the clerk holds it now.
    parent.goto(report_url)
    expect_standing(parent, "^The headteacher replied on ")
    escalate = move(parent, "Escalate to the next step")
    escalate.get_by_label("Why you are not satisfied").fill(SECOND_ESCALATION)
    submit(escalate, "Escalate to the next step")
    expect_done(parent, "escalated")
    expect_standing(parent, "^With the clerk to the governors, who will acknowledge it by ")
    assert mail.new() == [
        (CLERK, f"Report {reference} has reached you"),
        (PARENT, f"Your report {reference} has gone to the clerk to the governors"),
    ]

    # 6. The clerk arranges a panel: two governors alone are refused, with the reason and the choices kept;
    # with the independent member it is lawful. It meets on a later day.
    clerk = as_(CLERK)
    open_from_list(clerk, f"{base}/governors/", reference)
    timeline = clerk.locator("#timeline + ol > li")
    expect(timeline.locator("strong")).to_have_text(
        ["Submitted", "Acknowledged", "New date set", "Responded", "Escalated", "Acknowledged", "Responded",
         "Escalated"]
    )  # fmt: skip
    expect(clerk.get_by_text("Now with Harriet Head.")).to_have_count(0)  # passing it on was internal
    panel_day = today + datetime.timedelta(days=7)
    panel = move(clerk, "Arrange the panel")
    panel.get_by_label("The day the panel meets").fill(panel_day.isoformat())
    panel.get_by_label("Gus Second-Governor").check()
    panel.get_by_label("Grace Third-Governor").check()
    panel.get_by_label("The invitation to the parent (with anything they need to know)").fill(
        "The panel meets at the school at 4pm."
    )
    submit(panel, "Arrange the panel")
    panel = clerk.locator("#move-record_panel")
    expect(panel).to_contain_text("At least 1 member must be independent of the management and running of the school.")
    expect(panel.get_by_label("Gus Second-Governor")).to_be_checked()
    assert mail.new() == []
    panel.get_by_label("Ivy Independent (Governor at Elm School)").check()
    submit(panel, "Arrange the panel")
    expect_done(clerk, "panel arranged")
    shoot(clerk, "2-clerk-report-before-the-panel")
    assert mail.new() == [
        (GOVERNOR2, f"Complaint {reference}: you are on its panel, meeting on {panel_day.day} {panel_day:%B}"),
        (GOVERNOR3, f"Complaint {reference}: you are on its panel, meeting on {panel_day.day} {panel_day:%B}"),
        (PARENT, f"Your report {reference}: the governors' panel meets on {panel_day.day} {panel_day:%B}"),
    ]

    # 7. Before the panel's day the decision cannot be recorded: the page says from when.
    expect(clerk.locator("#waiting-for-the-panel")).to_contain_text(f"from {day(panel_day)}")
    expect(clerk.locator("#move-record_outcome")).to_have_count(0)

    # 8. The parent is invited, and says who comes with them.
    parent.goto(report_url)
    expect_standing(parent, f"^A governors' panel meets on {day(panel_day)}; the clerk will send you its decision")
    companion = move(parent, "Say who will come with you to the panel")
    companion.get_by_label("Their name, and how they know you").fill(COMPANION)
    submit(companion, "Say who will come with you to the panel")
    expect_done(parent, "named who comes to the panel")
    assert mail.new() == [(CLERK, f"Report {reference}: the parent has said who comes with them to the panel")]

    # 9. The panel is brought forward to today; on its day the decision is recorded.
    clerk.reload()
    expect(clerk.locator("#panel")).to_contain_text(COMPANION)
    panel = move(clerk, "Arrange the panel")
    panel.get_by_label("The day the panel meets").fill(today.isoformat())
    for name in ("Gus Second-Governor", "Grace Third-Governor", "Ivy Independent (Governor at Elm School)"):
        panel.get_by_label(name).check()
    panel.get_by_label("The invitation to the parent (with anything they need to know)").fill(
        "The panel has been brought forward to today at 4pm, as we agreed on the telephone."
    )
    submit(panel, "Arrange the panel")
    expect_done(clerk, "panel arranged")
    mail.new()
    outcome = move(clerk, "Record the panel's decision")
    outcome.get_by_label("Partly upheld", exact=True).check()
    outcome.get_by_label("Findings").fill(FINDINGS)
    outcome.get_by_label("Recommendations").fill(RECOMMENDATIONS)
    outcome.get_by_label("The action the school has taken or will take").fill(ACTION_TAKEN)
    outcome.get_by_label("The letter to the parent").fill(LETTER)
    submit(outcome, "Record the panel's decision")
    expect_done(clerk, "outcome recorded")
    assert mail.new() == [(PARENT, f"Your report {reference}: the governors' panel has decided")]
    decision = mailoutbox[-1].body
    for words in (FINDINGS, RECOMMENDATIONS, ACTION_TAKEN, "School Complaints Unit"):
        assert words in decision, words

    # 10. The parent reads the decision on a closed report, with nothing more to do.
    parent.goto(report_url)
    expect_standing(parent, "^Closed on .+ with the governors' decision, which ends the school's complaints procedure")
    expect(parent.locator("#panel")).to_contain_text("Partly upheld")
    expect(parent.locator("#panel")).to_contain_text(FINDINGS)
    expect(parent.get_by_role("heading", name="What you can do")).to_have_count(0)
    expect(parent.locator("details")).to_have_count(0)
    shoot(parent, "5-parent-closed-report")

    # 11. The register the governing body keeps lists the complaint, with no one named.
    clerk.goto(f"{base}/governors/register/")
    row = clerk.locator("#register tbody tr").filter(has_text=reference)
    expect(row).to_contain_text("Governors")
    expect(row).to_contain_text("Partly upheld")
    expect(row).to_contain_text(ACTION_TAKEN)
    expect(clerk.locator("#register")).not_to_contain_text("Pat Parent")
    shoot(clerk, "6-clerk-register")

    assert all(reference in message.subject for message in mailoutbox)
