"""Forms that cost something to abuse are limited per address and per account; the message keeps what was typed."""

import pytest

from reports.models import Report
from tests.reports.factories import form_data


@pytest.fixture
def tight(settings):
    settings.RATE_LIMITS = {"signup": ("3/h", "2/h"), "password-reset": ("3/h", "2/h"), "report": ("3/h", "2/h")}


def signup(client, email, address="203.0.113.5"):
    data = {"full_name": "Sam Sender", "email": email, "password1": "a-long-new-passphrase",
            "password2": "a-long-new-passphrase"}  # fmt: skip
    return client.post("/accounts/signup/", data, REMOTE_ADDR=address)


def test_signing_up_again_and_again_for_one_address_is_limited(client, db, tight, mailoutbox):
    for _ in range(2):
        signup(client, "same@example.org", address="198.51.100.1")
    limited = signup(client, "same@example.org", address="198.51.100.2")
    page = limited.content.decode()
    assert "Please wait an hour" in page and 'value="same@example.org"' in page and 'value="Sam Sender"' in page
    assert len(mailoutbox) == 2


def test_one_address_signing_up_many_accounts_is_limited(client, db, tight, mailoutbox):
    for number in range(3):
        signup(client, f"person{number}@example.org")
    assert "Please wait an hour" in signup(client, "person9@example.org").content.decode()
    assert "Check your email" in signup(client, "person9@example.org", address="198.51.100.9").content.decode()


def test_password_resets_are_limited_per_account(client, parent, tight, mailoutbox):
    for number in range(2):
        client.post("/accounts/password-reset/", {"email": "parent@example.org"}, REMOTE_ADDR=f"198.51.100.{number}")
    limited = client.post("/accounts/password-reset/", {"email": "parent@example.org"}, REMOTE_ADDR="198.51.100.7")
    assert "Please wait an hour" in limited.content.decode()
    assert len(mailoutbox) == 2


def test_reports_are_limited_per_account_and_the_form_keeps_what_was_typed(client, parent, tight):
    client.force_login(parent)
    for _ in range(2):
        client.post("/reports/new/?child_at_risk=no", form_data())
    limited = client.post("/reports/new/?child_at_risk=no", form_data(description="My third report, kept."))
    assert "Please wait an hour" in limited.content.decode() and "My third report, kept." in limited.content.decode()
    assert Report.objects.count() == 2


def test_report_pages_are_never_stored_by_a_browser_or_proxy(client, parent):
    from tests.reports.factories import make_report

    report = make_report(parent)
    client.force_login(parent)
    for url in (f"/reports/{report.reference}/", "/reports/", f"/reports/{report.reference}/submitted/", "/account/"):
        assert "no-store" in client.get(url)["Cache-Control"], url
