import json
import logging
import os
import subprocess
import sys
from pathlib import Path

from conduct_portal import views
from tests.services import free_port

from .environment import django_script

ROOT = Path(__file__).resolve().parents[2]


def test_healthz_answers_200_when_the_database_answers(client, db, settings):
    settings.REDIS_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok"}, "failed_emails": 0}


def test_healthz_says_redis_is_failing_and_never_why(client, db, settings, caplog):
    settings.REDIS_URL = f"redis://:hunter2-redis-password@127.0.0.1:{free_port()}/0"  # nothing listens there
    with caplog.at_level(logging.ERROR, logger="conduct_portal.views"):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable", "checks": {"database": "ok", "redis": "failing"}, "failed_emails": 0
    }  # fmt: skip
    for leak in ("hunter2", "127.0.0.1", "Error", "refused", "redis://"):
        assert leak not in response.content.decode()
    # The reason goes to the log, for whoever runs the portal.
    [record] = [record for record in caplog.records if record.name == "conduct_portal.views"]
    assert record.getMessage() == "Health check redis is failing"
    assert record.exc_info[0].__name__ == "ConnectionError"


def test_healthz_says_the_database_is_failing_and_never_why(tmp_path):
    """The whole portal, in its own process, on a PostgreSQL server that is not there."""
    port = free_port()  # nothing listens there
    env = {
        "SECRET_KEY": "test-only-secret-key-not-for-production",
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": f"postgres://portal:s3cret-db-password@127.0.0.1:{port}/conduct_portal_secret_name",
    }
    script = (
        "from django.test import Client\n"
        "response = Client().get('/healthz')\n"
        "print(response.status_code, response.content.decode())\n"
    )
    result = django_script(script, env, tmp_path)
    assert result.returncode == 0, result.stderr
    status, body = result.stdout.split(" ", 1)
    assert status == "503"
    assert json.loads(body) == {"status": "unavailable", "checks": {"database": "failing"}}
    for leak in ("s3cret", "conduct_portal_secret_name", "127.0.0.1", str(port), "OperationalError", "refused"):
        assert leak not in body
    # The log has the exception.
    assert "Health check database is failing" in result.stderr
    assert "psycopg2.OperationalError" in result.stderr


def test_a_check_added_to_healthz_is_answered_the_same_way(client, db, settings, monkeypatch, caplog):
    settings.REDIS_URL = ""

    def failed_notifications():
        raise RuntimeError("3 notifications failed since 07:00")

    monkeypatch.setitem(views.HEALTH_CHECKS, "failed notifications", failed_notifications)
    with caplog.at_level(logging.ERROR, logger="conduct_portal.views"):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable", "checks": {"database": "ok", "failed notifications": "failing"}, "failed_emails": 0
    }  # fmt: skip
    assert "07:00" not in response.content.decode()
    [record] = [record for record in caplog.records if record.name == "conduct_portal.views"]
    assert record.getMessage() == "Health check failed notifications is failing"
    assert str(record.exc_info[1]) == "3 notifications failed since 07:00"


def run_settings(**env):
    clean = {key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "conduct_portal.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_without_a_secret_key_and_with_debug_off_it_refuses_to_start_with_a_clear_message():
    result = run_settings()
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_a_malformed_setting_is_named():
    result = run_settings(SECRET_KEY="x", EMAIL_HOST="mail.example.org", EMAIL_PORT="twenty-five")
    assert result.returncode != 0
    assert "EMAIL_PORT must be a whole number, not 'twenty-five'" in result.stderr


def test_it_counts_the_emails_that_could_not_be_sent(client, parent):
    from notifications.models import Notification
    from tests.reports.factories import make_report

    make_report(parent)
    assert client.get("/healthz").json()["failed_emails"] == 0
    Notification.objects.update(status=Notification.Status.FAILED)
    answer = client.get("/healthz")
    assert answer.status_code == 200 and answer.json()["failed_emails"] == 1
