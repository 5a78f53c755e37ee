import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_healthz_answers_200_when_the_database_answers(client, db, settings):
    settings.REDIS_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok"}}


def test_healthz_answers_503_with_the_reason_when_redis_is_down(client, db, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["redis"].startswith("error: ConnectionError")


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
