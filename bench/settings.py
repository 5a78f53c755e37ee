"""The project's settings, with the benchmark's URLconf: the portal's URLs plus the bare yardstick view.

Only ``make bench`` uses this module (DJANGO_SETTINGS_MODULE=bench.settings); every other setting,
the middleware among them, is the project's own, read from the environment as in production.
"""

from conduct_portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
