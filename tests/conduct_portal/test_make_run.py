"""`make run` serves on PORT and its emails link to that same address."""

import os
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRINT_SITE_URL = "from django.conf import settings; print(settings.SITE_URL)"


def site_url_of_make_run(port, **environment):
    """The SITE_URL the server `make run` starts would have: its command, run with `shell -c` instead."""
    commands = subprocess.run(["make", "-n", "run", f"PORT={port}"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.splitlines()  # fmt: skip
    serve = next(line for line in commands if "runserver" in line)
    assert serve.endswith(f"runserver 127.0.0.1:{port}")
    prefix = serve.split(" manage.py runserver")[0].rsplit(" ", 1)[0]  # the variables, without the interpreter
    command = f"{prefix} {shlex.quote(sys.executable)} manage.py shell -c {shlex.quote(PRINT_SITE_URL)}"
    env = {key: value for key, value in os.environ.items() if key not in ("SITE_URL", "DEBUG")} | environment
    return subprocess.run(command, shell=True, cwd=ROOT, capture_output=True, text=True, check=True,
                          env=env).stdout.strip().splitlines()[-1]  # fmt: skip


def test_make_run_on_another_port_links_its_emails_to_that_port():
    assert site_url_of_make_run(8731) == "http://127.0.0.1:8731"


def test_a_site_url_given_to_make_run_is_kept():
    assert site_url_of_make_run(8731, SITE_URL="http://portal.test:9000") == "http://portal.test:9000"
