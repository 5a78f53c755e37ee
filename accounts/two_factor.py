"""Two-factor sign-in with an authenticator app (django-otp: TOTP, and single-use recovery codes).

A person turns it on by scanning a QR code and typing one code from the app;
they are then given ten recovery codes, each good once, for a lost phone.
From then on, after their password, the session can reach nothing but the
page that asks for a code (``accounts.middleware``). With
``TWO_FACTOR_REQUIRED_FOR_STAFF`` on, a member of staff without it is sent to
set it up before anything else.
"""

import segno
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

SESSION_KEY = "two_factor_step"
VERIFY, SET_UP = "accounts-two-factor-verify", "accounts-two-factor"
RECOVERY_CODES = 10


def is_on(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def is_required(user):
    from .middleware import is_staff_account

    return settings.TWO_FACTOR_REQUIRED_FOR_STAFF and is_staff_account(user)


def pending_step(request):
    """The page a signed-in session must pass through first (a URL name), or None."""
    return request.session.get(SESSION_KEY)


def _after_login(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    if is_on(user):
        request.session[SESSION_KEY] = VERIFY
    elif is_required(user):
        request.session[SESSION_KEY] = SET_UP
    else:
        request.session.pop(SESSION_KEY, None)


user_logged_in.connect(_after_login, dispatch_uid="two-factor-after-login")


def unconfirmed_device(user):
    """The device being set up (a new secret each time setting up starts again)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def qr_code_data_uri(device):
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


def secret_for_typing(device):
    """The key as an app asks for it when it cannot scan: base32, in groups of four."""
    from base64 import b32encode

    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def confirm(request, device, token):
    """Turn two-factor sign-in on if ``token`` is the app's current code; return the recovery codes, or None."""
    if not device.verify_token(_digits(token)):
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_recovery_codes(device.user)
    otp_login(request, device)
    request.session.pop(SESSION_KEY, None)
    return codes


def _new_recovery_codes(user):
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name="Recovery codes")
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=static, token=code) for code in codes)
    return codes


def verify(request, token):
    """Accept the app's current code or an unused recovery code; True when the session is now verified."""
    compact = "".join((token or "").split())
    device = match_token(request.user, compact if compact.isdigit() else compact.lower())
    if device is None:
        return False
    otp_login(request, device)
    request.session.pop(SESSION_KEY, None)
    return True


def turn_off(user):
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def _digits(token):
    return "".join(character for character in (token or "") if character.isdigit())
