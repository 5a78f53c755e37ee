"""The policy's pages as a visitor who is not signed in sees them, kept whole in the cache.

A newsletter sends hundreds of parents to the policy within the hour; most are
not signed in, and each would otherwise render Markdown and the page again.
The cached page is keyed by the policy's generation (a number moved on
whenever a version or a translation is saved or deleted), the
day (a version comes into force on its date), the language and the address.
A signed-in person, or a visitor with a session or a message waiting, is
always given a page made for them. Each process also keeps the pages it has
served in memory, and reads the generation at most once a second, so that
a page read again costs no trip to the cache.
"""

import functools
import logging
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers

logger = logging.getLogger(__name__)

GENERATION_KEY = "policy-page:generation"
TIMEOUT_SECONDS = 3600
KEPT_IN_THIS_PROCESS = 200  # pages (a few kilobytes each): languages × the policy's pages and versions
GENERATION_READ_EVERY = 1.0  # seconds: how soon the other processes serve a policy just published
_in_this_process = {}
_generation_read = None  # (when, generation)


def start_new_generation(**kwargs):
    """Every cached policy page is stale from now on (a signal receiver: the policy changed)."""
    global _generation_read
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
    _generation_read = None


def _generation():
    """The policy's generation, read from the cache at most every GENERATION_READ_EVERY seconds by a process."""
    global _generation_read
    now = time.monotonic()
    if _generation_read is None or now - _generation_read[0] > GENERATION_READ_EVERY:
        _generation_read = (now, cache.get_or_set(GENERATION_KEY, uuid.uuid4().hex, None))
    return _generation_read[1]


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
            content = _in_this_process.get(key) or cache.get(key)
        except Exception:  # noqa: BLE001 - the cache (Redis) is down: the page is made as usual
            logger.warning("The policy page cache is unavailable", exc_info=True)
            return view(request, *args, **kwargs)
        if content is not None:
            _keep(key, content)
            response = HttpResponse(content)
            patch_vary_headers(response, ("Cookie",))
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.cookies:
            cache.set(key, response.content, TIMEOUT_SECONDS)
        return response

    return wrapper


def forget_what_this_process_read(setting=None, **kwargs):
    """Another cache in place (a setting_changed receiver: tests give each test its own): read it afresh."""
    global _generation_read
    if setting in (None, "CACHES"):
        _in_this_process.clear()
        _generation_read = None


def _keep(key, content):
    if key not in _in_this_process:
        if len(_in_this_process) >= KEPT_IN_THIS_PROCESS:
            _in_this_process.clear()  # older generations and days, mostly
        _in_this_process[key] = content
