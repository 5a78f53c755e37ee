"""Reading a report on a phone: long web addresses wrap, other scripts keep their direction, dark mode is dark."""

import pytest

from tests.conftest import PASSWORD

from .test_keyboard import parent  # noqa: F401 - the fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_long_web_address_and_arabic_script_read_right_on_a_phone_in_dark_mode(new_page, live_server, parent):  # noqa: F811
    from reports.models import Report
    from tests.reports.factories import make_report

    long_link = "https://example.org/" + "a" * 400
    report = make_report(parent, description="تبصرے بہت بدتمیز تھے۔ " * 5, links=long_link)
    assert Report.objects.filter(pk=report.pk).exists()
    page = new_page(viewport={"width": 390, "height": 844})
    page.emulate_media(color_scheme="dark")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email address").fill("parent@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}{report.get_absolute_url()}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.evaluate("document.documentElement.getAttribute('data-bs-theme')") == "dark"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background != "rgb(255, 255, 255)", background
    description = page.locator("dd.user-text").first
    assert description.evaluate("element => getComputedStyle(element).direction") == "rtl"


@pytest.mark.parametrize("width", [1200, 1280])
def test_the_headteachers_long_menu_wraps_rather_than_widening_the_page(new_page, live_server, width):
    from accounts.models import StaffGroup
    from tests.conftest import make_user

    make_user("head@example.org", StaffGroup.LEADERSHIP, StaffGroup.GOVERNORS, full_name="Harriet Head",
              is_staff=True, is_headteacher=True)  # fmt: skip
    page = new_page(viewport={"width": width, "height": 900})
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email address").fill("head@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/policy/")
    assert page.get_by_role("link", name="Overview").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
