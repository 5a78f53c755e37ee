"""The policy's pages as a visitor who is not signed in sees them, kept whole in the cache.

A newsletter sends hundreds of parents to the policy within the hour; most are
not signed in, and each would otherwise render Markdown and the page again.
The cached page is keyed by the policy's generation (a number moved on
whenever a version or a translation is saved or deleted), the
day (a version comes into force on its date), the language and the address.
A signed-in person, or a visitor with a session or a message waiting, is
always given a page made for them.
"""

import functools
import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers

logger = logging.getLogger(__name__)

GENERATION_KEY = "policy-page:generation"
TIMEOUT_SECONDS = 3600


def start_new_generation(**kwargs):
    """Every cached policy page is stale from now on (a signal receiver: the policy changed)."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def _generation():
    return cache.get_or_set(GENERATION_KEY, uuid.uuid4().hex, None)


def _is_made_for_this_visitor(request):
    return (
        request.method not in ("GET", "HEAD")
        or settings.SESSION_COOKIE_NAME in request.COOKIES
        or "messages" in request.COOKIES
        or request.user.is_authenticated
    )


def cached_for_visitors(view):
    """Serve ``view``'s page from the cache to visitors who are not signed in."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if _is_made_for_this_visitor(request):
            return view(request, *args, **kwargs)
        today = timezone.localdate().isoformat()
        try:
            key = f"policy-page:{_generation()}:{today}:{request.LANGUAGE_CODE}:{request.get_full_path()}"
            content = cache.get(key)
        except Exception:  # noqa: BLE001 - the cache (Redis) is down: the page is made as usual
            logger.warning("The policy page cache is unavailable", exc_info=True)
            return view(request, *args, **kwargs)
        if content is not None:
            response = HttpResponse(content)
            patch_vary_headers(response, ("Cookie",))
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.cookies:
            cache.set(key, response.content, TIMEOUT_SECONDS)
        return response

    return wrapper
