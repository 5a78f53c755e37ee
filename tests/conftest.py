"""The fixed cast and the switches that say what this run can reach.

``make test`` on a laptop runs on SQLite with Celery eager and skips, with a
reason, what needs PostgreSQL, Redis, a Celery worker or Chromium. In CI
(``CI=true``) nothing may skip: a missing service fails the test instead.
"""

import importlib
import os
import shutil
import uuid

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone, translation

from accounts.models import StaffGroup, User
from conduct_portal.celery import app as celery_app
from school.models import Child, SchoolClass
from tests.browser.chromium import CHROMIUM

IN_CI = os.environ.get("CI", "").lower() == "true"
PASSWORD = "correct-horse-battery"


def require(condition, reason):
    """Skip (on a laptop) or fail (in CI) a test whose service is missing."""
    if not condition:
        if IN_CI:
            pytest.fail(f"CI runs every test, but: {reason}")
        pytest.skip(reason)


def on_postgresql():
    return settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist's own hook reads the groups
def pytest_collection_modifyitems(config, items):
    """Tests with a real Celery worker share Redis's default queue: under pytest-xdist they run one after another."""
    for item in items:
        if item.get_closest_marker("services"):
            item.add_marker(pytest.mark.xdist_group("services"))


def pytest_report_header(config):
    db = settings.DATABASES["default"]
    engine = db["ENGINE"].rsplit(".", 1)[-1]
    where = f"{db.get('HOST')}:{db.get('PORT')}/{db.get('NAME')}" if db.get("HOST") else db["NAME"]
    broker = settings.REDIS_URL or "none (Celery tasks run in process; worker tests skip)"
    browser = CHROMIUM if shutil.which(CHROMIUM) else f"none ({CHROMIUM} missing; browser tests skip)"
    return [f"database: {engine} {where}", f"celery broker: {broker}", f"browser: {browser}"]


@pytest.fixture(autouse=True)
def _isolated_environment(settings, tmp_path):
    """Evidence in a temporary folder, tasks in process, links to the test server."""
    settings.EVIDENCE_ROOT = tmp_path / "evidence"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, for tests only
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": tmp_path.name}
    }
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    always_eager, broker_url = celery_app.conf.task_always_eager, celery_app.conf.broker_url
    celery_app.conf.task_always_eager = True
    translation.activate(settings.LANGUAGE_CODE)  # a request in the last test may have left another language active
    yield
    translation.deactivate()
    if celery_app.conf.broker_url != broker_url:
        point_producer_at(broker_url)
    celery_app.conf.task_always_eager = always_eager


def restore_migration_data():
    """Put back the rows the data migrations wrote: a transactional test's flush removes them."""
    from django.apps import apps

    importlib.import_module("accounts.migrations.0002_staff_groups").create_groups(apps, None)
    importlib.import_module("policy.migrations.0002_first_version_and_categories").publish(apps, None)
    importlib.import_module("accounts.migrations.0005_safeguarding_team").create_safeguarding_group(apps, None)
    importlib.import_module("privacy.migrations.0002_first_notice").publish(apps, None)
    importlib.import_module("accounts.migrations.0008_clerk_to_the_governors").create_clerk_group(apps, None)
    importlib.import_module(
        "policy.migrations.0003_categories_that_alert_safeguarding"
    ).images_of_pupils_alert_safeguarding(apps, None)
    importlib.import_module("policy.migrations.0005_first_version_in_other_languages").publish(apps, None)


@pytest.fixture(autouse=True)
def _migration_data_in_place(request):
    """Every database test finds what the data migrations wrote, even after a transactional test emptied the
    database on this worker (pytest-xdist's groups may run those before it)."""
    marker = request.node.get_closest_marker("django_db")
    transactional = "transactional_db" in request.fixturenames or (marker and marker.kwargs.get("transaction"))
    if not (transactional or "db" in request.fixturenames or marker):
        return
    request.getfixturevalue("transactional_db" if transactional else "db")
    from policy.models import PolicyVersion

    if not PolicyVersion.objects.exists():
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()  # their rows went with the flush: made again as they are asked for
        restore_migration_data()


@pytest.fixture
def migrated_transactional_db(transactional_db):
    """Like ``transactional_db``, with the policy, its categories and the staff groups in place."""
    restore_migration_data()


def make_user(email, *groups, password=PASSWORD, **fields):
    fields.setdefault("email_confirmed_at", timezone.now())
    user = User.objects.create_user(email=email, password=password, **fields)
    if groups:
        user.groups.set(Group.objects.filter(name__in=groups))
    return user


@pytest.fixture
def school_class(db):
    return SchoolClass.objects.create(name="Robins", year_group="Year 1", position=1)


@pytest.fixture
def other_class(db):
    return SchoolClass.objects.create(name="Kestrels", year_group="Year 2", position=2)


@pytest.fixture
def parent(db, school_class):
    user = make_user("parent@example.org", full_name="Pat Parent")
    Child.objects.create(school_class=school_class, name="Alex").parents.add(user)
    return user


@pytest.fixture
def other_parent(db, school_class):
    user = make_user("parent2@example.org", full_name="Sam Second")
    Child.objects.create(school_class=school_class).parents.add(user)
    return user


@pytest.fixture
def teacher(db, school_class):
    user = make_user("teacher@example.org", StaffGroup.TEACHERS, full_name="Terry Teacher")
    school_class.teachers.add(user)
    return user


@pytest.fixture
def office(db):
    return make_user("office@example.org", StaffGroup.OFFICE, full_name="Olive Office", is_staff=True)


@pytest.fixture
def head(db):
    return make_user(
        "head@example.org", StaffGroup.LEADERSHIP, full_name="Harriet Head", is_staff=True, is_headteacher=True
    )


@pytest.fixture
def governor(db):
    return make_user(
        "governor@example.org", StaffGroup.GOVERNORS, full_name="Gill Governor", is_chair_of_governors=True
    )


@pytest.fixture
def clerk(db):
    return make_user("clerk@example.org", StaffGroup.CLERK, full_name="Clara Clerk")


@pytest.fixture
def panel_people(db):
    """A lawful panel of three: two governors with no part in any report, and one independent member."""
    from governance.models import IndependentMember

    governors = [
        make_user(f"governor{number}@example.org", StaffGroup.GOVERNORS, full_name=name)
        for number, name in ((2, "Gus Second"), (3, "Gemma Third"))
    ]
    independent = IndependentMember.objects.create(name="Ivy Independent", organisation="Another school's governor")
    return {"governors": governors, "independent_members": [independent]}


@pytest.fixture
def smtp_server():
    """A real SMTP server on loopback (aiosmtpd); its ``sink`` holds what it received."""
    from tests.services import SmtpServer

    with SmtpServer() as server:
        yield server


def worker_environment(settings, smtp_port, redis_url, **extra):
    """The environment a worker subprocess needs to share this test's database, broker and SMTP server."""
    db = settings.DATABASES["default"]
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": redis_url,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EVIDENCE_ROOT": str(settings.EVIDENCE_ROOT),
        "SITE_URL": settings.SITE_URL,
        "SECRET_KEY": settings.SECRET_KEY,
        "DEBUG": "0",
        # The worker's cache apart from any earlier test's: this test's own changes reach it through the database.
        "CACHE_KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        **{key: str(value) for key, value in extra.items()},
    }


def point_producer_at(broker_url):
    """Make this process publish tasks to ``broker_url`` (Celery caches its connection pools)."""
    celery_app.conf.broker_url = broker_url
    celery_app.conf.task_always_eager = False
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def celery_worker(migrated_transactional_db, smtp_server, settings, tmp_path):
    """A real Celery worker on Redis, against the test database, mailing the test SMTP server.

    Needs PostgreSQL (the worker is another process, so it cannot share an
    in-memory SQLite database) and Redis.
    """
    from tests.services import CeleryWorker

    require(on_postgresql(), "a Celery worker test needs PostgreSQL (set DATABASE_URL)")
    require(bool(settings.REDIS_URL), "a Celery worker test needs Redis (set REDIS_URL)")
    point_producer_at(settings.REDIS_URL)
    with celery_app.connection_for_write() as connection:
        celery_app.amqp.TaskConsumer(connection).purge()
    env = worker_environment(settings, smtp_server.port, settings.REDIS_URL)
    worker = CeleryWorker(env, tmp_path / "worker.log").start()
    yield worker
    worker.stop()


@pytest.fixture
def dsl(db):
    return make_user("dsl@example.org", StaffGroup.SAFEGUARDING, full_name="Dee Lead", is_dsl=True)


@pytest.fixture
def deputy_dsl(db):
    return make_user("deputy.dsl@example.org", StaffGroup.SAFEGUARDING, full_name="Dan Deputy")
