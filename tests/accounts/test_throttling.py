"""Login throttling, as an attacker would try to get round it or turn it against a parent."""

import pytest

from tests.conftest import PASSWORD

LOGIN = "/accounts/login/"


@pytest.fixture
def limits(settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 5
    settings.LOGIN_ACCOUNT_FAILURE_LIMIT = 8
    return settings


def attempt(client, email, password, address="203.0.113.7", **headers):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=address, **headers)


def logged_in(response):
    return response.status_code == 302 and response.wsgi_request.user.is_authenticated


def test_guessing_one_account_from_one_address_is_paused(client, parent, limits):
    for _ in range(3):
        attempt(client, "parent@example.org", "guess")
    paused = attempt(client, "parent@example.org", PASSWORD)
    assert paused.status_code == 429 and "Too many attempts to log in" in paused.content.decode()


def test_an_attacker_cannot_lock_a_parent_out_of_their_own_phone(client, parent, limits):
    for _ in range(3):
        attempt(client, "parent@example.org", "guess", address="198.51.100.66")
    assert logged_in(attempt(client, "parent@example.org", PASSWORD, address="203.0.113.7"))


def test_one_address_trying_many_accounts_is_paused(client, parent, other_parent, limits):
    for number in range(5):
        attempt(client, f"nobody{number}@example.org", "guess", address="198.51.100.66")
    assert attempt(client, "parent@example.org", PASSWORD, address="198.51.100.66").status_code == 429
    assert logged_in(attempt(client, "parent@example.org", PASSWORD, address="203.0.113.7"))


def test_a_forged_forwarded_for_header_does_not_move_an_attacker_elsewhere(client, parent, limits):
    for number in range(3):
        attempt(client, "parent@example.org", "guess", HTTP_X_FORWARDED_FOR=f"10.0.0.{number}")
    assert attempt(client, "parent@example.org", PASSWORD, HTTP_X_FORWARDED_FOR="10.0.0.99").status_code == 429


def test_behind_a_trusted_proxy_each_parent_is_counted_at_their_own_address(client, parent, limits):
    # What settings.py makes of TRUSTED_PROXY_COUNT=1: a proxy that appends the caller's address.
    limits.AXES_IPWARE_PROXY_COUNT = 0
    limits.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    proxy = "10.1.1.1"
    for _ in range(3):  # the attacker writes the parent's address into the header: the proxy appends the real one
        forged = "203.0.113.7, 198.51.100.66"
        attempt(client, "parent@example.org", "guess", address=proxy, HTTP_X_FORWARDED_FOR=forged)
    attacker = attempt(client, "parent@example.org", PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="198.51.100.66")
    assert attacker.status_code == 429
    parent_from_home = attempt(
        client, "parent@example.org", PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.7"
    )
    assert logged_in(parent_from_home)


def test_a_password_reset_lifts_the_pause_for_that_account(client, parent, limits, mailoutbox):
    import re

    for number in range(8):
        attempt(client, "parent@example.org", "guess", address=f"198.51.100.{number}")
    assert attempt(client, "parent@example.org", PASSWORD).status_code == 429  # paused everywhere
    client.post("/accounts/password-reset/", {"email": "parent@example.org"})
    link = re.search(r"http://testserver(/\S+)", mailoutbox[0].body).group(1)
    form = client.get(link, follow=True)
    client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a-brand-new-passphrase", "new_password2": "a-brand-new-passphrase"},
    )
    assert logged_in(attempt(client, "parent@example.org", "a-brand-new-passphrase"))
