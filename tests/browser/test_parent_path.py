"""The parent's whole path, in a real browser against the live server.

Read the policy, try to make a report, log in, send a report with a photo,
get a reference and an email, and find the report again with its photo.
"""

import re

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import StaffGroup
from policy.models import Category, PolicyVersion
from school.models import Child, SchoolClass
from tests.conftest import PASSWORD, make_user
from tests.files import exif_of, jpeg_with_gps

from .conftest import PHONE
from .forms import fill_date

# Transactional (the live server sees what the test writes); the data migrations' rows are put back
# before each test by tests/conftest.py.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REFERENCE = re.compile(r"^[2-9A-HJ-NP-TV-Z]{4}-[2-9A-HJ-NP-TV-Z]{4}$")
POLICY_TITLE = "Social media policy for parents and carers"
CATEGORY = "Abusive or personal comments about staff, pupils or other parents"
PARENT_EMAIL = "parent@example.org"


@pytest.fixture
def robins_parent(transactional_db):
    assert PolicyVersion.objects.filter(number=1).exists(), "policy version 1 (a data migration) is missing"
    assert Category.objects.count() == 8, "the policy's eight categories (a data migration) are missing"
    assert set(Group.objects.values_list("name", flat=True)) == set(StaffGroup.values), "staff groups are missing"
    robins = SchoolClass.objects.create(name="Robins", year_group="Year 1", position=1)
    SchoolClass.objects.create(name="Kestrels", year_group="Year 2", position=2)
    parent = make_user(PARENT_EMAIL, full_name="Pat Parent")
    Child.objects.create(school_class=robins, name="Alex").parents.add(parent)
    return parent


def log_in(page, email=PARENT_EMAIL, password=PASSWORD):
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def test_a_parent_reads_the_policy_reports_with_a_photo_and_finds_the_report_again(
    page, live_server, robins_parent, mailoutbox, tmp_path
):
    # The policy, for anyone.
    page.goto(f"{live_server.url}/policy/")
    expect(page.get_by_role("heading", level=1)).to_have_text(POLICY_TITLE)
    expect(page.get_by_text("Initially contact the class teacher")).to_be_visible()

    # Making a report needs an account: to the login page and back.
    page.goto(f"{live_server.url}/reports/new/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/reports/new/")
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    log_in(page)
    expect(page).to_have_url(f"{live_server.url}/reports/new/")
    expect(page.get_by_role("heading", name="Make a report")).to_be_visible()
    page.get_by_label("No").check()  # the first question: is a child at risk of harm?
    page.get_by_role("button", name="Continue").click()

    # The form, as a parent fills it in.
    photo = tmp_path / "whatsapp-screenshot.jpg"
    photo.write_bytes(jpeg_with_gps().read())
    page.get_by_label("Online conduct that breaches the policy").check()
    page.get_by_label(CATEGORY, exact=True).check()
    page.get_by_label("What happened?").fill("Someone posted rude comments about a teacher in the class group.")
    page.get_by_label("WhatsApp group", exact=True).check()
    page.get_by_label("Name of the group, page or email thread").fill("Robins parents")
    fill_date(page, "When did it happen?", timezone.localdate())
    page.get_by_label("A member of staff", exact=True).check()
    page.get_by_label("Which class does it relate to?").select_option(label="Robins (Year 1)")
    page.get_by_label("Files (optional)").set_input_files(photo)
    page.get_by_role("button", name="Send the report").click()

    # The confirmation, with a reference.
    expect(page).to_have_url(re.compile(r"/reports/[^/]+/submitted/$"))
    expect(page.get_by_role("heading", name="Thank you: your report is received")).to_be_visible()
    reference = page.locator("#reference").inner_text().strip()
    assert REFERENCE.match(reference), reference
    assert page.url == f"{live_server.url}/reports/{reference}/submitted/"

    # The confirmation email went out after the commit, with the reference in its subject.
    assert len(mailoutbox) == 1, [message.subject for message in mailoutbox]
    [message] = mailoutbox
    assert message.to == [PARENT_EMAIL]
    assert reference in message.subject

    # My reports lists it; the report shows the photo.
    page.get_by_role("main").get_by_role("link", name="My reports").click()
    expect(page).to_have_url(f"{live_server.url}/reports/")
    listed = page.get_by_role("link", name=reference)
    expect(listed).to_be_visible()
    listed.click()
    expect(page).to_have_url(f"{live_server.url}/reports/{reference}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Report {reference}")
    expect(page.get_by_text(CATEGORY)).to_be_visible()
    expect(page.get_by_text("Robins", exact=True)).to_be_visible()

    image = page.get_by_role("img", name="Evidence: whatsapp-screenshot.jpg")
    expect(image).to_be_visible()
    page.wait_for_load_state("load")
    assert image.evaluate("img => img.complete && img.naturalWidth") == 64
    assert image.evaluate("img => img.naturalHeight") == 48

    # What the browser is served has had its location removed.
    served = page.request.get(image.evaluate("img => img.src"))
    assert served.status == 200
    assert served.headers["content-type"] == "image/jpeg"
    exif = exif_of(served.body())
    assert 0x8825 not in exif and 0x010F not in exif


def test_the_report_form_fits_a_phone_without_sideways_scrolling(new_page, live_server, robins_parent):
    page = new_page(viewport=PHONE)
    page.goto(f"{live_server.url}/reports/new/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    log_in(page)
    expect(page).to_have_url(f"{live_server.url}/reports/new/")
    page.get_by_label("No").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("button", name="Send the report")).to_be_attached()
    page.wait_for_load_state("load")

    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= PHONE["width"], f"the report form is {scroll_width}px wide on a {PHONE['width']}px phone"
