"""Sessions end: a member of staff's after an idle time, a parent's after two weeks."""

import datetime

from django.contrib.sessions.backends import cached_db
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.utils import timezone

from tests.conftest import PASSWORD


def session_row(client):
    return Session.objects.get(session_key=client.session.session_key)


def test_a_staff_session_ends_after_the_idle_time(client, teacher, settings):
    settings.STAFF_SESSION_IDLE_MINUTES = 30
    client.post("/accounts/login/", {"username": "teacher@example.org", "password": PASSWORD})
    assert client.get("/queue/").status_code == 200
    left = session_row(client).expire_date - timezone.now()
    assert datetime.timedelta(minutes=29) < left <= datetime.timedelta(minutes=30)

    # 30 idle minutes later: the row has expired, and so has its copy in the cache, kept for as long.
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    cache.delete(f"{cached_db.KEY_PREFIX}{client.session.session_key}")
    response = client.get("/queue/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_parents_session_lasts_two_weeks(client, parent):
    client.post("/accounts/login/", {"username": "parent@example.org", "password": PASSWORD})
    client.get("/reports/")
    left = session_row(client).expire_date - timezone.now()
    assert datetime.timedelta(days=13, hours=23) < left <= datetime.timedelta(days=14)


def test_a_session_is_kept_in_the_database_and_outlives_the_cache(client, parent):
    client.post("/accounts/login/", {"username": "parent@example.org", "password": PASSWORD})
    assert session_row(client)  # written through to the database
    cache.clear()  # Redis restarted, say
    response = client.get("/reports/")
    assert response.status_code == 200  # still signed in
