"""Playwright against pytest-django's live server, in Debian's Chromium.

Playwright's sync API runs an asyncio event loop in the main thread for as
long as it is started, and Django refuses ORM calls from a thread with a
running loop unless DJANGO_ALLOW_ASYNC_UNSAFE is set. The tests here call the
ORM (to make users, read the outbox) between browser steps, so it is set.

Every page a test opens is watched: a console error, an uncaught script error
or a response with status 500 or more fails the test (in its call phase, so
the report says "failed", not "error").
"""

import os

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

import pytest  # noqa: E402

from tests.browser.chromium import CHROMIUM, launched_chromium  # noqa: E402
from tests.conftest import require  # noqa: E402

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


class PageWatcher:
    """Collects what should never happen on a page: console errors, script errors, server errors."""

    def __init__(self):
        self.problems = []

    def watch(self, page):
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"uncaught script error: {error}"))
        page.on("response", self._response)
        return page

    def _console(self, message):
        if message.type == "error":
            url = (message.location or {}).get("url") or "?"
            self.problems.append(f"console error: {message.text} ({url})")

    def _response(self, response):
        if response.status >= 500:
            self.problems.append(f"HTTP {response.status} for {response.request.method} {response.url}")


@pytest.fixture
def page_watcher():
    return PageWatcher()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """After a browser test's body passes, fail it if its pages saw a problem."""
    result = yield
    watcher = item.funcargs.get("page_watcher") if hasattr(item, "funcargs") else None
    if watcher is not None and watcher.problems:
        pytest.fail("The browser saw problems:\n" + "\n".join(f"  - {p}" for p in watcher.problems))
    return result


@pytest.fixture
def chromium():
    require(os.path.exists(CHROMIUM), f"{CHROMIUM} is missing (apt-get install chromium)")
    with launched_chromium() as browser:
        yield browser


@pytest.fixture
def new_page(chromium, page_watcher):
    """new_page(viewport=...) → a watched page in a fresh context (no cookies)."""
    contexts = []

    def make(viewport=None):
        context = chromium.new_context(viewport=viewport or DESKTOP, locale="en-GB", timezone_id="Europe/London")
        context.set_default_timeout(15_000)
        contexts.append(context)
        return page_watcher.watch(context.new_page())

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()
