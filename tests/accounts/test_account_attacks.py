"""Each account rule, written as the attack it stops."""

import re

import pytest
from django.contrib.auth.tokens import default_token_generator

from accounts.models import StaffGroup, User
from accounts.tokens import email_confirmation_token
from tests.conftest import PASSWORD, make_user

NEW_PASSWORD = "a-long-and-unusual-passphrase"


def link_in(body):
    return re.search(r"http://testserver(/\S+)", body).group(1)


def sign_up(client, email, name="Someone Else", password=NEW_PASSWORD):
    return client.post(
        "/accounts/signup/", {"full_name": name, "email": email, "password1": password, "password2": password}
    )


@pytest.fixture
def switched_off_teacher(db, school_class):
    teacher = make_user("gone@example.org", StaffGroup.TEACHERS, full_name="Gone Teacher")
    school_class.teachers.add(teacher)
    teacher.is_active = False
    teacher.save()
    return teacher


def test_a_switched_off_teacher_who_signs_up_again_gets_no_access(client, switched_off_teacher, mailoutbox):
    response = sign_up(client, "Gone@Example.org", name="Just A Parent")
    assert "Check your email" in response.content.decode()  # the same answer as for anyone
    switched_off_teacher.refresh_from_db()
    assert not switched_off_teacher.is_active
    assert switched_off_teacher.full_name == "Gone Teacher"
    assert switched_off_teacher.check_password(PASSWORD)
    [message] = mailoutbox
    assert "switched off" in message.subject
    assert "/accounts/" not in message.body  # no link that could switch it on
    login = client.post("/accounts/login/", {"username": "gone@example.org", "password": NEW_PASSWORD})
    assert not login.wsgi_request.user.is_authenticated
    client.force_login(switched_off_teacher)  # even a session made behind the login page's back
    assert client.get("/queue/").status_code in (302, 403)
    assert client.get("/admin/").status_code == 302


def test_a_reset_link_cannot_switch_a_switched_off_account_back_on(client, switched_off_teacher, mailoutbox):
    client.post("/accounts/password-reset/", {"email": "gone@example.org"})
    assert mailoutbox == []


def test_signing_up_again_never_changes_an_account_that_is_not_confirmed_yet(client, db, mailoutbox):
    sign_up(client, "victim@example.org", name="Attacker", password="the-attackers-passphrase")
    victim = User.objects.get(email="victim@example.org")
    sign_up(client, "victim@example.org", name="Victim", password=NEW_PASSWORD)
    victim.refresh_from_db()
    assert victim.full_name == "Attacker" and victim.check_password("the-attackers-passphrase")
    first, second = mailoutbox
    assert "Finish setting up" in second.subject
    # The owner of the mailbox chooses their own password from the second email: that confirms the address…
    page = client.get(link_in(second.body), follow=True)
    client.post(page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    victim.refresh_from_db()
    assert victim.is_email_confirmed and victim.check_password(NEW_PASSWORD)
    # …and the password the first sign-up chose no longer opens it.
    attack = client.post("/accounts/login/", {"username": "victim@example.org", "password": "the-attackers-passphrase"})
    assert not attack.wsgi_request.user.is_authenticated


def test_the_first_confirmation_link_cannot_be_used_without_the_password_that_was_chosen(client, db, mailoutbox):
    sign_up(client, "victim@example.org", password="the-attackers-passphrase")
    link = link_in(mailoutbox[0].body)
    # The mailbox's owner clicks a link for a sign-up they did not make: they do not know that password.
    response = client.post(link, {"password": "whatever-i-guess"})
    assert response.status_code == 200
    assert not User.objects.get(email="victim@example.org").is_email_confirmed


def test_signing_up_with_a_confirmed_address_changes_nothing(client, parent, mailoutbox):
    sign_up(client, "parent@example.org", name="Impostor")
    parent.refresh_from_db()
    assert parent.full_name == "Pat Parent" and parent.check_password(PASSWORD)
    assert "already have an account" in mailoutbox[0].subject


def test_a_confirmation_link_works_only_for_the_account_it_was_made_for(client, db, mailoutbox):
    sign_up(client, "first@example.org")
    sign_up(client, "second@example.org")
    first, second = User.objects.get(email="first@example.org"), User.objects.get(email="second@example.org")
    token = email_confirmation_token.make_token(first)
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    borrowed = f"/accounts/activate/{urlsafe_base64_encode(force_bytes(second.pk))}/{token}/"
    assert client.get(borrowed).status_code == 400
    assert client.post(borrowed, {"password": NEW_PASSWORD}).status_code == 400
    second.refresh_from_db()
    assert not second.is_email_confirmed


def test_a_password_reset_token_does_not_confirm_a_sign_up(client, db, mailoutbox):
    sign_up(client, "someone@example.org")
    user = User.objects.get(email="someone@example.org")
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    wrong_kind = default_token_generator.make_token(user)
    url = f"/accounts/activate/{urlsafe_base64_encode(force_bytes(user.pk))}/{wrong_kind}/"
    assert client.get(url).status_code == 400
