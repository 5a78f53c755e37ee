"""Limits on forms that cost something to abuse: signing up, password reset, making a report.

Each is counted per address and per account (django-ratelimit, in the cache:
Redis in production, so every web process counts together). Over a limit the
form is shown again with what was typed and a message saying when to try
again; nothing is saved or sent.
"""

from axes.helpers import get_client_ip_address
from django.conf import settings
from django_ratelimit.core import is_ratelimited


def client_address(request):
    """The client's address as login throttling reads it (TRUSTED_PROXY_COUNT): the same for every limit."""
    return get_client_ip_address(request) or request.META.get("REMOTE_ADDR", "")


def over_limit(request, group, account_key):
    """Count this attempt; True when the address or the account has made too many (settings RATE_LIMITS)."""
    per_address, per_account = settings.RATE_LIMITS[group]
    over_address = is_ratelimited(
        request, group=f"{group}:address", key=lambda _group, request: client_address(request), rate=per_address,
        increment=True,
    )  # fmt: skip
    over_account = bool(account_key) and is_ratelimited(
        request, group=f"{group}:account", key=lambda _group, _request: account_key.lower(), rate=per_account,
        increment=True,
    )  # fmt: skip
    return over_address or over_account
