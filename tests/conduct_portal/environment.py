"""Django in a subprocess, with an environment of the test's choosing.

settings.py reads the environment once, at import, so a test of what the settings (and the checks
on them) make of an environment runs a new process.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# What says whether this is production. Each is taken out of the test run's own environment
# (pytest-env's test SECRET_KEY, CI's DATABASE_URL and REDIS_URL) before a test sets its own.
SETTINGS_VARIABLES = {
    "DEBUG",
    "SECRET_KEY",
    "SECRET_KEY_FILE",
    "SITE_URL",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "VAR_DIR",
    "EVIDENCE_ROOT",
    "EMAIL_HOST",
    "REDIS_URL",
    "DPO_NAME",
    "DPO_EMAIL",
    "CHILDREN_SOCIAL_CARE_PHONE",
    "SCHOOL_PHONE",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
}

# Set by the browser tests' conftest for the whole run (Playwright keeps an event loop running);
# never in production, where check --deploy refuses it (async.E001).
TEST_RUN_VARIABLES = {"DJANGO_ALLOW_ASYNC_UNSAFE"}

# The production settings the README asks for. Nothing here is connected to by ``check``.
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "SITE_URL": "https://portal.school.example",
    "ALLOWED_HOSTS": "portal.school.example",
    "EMAIL_HOST": "smtp.school.example",
    "REDIS_URL": "redis://redis.school.example:6379/0",
    "DPO_NAME": "Dana Protection",
    "DPO_EMAIL": "dpo@school.example",
    "CHILDREN_SOCIAL_CARE_PHONE": "0300 111 2222",
    "SCHOOL_PHONE": "01234 567890",
}


def production(**changes):
    """PRODUCTION with ``changes``; a change to None leaves that variable out."""
    env = {**PRODUCTION, **changes}
    return {name: value for name, value in env.items() if value is not None}


def run(args, env, var_dir, timeout=60):
    """Run ``python *args`` in the repository with only ``env`` of the settings variables.

    The database is a SQLite file in ``var_dir`` unless ``env`` names another.
    """
    leave_out = SETTINGS_VARIABLES | TEST_RUN_VARIABLES
    base = {name: value for name, value in os.environ.items() if name not in leave_out}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={
            **base,
            "DJANGO_SETTINGS_MODULE": "conduct_portal.settings",
            "VAR_DIR": str(var_dir),
            "PYTHONUNBUFFERED": "1",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def manage(*args, env, var_dir):
    return run(["manage.py", *args, "--no-color"], env, var_dir)


def django_script(script, env, var_dir):
    """Run ``script`` after ``django.setup()``."""
    return run(["-c", f"import django\ndjango.setup()\n{script}"], env, var_dir)
