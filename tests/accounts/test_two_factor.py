"""Two-factor sign-in with an authenticator app: turning it on, signing in with it, and the setting that requires it."""

import re
import time

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import PASSWORD

SETTINGS = "/accounts/two-factor/"


@pytest.fixture(autouse=True)
def no_waiting_between_codes(settings):
    """django-otp makes each wrong code double the wait before the next; these tests type quickly."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def current_code(device):
    """The code the app shows now; each code works once, so a second sign-in uses the next one (30 s on)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if device.last_t >= totp.t():
        totp.time += device.step
    return f"{totp.token():06d}"


def log_in(client, email, password=PASSWORD):
    return client.post("/accounts/login/", {"username": email, "password": password})


def turn_on(client, user):
    page = client.get(SETTINGS)
    assert page.status_code == 200 and "data:image/svg+xml" in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = client.post(SETTINGS, {"token": "000000" if current_code(device) != "000000" else "111111"})
    assert "That code is not the one your app shows now" in wrong.content.decode()
    done = client.post(SETTINGS, {"token": current_code(device)})
    codes = re.findall(r"<li>([a-z0-9]{8})</li>", done.content.decode())
    assert len(codes) == 10
    return TOTPDevice.objects.get(user=user, confirmed=True), codes


def test_a_member_of_staff_turns_it_on_and_then_needs_a_code_after_the_password(client, teacher):
    client.force_login(teacher)
    device, _codes = turn_on(client, teacher)
    client.post("/accounts/logout/")

    assert log_in(client, "teacher@example.org").status_code == 302
    blocked = client.get("/queue/")
    assert blocked.status_code == 302 and blocked["Location"].startswith("/accounts/two-factor/verify/")
    assert client.get("/admin/").status_code == 302
    refused = client.post("/accounts/two-factor/verify/", {"token": "123456"})
    assert "That code is not right" in refused.content.decode()
    client.post("/accounts/two-factor/verify/", {"token": current_code(device), "next": "/queue/"})
    assert client.get("/queue/").status_code == 200


def test_a_recovery_code_works_once(client, teacher):
    client.force_login(teacher)
    _device, codes = turn_on(client, teacher)
    for attempt in ("first", "second"):
        client.post("/accounts/logout/")
        log_in(client, "teacher@example.org")
        client.post("/accounts/two-factor/verify/", {"token": codes[0]})
        expected = 200 if attempt == "first" else 302
        assert client.get("/queue/").status_code == expected, attempt


def test_the_setting_requires_staff_to_set_it_up_before_anything_else(client, office, parent, settings):
    settings.TWO_FACTOR_REQUIRED_FOR_STAFF = True
    log_in(client, "office@example.org")
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(SETTINGS)
    assert "The school asks every member of staff" in client.get(SETTINGS).content.decode()
    device, _codes = turn_on(client, office)
    assert client.get("/admin/").status_code == 200
    off = client.post("/accounts/two-factor/off/", follow=True)
    assert "cannot be turned off" in off.content.decode()
    assert TOTPDevice.objects.filter(user=office).exists()

    client.post("/accounts/logout/")
    log_in(client, "parent@example.org")  # parents are not asked
    assert client.get("/reports/").status_code == 200


def test_without_the_setting_staff_sign_in_with_a_password_alone(client, office):
    log_in(client, "office@example.org")
    assert client.get("/admin/").status_code == 200


def test_after_a_wrong_code_even_the_right_one_must_wait(client, teacher, settings):
    client.force_login(teacher)
    device, _codes = turn_on(client, teacher)
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    client.post("/accounts/logout/")
    log_in(client, "teacher@example.org")
    client.post("/accounts/two-factor/verify/", {"token": "000000" if current_code(device) != "000000" else "111111"})
    client.post("/accounts/two-factor/verify/", {"token": current_code(device)})
    assert client.get("/queue/").status_code == 302


def test_turning_it_off(client, teacher):
    client.force_login(teacher)
    turn_on(client, teacher)
    client.post("/accounts/two-factor/off/")
    assert not TOTPDevice.objects.filter(user=teacher).exists()
    client.post("/accounts/logout/")
    log_in(client, "teacher@example.org")
    assert client.get("/queue/").status_code == 200


@pytest.mark.parametrize(
    "path",
    ["/accounts/two-factor/verify/?next=https://evil.example/", "/accounts/two-factor/verify/?next=//evil.example"],
)
def test_the_next_page_after_the_code_stays_on_this_site(client, teacher, path):
    client.force_login(teacher)
    device, _codes = turn_on(client, teacher)
    client.post("/accounts/logout/")
    log_in(client, "teacher@example.org")
    response = client.post(path, {"token": current_code(device)})
    assert response["Location"] == "/"
