"""How every browser session here starts Debian's Chromium (never a downloaded browser).

The background-networking flags keep Chromium from calling out of a closed network.
"""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless=new",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
