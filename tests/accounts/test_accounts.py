import re

import pytest

from accounts.models import User
from tests.conftest import PASSWORD, make_user

SIGNUP = {
    "full_name": "Nia New",
    "email": "Nia@Example.org",
    "password1": "a-long-and-unusual-passphrase",
    "password2": "a-long-and-unusual-passphrase",
}


def link_in(body):
    return re.search(r"http://testserver(/\S+)", body).group(1)


def test_a_parent_signs_up_confirms_with_the_link_and_their_password_and_is_logged_in(client, db, mailoutbox):
    response = client.post("/accounts/signup/", SIGNUP)
    assert "Check your email" in response.content.decode()
    user = User.objects.get(email="nia@example.org")
    assert user.is_active and not user.is_email_confirmed

    refused = client.post("/accounts/login/", {"username": "nia@example.org", "password": SIGNUP["password1"]})
    assert "Please confirm your email address first" in refused.content.decode()

    [message] = mailoutbox
    assert message.to == ["nia@example.org"]
    assert "Confirm your email address" in message.subject
    link = link_in(message.body)
    assert "enter the password you chose" in client.get(link).content.decode()
    wrong = client.post(link, {"password": "not-the-one"})
    assert "That is not the password chosen for this account." in wrong.content.decode()
    confirm = client.post(link, {"password": SIGNUP["password1"]})
    assert confirm.status_code == 302
    user.refresh_from_db()
    assert user.is_email_confirmed
    assert "nia@example.org" in client.get("/").content.decode()

    client.post("/accounts/logout/")
    assert client.get(link).status_code == 400  # a confirmation link works once


def test_signing_up_with_a_registered_address_reveals_nothing_and_mails_the_owner(client, parent, mailoutbox):
    response = client.post("/accounts/signup/", {**SIGNUP, "email": "parent@example.org"})
    assert "Check your email" in response.content.decode()
    [message] = mailoutbox
    assert message.to == ["parent@example.org"]
    assert "already have an account" in message.subject
    assert parent.check_password(PASSWORD)


def test_signup_errors_keep_what_was_typed(client, db, mailoutbox):
    response = client.post("/accounts/signup/", {**SIGNUP, "password2": "something-else"})
    page = response.content.decode()
    assert "The two passwords do not match." in page
    assert 'value="Nia New"' in page and 'value="Nia@Example.org"' in page
    assert not User.objects.exists()
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("password", "message"),
    [("short", "This password is too short"), ("password123", "This password is too common")],
)
def test_weak_passwords_are_refused(client, db, password, message):
    response = client.post("/accounts/signup/", {**SIGNUP, "password1": password, "password2": password})
    assert message in response.content.decode()


def test_log_in_with_the_email_address_in_any_case(client, parent):
    response = client.post("/accounts/login/", {"username": "PARENT@example.org ", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").context["user"] == parent


def test_a_wrong_password_says_so_and_keeps_the_email(client, parent):
    response = client.post("/accounts/login/", {"username": "parent@example.org", "password": "wrong"})
    page = response.content.decode()
    assert "Please enter a correct email address and password" in page
    assert 'value="parent@example.org"' in page


def test_a_forgotten_password_is_reset_by_email(client, parent, mailoutbox):
    client.post("/accounts/password-reset/", {"email": "parent@example.org"})
    [message] = mailoutbox
    assert message.subject == "Reset your password for Oakfield Primary School"
    form = client.get(link_in(message.body), follow=True)
    assert "Choose a new password" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "another-long-passphrase", "new_password2": "another-long-passphrase"},
    )
    assert done.status_code == 302
    parent.refresh_from_db()
    assert parent.check_password("another-long-passphrase")


def test_logging_out_needs_a_post(client, parent):
    client.force_login(parent)
    assert client.get("/accounts/logout/").status_code == 405
    client.post("/accounts/logout/")
    assert not client.get("/").context["user"].is_authenticated


def test_only_one_headteacher_and_one_chair(db):
    from django.db import IntegrityError, transaction

    make_user("a@example.org", is_headteacher=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_user("b@example.org", is_headteacher=True)


def test_repeated_wrong_passwords_pause_logging_in_even_with_the_right_one(client, parent, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for attempt in range(3):
        client.post("/accounts/login/", {"username": f"Parent@Example.org{' ' * attempt}", "password": "wrong"})
    locked = client.post("/accounts/login/", {"username": "parent@example.org", "password": PASSWORD})
    assert locked.status_code == 429
    assert "Too many attempts to log in" in locked.content.decode()
    assert not client.get("/").context["user"].is_authenticated
