"""With DEBUG off the portal refuses to start without its production settings (conduct_portal/checks.py).

Each check is run as an operator meets it: ``manage.py check`` in a new process whose environment
has the production settings but for the one under test. A few finer points of the checks, which read
the settings as they run, are tested in this process.
"""

import re
import secrets
import sqlite3
import tomllib

import pytest
from django.core.checks import run_checks

from conduct_portal import checks
from tests.services import free_port

from .environment import PRODUCTION, ROOT, django_script, manage, production, run

NO_ISSUES = "System check identified no issues (0 silenced)."
TEST_SECRET_KEY = "test-only-secret-key-not-for-production"
DEVELOPMENT_SECRET_KEY = "insecure-development-key-do-not-use-in-production"


def portal_errors(output):
    """The portal's check ids in ``manage.py check``'s output, with the line each is on."""
    return {match.group(1): match.group(0) for match in re.finditer(r"\((conduct_portal\.E\d+)\).*", output)}


def test_with_the_production_settings_check_deploy_finds_nothing_at_all(tmp_path):
    result = manage("check", "--deploy", env=production(), var_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == NO_ISSUES
    assert result.stderr == ""


def test_without_email_host_check_deploy_fails_and_names_it(tmp_path):
    result = manage("check", "--deploy", env=production(EMAIL_HOST=None), var_dir=tmp_path)
    assert result.returncode != 0
    errors = portal_errors(result.stderr)
    assert set(errors) == {"conduct_portal.E001"}
    assert "EMAIL_HOST is not set" in errors["conduct_portal.E001"]
    assert "HINT: Set EMAIL_HOST" in result.stderr
    # What the README shows.
    readme = (ROOT / "README.md").read_text()
    assert f"```\n{result.stderr.strip()}\n```" in readme
    assert f"```\n$ .venv/bin/python manage.py check --deploy\n{NO_ISSUES}\n```" in readme


@pytest.mark.parametrize(
    ("changes", "expected", "named"),
    [
        ({"EMAIL_HOST": None}, {"conduct_portal.E001"}, "EMAIL_HOST"),
        ({"EMAIL_HOST": "  "}, {"conduct_portal.E001"}, "EMAIL_HOST"),
        ({"REDIS_URL": None}, {"conduct_portal.E002"}, "REDIS_URL"),
        ({"SECRET_KEY": TEST_SECRET_KEY}, {"conduct_portal.E003", "conduct_portal.E004"}, "SECRET_KEY"),
        ({"SECRET_KEY": DEVELOPMENT_SECRET_KEY}, {"conduct_portal.E003", "conduct_portal.E004"}, "SECRET_KEY"),
        ({"SECRET_KEY": "django-insecure-" + secrets.token_urlsafe(50)}, {"conduct_portal.E003"}, "SECRET_KEY"),
        ({"SECRET_KEY": secrets.token_urlsafe(30)}, {"conduct_portal.E004"}, "SECRET_KEY"),
        ({"SECRET_KEY": "abcd" * 20}, {"conduct_portal.E004"}, "SECRET_KEY"),
        ({"SITE_URL": "http://portal.school.example"}, {"conduct_portal.E005"}, "SITE_URL"),
        ({"SITE_URL": None}, {"conduct_portal.E005", "conduct_portal.E006"}, "SITE_URL"),
        ({"ALLOWED_HOSTS": "other.school.example"}, {"conduct_portal.E006"}, "ALLOWED_HOSTS"),
        ({"ALLOWED_HOSTS": None}, {"conduct_portal.E006"}, "ALLOWED_HOSTS"),
        ({"DPO_NAME": None}, {"conduct_portal.E007"}, "DPO_NAME"),
        ({"DPO_EMAIL": None}, {"conduct_portal.E008"}, "DPO_EMAIL"),
        ({"CHILDREN_SOCIAL_CARE_PHONE": None}, {"conduct_portal.E009"}, "CHILDREN_SOCIAL_CARE_PHONE"),
        ({"SCHOOL_PHONE": ""}, {"conduct_portal.E010"}, "SCHOOL_PHONE"),
        ({"SCHOOL_TYPE": "free school"}, {"conduct_portal.E011"}, "SCHOOL_TYPE"),
        ({"PANEL_MIN_MEMBERS": "2"}, {"conduct_portal.E013"}, "complaints panel"),
        ({"PANEL_MIN_INDEPENDENT": "0"}, {"conduct_portal.E013"}, "independent"),
    ],
    ids=lambda value: None if isinstance(value, dict | set) else value,
)
def test_each_check_fails_a_start_with_debug_off_and_names_the_setting(tmp_path, changes, expected, named):
    result = manage("check", env=production(**changes), var_dir=tmp_path)
    assert result.returncode != 0
    assert "SystemCheckError" in result.stderr
    errors = portal_errors(result.stderr)
    assert set(errors) == expected
    for line in errors.values():
        assert named in line
    assert "HINT: " in result.stderr


def test_the_secret_key_itself_is_never_printed(tmp_path):
    weak = secrets.token_urlsafe(20)
    result = manage("check", env=production(SECRET_KEY=weak), var_dir=tmp_path)
    assert "conduct_portal.E004" in result.stderr
    assert weak not in result.stdout + result.stderr


def test_a_secret_key_from_a_file_is_checked_too(tmp_path):
    (tmp_path / "secret").write_text(TEST_SECRET_KEY + "\n")
    result = manage(
        "check", env=production(SECRET_KEY=None, SECRET_KEY_FILE=str(tmp_path / "secret")), var_dir=tmp_path
    )
    assert set(portal_errors(result.stderr)) == {"conduct_portal.E003", "conduct_portal.E004"}


def test_with_debug_on_and_nothing_set_none_fires(tmp_path):
    result = manage("check", env={"DEBUG": "1"}, var_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == NO_ISSUES
    deploy = manage("check", "--deploy", env={"DEBUG": "1"}, var_dir=tmp_path)
    assert deploy.returncode == 0, deploy.stderr  # Django's own warnings about DEBUG, never an error of ours
    assert "conduct_portal." not in deploy.stdout + deploy.stderr


def test_migrate_refuses_and_leaves_the_database_alone(tmp_path):
    database = tmp_path / "production.sqlite3"
    result = manage(
        "migrate", "--no-input", env=production(EMAIL_HOST=None, DATABASE_URL=f"sqlite:///{database}"), var_dir=tmp_path
    )
    assert result.returncode != 0
    assert "conduct_portal.E001" in result.stderr and "EMAIL_HOST" in result.stderr
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall() == []


def test_the_web_process_refuses_to_start(tmp_path):
    """gunicorn, as the Procfile runs it: its worker cannot load the application, so gunicorn stops."""
    result = run(
        [
            "-m",
            "gunicorn",
            "conduct_portal.wsgi",
            "--bind",
            f"127.0.0.1:{free_port()}",
            "--workers",
            "1",
            "--no-control-socket",
        ],
        production(SCHOOL_PHONE=None),
        tmp_path,
    )
    assert result.returncode != 0
    assert "Worker failed to boot" in result.stderr
    assert "(conduct_portal.E010) SCHOOL_PHONE is not set" in result.stderr


def test_the_web_application_loads_with_the_production_settings(tmp_path):
    result = django_script("import conduct_portal.wsgi", production(), tmp_path)
    assert result.returncode == 0, result.stderr
    refused = django_script("import conduct_portal.wsgi", production(DPO_EMAIL=None), tmp_path)
    assert refused.returncode != 0
    assert "(conduct_portal.E008) DPO_EMAIL is not set" in refused.stderr


def test_the_known_secret_keys_include_every_one_written_in_this_repository(tmp_path):
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    [test_key] = [
        entry.split("=", 1)[1] for entry in pyproject["tool"]["pytest"]["ini_options"]["env"] if "SECRET_KEY=" in entry
    ]
    development = django_script(
        "from django.conf import settings; print(settings.SECRET_KEY)", {"DEBUG": "1"}, tmp_path
    )
    development_key = development.stdout.strip()
    # The benchmark (bench/run.py) makes a new random key each run: no key of its own is written down.
    assert {test_key, development_key} <= checks.KNOWN_SECRET_KEYS
    assert test_key == TEST_SECRET_KEY and development_key == DEVELOPMENT_SECRET_KEY


# In this process: the checks read the settings as they run.


@pytest.fixture
def production_settings(settings):
    settings.DEBUG = False
    settings.SECRET_KEY = PRODUCTION["SECRET_KEY"]
    settings.SITE_URL = PRODUCTION["SITE_URL"]
    settings.ALLOWED_HOSTS = [PRODUCTION["ALLOWED_HOSTS"]]
    for name in ("EMAIL_HOST", "REDIS_URL", "DPO_NAME", "DPO_EMAIL", "CHILDREN_SOCIAL_CARE_PHONE", "SCHOOL_PHONE"):
        setattr(settings, name, PRODUCTION[name])
    return settings


def portal_check_ids():
    return {message.id for message in run_checks(tags=[checks.TAG])}


def test_in_production_settings_no_check_fires(production_settings):
    assert portal_check_ids() == set()


def test_with_debug_on_no_check_fires_whatever_is_missing(settings):
    settings.DEBUG = True
    settings.SECRET_KEY = "x"
    settings.SITE_URL = "http://127.0.0.1:8000"
    settings.ALLOWED_HOSTS = []
    for name in ("EMAIL_HOST", "REDIS_URL", "DPO_NAME", "DPO_EMAIL", "CHILDREN_SOCIAL_CARE_PHONE", "SCHOOL_PHONE"):
        setattr(settings, name, "")
    assert portal_check_ids() == set()
    settings.DEBUG = False
    assert portal_check_ids() == {f"conduct_portal.E{number:03}" for number in range(1, 11)} - {"conduct_portal.E003"}


@pytest.mark.parametrize(
    ("site_url", "allowed_hosts", "fires"),
    [
        ("https://portal.school.example", ["portal.school.example"], False),
        ("https://Portal.School.Example:8443/", ["portal.school.example"], False),
        ("https://portal.school.example", [".school.example"], False),
        ("https://portal.school.example", ["localhost", "127.0.0.1"], True),
        ("https://portal.school.example", ["school.example"], True),
        ("https://[2001:db8::1]", ["[2001:db8::1]"], False),
        ("https://", ["portal.school.example"], True),
    ],
)
def test_allowed_hosts_must_include_site_urls_host(production_settings, site_url, allowed_hosts, fires):
    production_settings.SITE_URL = site_url
    production_settings.ALLOWED_HOSTS = allowed_hosts
    assert ("conduct_portal.E006" in portal_check_ids()) is fires


def test_every_check_has_its_own_id_and_a_hint(settings):
    settings.DEBUG = False
    settings.SECRET_KEY = DEVELOPMENT_SECRET_KEY
    settings.SITE_URL = "http://portal.school.example"
    settings.ALLOWED_HOSTS = []
    for name in ("EMAIL_HOST", "REDIS_URL", "DPO_NAME", "DPO_EMAIL", "CHILDREN_SOCIAL_CARE_PHONE", "SCHOOL_PHONE"):
        setattr(settings, name, "")
    messages = run_checks(tags=[checks.TAG])
    assert sorted(message.id for message in messages) == [f"conduct_portal.E{number:03}" for number in range(1, 11)]
    assert all(message.is_serious() and message.hint for message in messages)


def test_the_procedures_settings_are_checked_in_development_too(settings):
    settings.DEBUG = True
    settings.SCHOOL_TYPE = "grammar"
    settings.OTHER_PROCEDURES = {**settings.OTHER_PROCEDURES, "parking": "the council"}
    assert portal_check_ids() == {"conduct_portal.E011", "conduct_portal.E012"}
