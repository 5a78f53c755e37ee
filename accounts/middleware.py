"""What a signed-in session must satisfy: a second factor where one is due, and the staff idle time."""

import time

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation

from . import two_factor

REFRESH_EVERY_SECONDS = 60  # save a staff session at most once a minute to push its expiry on


def is_staff_account(user):
    return user.is_authenticated and (user.is_staff or user.is_superuser or user.is_school_staff)


class SignInPolicyMiddleware:
    """1. A session waiting for its second factor (or for one to be set up) reaches only those pages.
    2. A member of staff's session ends after ``STAFF_SESSION_IDLE_MINUTES`` without a request;
       a parent's lasts ``SESSION_COOKIE_AGE`` (two weeks).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            step = two_factor.pending_step(request)
            if step and not self._allowed_while_pending(request, step):
                return redirect(f"{reverse(step)}?next={request.get_full_path()}")
            if is_staff_account(user):
                self._keep_alive(request)
        return self.get_response(request)

    @staticmethod
    def _allowed_while_pending(request, step):
        allowed = (
            reverse(step),
            reverse("logout"),
            settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/static/",
        )
        return request.path.startswith(allowed)

    @staticmethod
    def _keep_alive(request):
        session = request.session
        now = int(time.time())
        if now - session.get("last_seen", 0) >= REFRESH_EVERY_SECONDS:
            session["last_seen"] = now
            session.set_expiry(settings.STAFF_SESSION_IDLE_MINUTES * 60)


class AccountLanguageMiddleware:
    """A signed-in person reads the portal in the language saved on their account, on any device.

    After LocaleMiddleware (which chose from the language cookie or the browser) and AuthenticationMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = getattr(request.user, "language", "") if request.user.is_authenticated else ""
        if language and language != request.LANGUAGE_CODE and translation.check_for_language(language):
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
