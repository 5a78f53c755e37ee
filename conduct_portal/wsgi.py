"""
WSGI config for conduct_portal project.

It exposes the WSGI callable as a module-level variable named ``application``.

For more information on this file, see
https://docs.djangoproject.com/en/5.2/howto/deployment/wsgi/
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conduct_portal.settings")

application = get_wsgi_application()

# With DEBUG off the web process refuses to start without the production settings, as manage.py
# check and migrate do: gunicorn's workers fail to boot, and gunicorn stops, naming each one.
from conduct_portal.checks import refuse_to_start_unless_ready  # noqa: E402

refuse_to_start_unless_ready()
