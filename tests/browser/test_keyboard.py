"""A parent who uses only the keyboard logs in, fills in the report form, corrects it and sends it.

Every step is a key press: Tab to move, Space to choose, typing to fill, Enter to send. After a failed
submit the focus is on the error summary, and its links take the focus to each field to correct.
"""

import re

import pytest
from playwright.sync_api import expect

from school.models import Child, SchoolClass
from tests.conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MOST_TABS = 80


@pytest.fixture
def parent(transactional_db):
    robins = SchoolClass.objects.create(name="Robins", year_group="Year 1", position=1)
    person = make_user("parent@example.org", full_name="Pat Parent")
    Child.objects.create(school_class=robins, name="Alex").parents.add(person)
    return person


def focused(page):
    return page.evaluate("document.activeElement && (document.activeElement.id || document.activeElement.name || '')")


def tab_to(page, element_id, key="Tab"):
    """Press Tab until the element with ``element_id`` has the focus (it must be reachable by the keyboard)."""
    for _ in range(MOST_TABS):
        if focused(page) == element_id:
            return
        page.keyboard.press(key)
    pytest.fail(f"#{element_id} could not be reached with the Tab key (focus is on {focused(page)!r})")


def test_the_report_form_by_keyboard_alone(page, live_server, parent):
    page.goto(f"{live_server.url}/accounts/login/?next=/reports/new/")
    tab_to(page, "id_username")
    page.keyboard.type("parent@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Make a report")).to_be_visible()

    tab_to(page, "id_child_at_risk_0")  # Tab reaches the group; the arrow keys move within it
    page.keyboard.press("ArrowDown")  # "No": no child is at risk
    expect(page.locator("#id_child_at_risk_1")).to_be_checked()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"child_at_risk=no"))

    # Only the first answer, then send: the page says what to correct and moves to the summary.
    tab_to(page, "id_kind_0")
    page.keyboard.press("Space")
    tab_to(page, "id_description")
    page.keyboard.press("Enter")  # a new line in the text box, not a submit
    page.keyboard.press("Shift+Tab")
    tab_to(page, "submit-report")
    page.keyboard.press("Enter")
    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text(
        [
            "Tick at least one kind of inappropriate online activity.",
            "Describe what happened.",
            "Choose where it happened.",
            "Enter the date it happened, or your best guess.",
            "Choose who it concerns.",
        ]
    )

    # Each link in the summary takes the focus to its field.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#id_description")).to_be_focused()
    expect(page.locator("#id_description")).to_have_attribute("aria-invalid", "true")
    page.keyboard.type("Someone posted rude comments about a teacher in the class group.")

    tab_to(page, "id_categories_1", key="Shift+Tab")
    page.keyboard.press("Space")
    tab_to(page, "id_platform_0")
    page.keyboard.press("Space")  # WhatsApp group
    tab_to(page, "id_occurred_on_0")
    page.keyboard.type("24")
    page.keyboard.press("Tab")
    page.keyboard.type("11")
    page.keyboard.press("Tab")
    page.keyboard.type("2026")
    tab_to(page, "id_concerns_0")
    page.keyboard.press("ArrowDown")  # radios in a group: the arrow keys move and choose
    tab_to(page, "submit-report")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="Thank you: your report is received")).to_be_visible()
    expect(page.locator("#standing")).to_contain_text("who will acknowledge it by")
