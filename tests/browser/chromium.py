"""How every browser session here starts Debian's Chromium (never a downloaded browser).

The background-networking flags keep Chromium from calling out of a closed network.
"""

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
