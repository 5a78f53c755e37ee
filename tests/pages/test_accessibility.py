"""/accessibility/: the accessibility statement, in the form UK public sector bodies publish."""

import datetime

import pytest


@pytest.mark.parametrize("person", [None, "parent", "teacher", "office", "head", "governor", "clerk"])
def test_anyone_can_read_it_signed_in_or_not(client, db, request, person):
    if person:
        client.force_login(request.getfixturevalue(person))
    response = client.get("/accessibility/")
    assert response.status_code == 200
    assert "Accessibility statement for the" in response.content.decode()


def test_it_names_the_standard_the_regulations_and_who_enforces_them(client, db):
    page = client.get("/accessibility/").content.decode()
    assert "Web Content Accessibility Guidelines version 2.2</a> AA standard" in page
    assert "partially compliant" in page
    assert "Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018" in page
    assert "Equality and Human Rights Commission (EHRC)" in page
    assert "Equality Advisory and Support Service (EASS)" in page


def test_it_lists_what_is_not_accessible_and_how_it_was_tested(client, db):
    page = client.get("/accessibility/").content.decode()
    assert "screenshots and PDFs, are not checked for accessibility" in page
    assert "Django's own admin site" in page
    assert "WCAG 2.2 A and AA rules" in page and "at 390 and 1280 pixels wide" in page
    assert "We also tested the report form using only a keyboard." in page


def test_it_gives_the_day_it_was_prepared(client, db, settings):
    assert "This statement was prepared on 27 November 2026." in client.get("/accessibility/").content.decode()
    settings.ACCESSIBILITY_STATEMENT_DATE = datetime.date(2027, 3, 4)
    assert "This statement was prepared on 4 March 2027." in client.get("/accessibility/").content.decode()


def test_it_gives_the_schools_contact_details_for_another_format(client, db, settings):
    settings.SCHOOL_EMAIL = "office@oakfield.example"
    settings.SCHOOL_PHONE = ""
    page = client.get("/accessibility/").content.decode()
    assert '<a href="mailto:office@oakfield.example">office@oakfield.example</a>' in page
    assert 'href="tel:' not in page
