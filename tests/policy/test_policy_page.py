import datetime

import pytest
from django.utils import timezone

from policy.models import Category, PolicyAcknowledgement, PolicyVersion
from policy.rendering import render_markdown


@pytest.fixture
def version_two(db):
    return PolicyVersion.objects.create(
        number=2,
        label="January 2027",
        title="Social media policy for parents and carers",
        body="Updated text.\n\n> 1. Talk to the class teacher",
        effective_date=timezone.localdate() - datetime.timedelta(days=1),
    )


def test_the_customers_policy_is_version_one_on_a_new_database(db):
    version = PolicyVersion.objects.get(number=1)
    assert version.title == "Social media policy for parents and carers"
    assert "We ask that social media, whether public or private, should not be used" in version.body
    assert "If still unresolved, the school governors through the complaint's procedure." in version.body


def test_the_eight_categories_are_rows_in_the_policys_words(db):
    assert list(Category.objects.values_list("number", flat=True)) == list(range(1, 9))
    assert Category.objects.get(number=1).wording == "Identifying or posting images/videos of pupils"
    assert Category.objects.get(number=8).wording == "Breaching school security procedures"
    assert set(Category.objects.filter(is_urgent=True).values_list("number", flat=True)) == {1, 7, 8}


def test_anyone_can_read_the_policy_with_the_steps_standing_out(client, db):
    page = client.get("/policy/").content.decode()
    assert "<h1" in page and "Social media policy for parents and carers" in page
    blockquote = page[page.index("<blockquote>") : page.index("</blockquote>")]
    for step in ("Initially contact the class teacher", "school office", "governors"):
        assert step in blockquote
    assert 'media="print"' in page
    assert 'name="viewport"' in page
    assert "Log in</a> to record that you have read the policy" in page


def test_the_page_loads_nothing_from_another_site(client, db):
    response = client.get("/policy/")
    page = response.content.decode()
    assert "https://cdn" not in page and "//cdn." not in page
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_markdown_is_sanitised():
    html = render_markdown("<script>alert(1)</script>\n\n[click](javascript:alert(1)) <img src=x onerror=alert(1)>")
    assert "<script" not in html
    assert "javascript:" not in html
    assert "onerror" not in html and "<img" not in html


def test_a_parent_records_reading_a_version_and_is_asked_again_for_a_new_one(client, parent):
    client.force_login(parent)
    assert "Please read the policy" in client.get("/").content.decode()

    response = client.post("/policy/1/read/")
    assert response.status_code == 302
    assert PolicyAcknowledgement.objects.filter(user=parent, version__number=1).exists()
    assert "Please read the policy" not in client.get("/").content.decode()
    assert "You have recorded that you read this version" in client.get("/policy/").content.decode()

    PolicyVersion.objects.create(
        number=2, label="Next", title="Policy", body="New.", effective_date=timezone.localdate()
    )
    home = client.get("/").content.decode()
    assert "Please read the policy" in home
    assert "Version 2 (Next)" in home


def test_recording_twice_keeps_one_record(client, parent):
    client.force_login(parent)
    client.post("/policy/1/read/")
    client.post("/policy/1/read/")
    assert PolicyAcknowledgement.objects.filter(user=parent).count() == 1


def test_recording_needs_a_logged_in_post(client, parent):
    assert client.post("/policy/1/read/").status_code == 302
    client.force_login(parent)
    assert client.get("/policy/1/read/").status_code == 405
    assert not PolicyAcknowledgement.objects.exists()


def test_earlier_versions_stay_readable_and_listed(client, version_two):
    current = client.get("/policy/").content.decode()
    assert "Updated text." in current
    assert 'href="/policy/1/"' in current
    earlier = client.get("/policy/1/").content.decode()
    assert "This is an earlier version" in earlier
    assert "Initially contact the class teacher" in earlier


def test_a_version_not_yet_in_force_is_not_shown(client, db):
    PolicyVersion.objects.create(
        number=3,
        label="Future",
        title="Policy",
        body="Not yet.",
        effective_date=timezone.localdate() + datetime.timedelta(days=10),
    )
    assert "Not yet." not in client.get("/policy/").content.decode()
    assert client.get("/policy/3/").status_code == 404


def test_the_leadership_team_adds_a_translation_in_the_admin_and_a_parent_reads_it(client, head, parent):
    from policy.models import PolicyVersion

    version = PolicyVersion.objects.get(number=1)
    version.translations.all().delete()
    client.force_login(head)
    url = f"/admin/policy/policyversion/{version.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200 and "Policy translations" in page.content.decode()
    response = client.post(url, {
        "number": version.number, "label": version.label, "title": version.title, "body": version.body,
        "effective_date": version.effective_date.isoformat(),
        "translations-TOTAL_FORMS": "1", "translations-INITIAL_FORMS": "0",
        "translations-MIN_NUM_FORMS": "0", "translations-MAX_NUM_FORMS": "1000",
        "translations-0-language": "pl", "translations-0-title": "Zasady (przekład)",
        "translations-0-body": "## Wstęp\n\nTreść zasad.",
    })  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    client.force_login(parent)
    client.post("/language/", {"language": "pl", "next": "/"})
    shown = client.get("/policy/").content.decode()
    assert "Zasady (przekład)" in shown and "Treść zasad." in shown
