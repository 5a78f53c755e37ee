"""With an https SITE_URL, http is redirected to https and browsers are told to use https only (HSTS).

settings.py reads the environment once, at import: each case runs in a new process.
"""

import json

from tests.services import free_port

from .environment import django_script, manage, production


def test_https_settings_follow_site_url_and_each_can_be_overridden(tmp_path):
    script = (
        "from django.conf import settings as s\n"
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "s.SECURE_HSTS_PRELOAD, s.SECURE_PROXY_SSL_HEADER)"
    )
    on = django_script(script, production(), tmp_path)
    assert on.stdout.split(maxsplit=4) == ["True", "31536000", "True", "True", "('HTTP_X_FORWARDED_PROTO', 'https')\n"]
    overridden = django_script(
        script,
        production(
            SECURE_SSL_REDIRECT="0",
            SECURE_HSTS_SECONDS="3600",
            SECURE_HSTS_INCLUDE_SUBDOMAINS="0",
            SECURE_HSTS_PRELOAD="0",
        ),
        tmp_path,
    )
    assert overridden.stdout.split()[:4] == ["False", "3600", "False", "False"]
    development = django_script(script, {"DEBUG": "1"}, tmp_path)
    assert development.stdout.split() == ["False", "0", "False", "False", "None"]


def test_https_is_enforced_but_healthz_answers_over_http(tmp_path):
    script = (
        "import json\n"
        "from django.test import Client\n"
        "client = Client(HTTP_HOST='portal.school.example')\n"
        "page = client.get('/policy/')\n"
        "health = client.get('/healthz')\n"
        "secure = client.get('/healthz', secure=True)\n"
        "print(json.dumps([page.status_code, page.get('Location'), health.status_code,"
        " secure.get('Strict-Transport-Security')]))\n"
    )
    # Redis on a closed port, so /healthz answers at once (503).
    result = django_script(script, production(REDIS_URL=f"redis://127.0.0.1:{free_port()}/0"), tmp_path)
    assert result.returncode == 0, result.stderr
    page, location, health, hsts = json.loads(result.stdout)
    assert (page, location) == (301, "https://portal.school.example/policy/")
    assert health == 503  # answered over http, not redirected
    assert hsts == "max-age=31536000; includeSubDomains; preload"


def test_check_deploy_with_hsts_turned_off_warns_as_django_does(tmp_path):
    result = manage("check", "--deploy", env=production(SECURE_HSTS_SECONDS="0"), var_dir=tmp_path)
    assert result.returncode == 0
    assert "security.W004" in result.stderr
