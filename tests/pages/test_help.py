"""/help/: what the portal is for and what happens to a report, with the numbers the settings give."""

import pytest

from reports.procedures import other_procedures


@pytest.mark.parametrize("person", [None, "parent", "teacher", "office", "head", "governor", "clerk"])
def test_anyone_can_read_it_signed_in_or_not(client, db, request, person):
    if person:
        client.force_login(request.getfixturevalue(person))
    response = client.get("/help/")
    assert response.status_code == 200
    assert "How the conduct portal works" in response.content.decode()


def test_it_gives_each_steps_time_in_school_days_from_the_settings(client, db):
    page = client.get("/help/").content.decode()
    assert "The teacher acknowledges it within 5 school days." in page
    assert "The teacher responds within 10 school days of receiving it." in page
    assert "The panel meets within 20 school days of the report reaching the governors." in page
    assert "the panel's decision within 5 school days of its meeting" in page
    assert "to the next step within 10 school days of the response" in page
    assert "an urgent report is acknowledged within 1 school day." in page
    assert "an urgent report has a response within 5 school days of being received." in page
    assert "Please report within 3 months of what happened." in page
    assert "a panel of at least 3 people" in page
    assert "At least 1 member of the panel is independent" in page


def test_it_changes_when_the_settings_do(client, db, settings):
    settings.DEADLINE_ACKNOWLEDGE_DAYS = 3
    settings.DEADLINE_RESPOND_DAYS = 15
    settings.DEADLINE_PANEL_WITHIN_DAYS = 25
    settings.DEADLINE_OUTCOME_DAYS = 1
    settings.DEADLINE_ESCALATE_WITHIN_DAYS = 12
    settings.DEADLINE_URGENT_ACKNOWLEDGE_DAYS = 2
    settings.DEADLINE_URGENT_RESPOND_DAYS = 4
    settings.COMPLAINT_TIME_LIMIT_MONTHS = 1
    settings.PANEL_MIN_MEMBERS = 5
    settings.PANEL_MIN_INDEPENDENT = 2
    page = client.get("/help/").content.decode()
    assert "The teacher acknowledges it within 3 school days." in page
    assert "The teacher responds within 15 school days of receiving it." in page
    assert "The panel meets within 25 school days of the report reaching the governors." in page
    assert "the panel's decision within 1 school day of its meeting" in page
    assert "to the next step within 12 school days of the response" in page
    assert "an urgent report is acknowledged within 2 school days." in page
    assert "an urgent report has a response within 4 school days of being received." in page
    assert "Please report within 1 month of what happened." in page
    assert "a panel of at least 5 people" in page
    assert "At least 2 members of the panel are independent" in page
    assert "within 5 school days" not in page and "within 10 school days" not in page


def test_it_names_the_urgent_categories(client, db):
    page = client.get("/help/").content.decode()
    assert "Identifying or posting images/videos of pupils" in page
    assert "Breaching school security procedures" in page
    assert "Bringing the school into disrepute" not in page


def test_it_says_a_safeguarding_concern_goes_only_to_the_safeguarding_lead(client, db, settings):
    settings.SAFEGUARDING_ACKNOWLEDGE_HOURS = 3
    page = client.get("/help/").content.decode()
    assert "It goes only to the school's Designated Safeguarding Lead and their deputies" in page
    assert "within 3 school hours, counting from 08:30 to 16:00 on school days" in page


def test_it_gives_the_emergency_numbers_when_they_are_set(client, db, settings):
    settings.CHILDREN_SOCIAL_CARE_PHONE = "0300 111 2222"
    settings.SCHOOL_PHONE = "01234 567890"
    page = client.get("/help/").content.decode()
    assert "Call 999." in page
    assert '<a href="tel:03001112222">0300 111 2222</a>' in page
    assert '<a href="tel:01234567890">01234 567890</a>' in page


def test_it_gives_no_number_but_999_when_they_are_not(client, db, settings):
    settings.CHILDREN_SOCIAL_CARE_PHONE = ""
    settings.SCHOOL_PHONE = ""
    page = client.get("/help/").content.decode()
    assert "Call 999." in page
    assert 'href="tel:' not in page
    assert "you can call your local council's children's social care team" in page
    assert "call the school and ask for the Designated Safeguarding Lead" in page


def test_it_names_the_matters_with_procedures_of_their_own_and_where_to_go(client, db, settings):
    settings.OTHER_PROCEDURES = {**settings.OTHER_PROCEDURES, "admissions": "Oakshire Council's admissions team"}
    page = client.get("/help/").content.decode()
    for _key, name, where in other_procedures():
        assert f"<dt>{name}</dt><dd>{where}</dd>".replace("'", "&#x27;") in page
    assert "Oakshire Council&#x27;s admissions team" in page


def test_it_links_to_the_contact_page_and_the_accessibility_statement(client, db):
    page = client.get("/help/").content.decode()
    assert 'href="/contact/"' in page
    assert 'href="/accessibility/"' in page


def test_it_names_the_next_step_after_the_school(client, db, settings):
    settings.SCHOOL_TYPE = "academy"
    page = client.get("/help/").content.decode()
    assert "which looks at complaints about academies" in page
