"""/contact/: the school's details from the settings, each only when it is set."""

import pytest

DETAILS = {
    "SCHOOL_ADDRESS": "Oakfield Primary School\nOak Lane\nOakfield OK1 2AB",
    "SCHOOL_PHONE": "01234 567890",
    "SCHOOL_EMAIL": "office@oakfield.example",
    "SCHOOL_OFFICE_HOURS": "Monday to Friday, 8.30am to 4pm",
    "DPO_NAME": "Dana Protection",
    "DPO_EMAIL": "dpo@oakfield.example",
}


@pytest.fixture
def nothing_set(settings):
    for name in DETAILS:
        setattr(settings, name, "")


@pytest.mark.parametrize("person", [None, "parent", "teacher", "office", "head", "governor", "clerk"])
def test_anyone_can_read_it_signed_in_or_not(client, db, request, person):
    if person:
        client.force_login(request.getfixturevalue(person))
    response = client.get("/contact/")
    assert response.status_code == 200
    assert "Contact the school" in response.content.decode()


def test_it_shows_every_detail_that_is_set(client, db, settings):
    for name, value in DETAILS.items():
        setattr(settings, name, value)
    settings.SCHOOL_NAME = "Oakfield Primary School"
    page = client.get("/contact/").content.decode()
    assert "Oakfield Primary School<br>Oak Lane<br>Oakfield OK1 2AB" in page
    assert '<a href="tel:01234567890">01234 567890</a>' in page
    assert '<a href="mailto:office@oakfield.example">office@oakfield.example</a>' in page
    assert "Monday to Friday, 8.30am to 4pm" in page
    assert "Dana Protection" in page
    assert '<a href="mailto:dpo@oakfield.example">dpo@oakfield.example</a>' in page
    assert "has not added its contact details" not in page
    assert "Ask the school office for the data protection officer" not in page


def test_it_leaves_out_what_is_not_set(client, db, settings, nothing_set):
    settings.SCHOOL_EMAIL = "office@oakfield.example"
    page = client.get("/contact/").content.decode()
    assert "office@oakfield.example" in page
    for label in ("Address", "Phone", "Office hours"):
        assert f"<dt>{label}</dt>" not in page
    assert 'href="tel:' not in page and "<address" not in page


def test_it_says_so_plainly_when_nothing_is_set(client, db, nothing_set):
    page = client.get("/contact/").content.decode()
    assert "The school has not added its contact details to this portal yet." in page
    assert "Ask the school office for the data protection officer's details." in page
    assert "<dl" not in page and "mailto:" not in page
