"""How every browser session here starts Debian's Chromium (never a downloaded browser).

The background-networking flags keep Chromium from calling out of a closed network.
"""

import contextlib
import os

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless=new",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--lang=en-GB",  # the date fields in the British order (day, month, year), as the school's families see them
]

# Chromium takes its date fields' order from the environment's locale, not the page's or --lang.
CHROMIUM_ENV = {**os.environ, "LANG": "en_GB.UTF-8", "LANGUAGE": "en_GB:en", "LC_ALL": "en_GB.UTF-8"}


@contextlib.contextmanager
def launched_chromium():
    """Debian's Chromium, launched by Playwright; never a downloaded browser.

    While Playwright's loop runs, Django's connections in the main thread are
    a separate, context-local set (asgiref's thread-critical Local switches to
    one when a loop is running), which Django's own teardown never sees. They
    are closed here, before Playwright stops: left open, PostgreSQL refuses to
    drop the test database ("being accessed by other users").
    """
    from django.db import connections
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, env=CHROMIUM_ENV)
        try:
            yield browser
        finally:
            browser.close()
            connections.close_all()
