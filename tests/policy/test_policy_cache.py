"""The policy as visitors who are not signed in read it: served whole from the cache, new the moment it changes."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from policy.models import PolicyTranslation, PolicyVersion


def test_a_visitor_gets_the_policy_from_the_cache_without_asking_the_database(client, db):
    first = client.get("/policy/")
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/policy/")
    assert again.status_code == 200
    assert again.content == first.content
    assert len(queries.captured_queries) == 0
    assert again["Content-Language"] == "en-gb"
    assert "Cookie" in again["Vary"] and "Accept-Language" in again["Vary"]


def test_a_new_version_is_on_the_page_at_once(client, db):
    client.get("/policy/")
    PolicyVersion.objects.create(
        number=2, label="January 2027", title="Social media policy, second version", body="Updated text.",
        effective_date=timezone.localdate(),
    )  # fmt: skip
    assert "Social media policy, second version" in client.get("/policy/").content.decode()


def test_a_version_that_comes_into_force_tomorrow_is_not_shown_today(client, db):
    PolicyVersion.objects.create(
        number=2, label="Next term", title="Not yet in force", body="Later text.",
        effective_date=timezone.localdate() + datetime.timedelta(days=1),
    )  # fmt: skip
    assert "Not yet in force" not in client.get("/policy/").content.decode()


def test_a_corrected_translation_is_on_the_page_at_once(client, db):
    version = PolicyVersion.objects.current()
    translation = PolicyTranslation.objects.get(version=version, language="pl")
    polish = {"HTTP_ACCEPT_LANGUAGE": "pl"}
    client.get("/policy/", **polish)
    translation.body = translation.body + "\n\nZdanie dodane przez szkołę."
    translation.save()
    assert "Zdanie dodane przez szkołę." in client.get("/policy/", **polish).content.decode()


def test_each_language_and_address_has_its_own_page(client, db):
    welsh = client.get("/policy/", HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    english = client.get("/policy/").content.decode()
    original = client.get("/policy/?original=1", HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert 'lang="cy"' in welsh and 'lang="en-gb"' in english
    assert welsh != original


def test_someone_signed_in_gets_a_page_made_for_them(client, parent):
    client.get("/policy/")  # a visitor's page in the cache
    client.force_login(parent)
    page = client.get("/policy/").content.decode()
    assert "I have read this version" in page
    assert "to record that you have read the policy" not in page


def test_the_visitors_language_form_needs_no_token_and_a_signed_in_persons_does(client, parent):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    page = strict.get("/policy/").content.decode()
    assert "csrfmiddlewaretoken" not in page
    response = strict.post("/language/", {"language": "cy", "next": "/policy/"})
    assert response.status_code == 302
    assert 'lang="cy"' in strict.get("/policy/").content.decode()
    strict.force_login(parent)
    assert strict.post("/language/", {"language": "pl", "next": "/"}).status_code == 403
    parent.refresh_from_db()
    assert parent.language != "pl"


def test_with_the_cache_down_the_policy_is_still_served(client, db, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:1/0"}}  # fmt: skip
    response = client.get("/policy/")
    assert response.status_code == 200
    assert "Social media policy for parents and carers" in response.content.decode()
