"""The account page: a person's data as a ZIP, closing the account, changing the email address; the privacy notice."""

import io
import json
import re
import zipfile

import pytest
from django.conf import settings

from accounts.models import User
from policy.models import PolicyAcknowledgement, PolicyVersion
from privacy.models import SubjectAccessRequest
from reports.evidence import clean_upload
from reports.ladder import Move
from reports.services import apply_move
from tests.conftest import PASSWORD
from tests.files import jpeg_with_gps
from tests.reports.factories import make_report


@pytest.fixture
def report_with_photo(parent, school_class, teacher):
    photo = clean_upload(jpeg_with_gps("my-photo.jpg"), settings.EVIDENCE_MAX_BYTES)
    report = make_report(parent, school_class=school_class, evidence=[photo])
    apply_move(report, actor=teacher, move=Move.NOTE, note="Staff only: known family.")
    apply_move(report, actor=teacher, move=Move.RESPOND, note="We spoke to the group.")
    PolicyAcknowledgement.objects.create(version=PolicyVersion.objects.get(number=1), user=parent)
    return report


def unzip(response):
    archive = zipfile.ZipFile(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    return archive, json.loads(archive.read("your-data.json"))


def test_a_parent_downloads_their_report_and_their_photo(client, parent, report_with_photo):
    client.force_login(parent)
    assert "Download your data" in client.get("/account/").content.decode()
    response = client.post("/account/data/")
    assert response["Content-Type"] == "application/zip"
    archive, data = unzip(response)
    assert data["account"]["email"] == "parent@example.org"
    assert data["children"] == [{"name": "Alex", "class": "Robins", "school_reference": None}]
    [report] = data["reports_you_made"]
    assert report["reference"] == report_with_photo.reference
    assert report["what_happened"] == report_with_photo.description
    notes = [step["note"] for step in report["timeline"]]
    assert "We spoke to the group." in notes and "Staff only: known family." not in notes
    assert data["policy_versions_you_read"][0]["version"] == 1
    [photo] = report["files"]
    assert photo.endswith("my-photo.jpg") and archive.read(photo)[:3] == b"\xff\xd8\xff"
    request = SubjectAccessRequest.objects.get()
    assert request.person == parent and request.completed_at is not None
    assert (request.due_on - request.requested_at.date()).days in (28, 29, 30, 31)


def test_staff_produce_the_same_for_a_parent_from_the_admin(client, head, parent, report_with_photo):
    client.force_login(head)
    response = client.post("/admin/accounts/user/", {"action": "download_everything", "_selected_action": [parent.pk]})
    _archive, data = unzip(response)
    assert data["account"]["email"] == "parent@example.org"
    assert "Staff only: known family." not in json.dumps(data)
    assert SubjectAccessRequest.objects.get().requested_by == head


def test_the_office_cannot_produce_it(client, office, parent, report_with_photo):
    client.force_login(office)
    response = client.post("/admin/accounts/user/", {"action": "download_everything", "_selected_action": [parent.pk]})
    assert response.get("Content-Type") != "application/zip"
    assert not SubjectAccessRequest.objects.exists()


def test_a_parent_closes_their_account_and_the_report_stays_as_a_former_parents(
    client, parent, teacher, report_with_photo
):
    client.force_login(parent)
    wrong = client.post("/account/close/", {"password": "not-it"})
    assert "That is not your password." in wrong.content.decode()
    response = client.post("/account/close/", {"password": PASSWORD})
    assert "Your account is closed" in response.content.decode()
    parent.refresh_from_db()
    assert not parent.is_active and parent.full_name == "" and parent.email != "parent@example.org"
    assert not parent.has_usable_password() and not parent.children.exists()
    assert str(parent) == "Former parent"
    login = client.post("/accounts/login/", {"username": "parent@example.org", "password": PASSWORD})
    assert not login.wsgi_request.user.is_authenticated

    client.force_login(teacher)
    page = client.get(f"/reports/{report_with_photo.reference}/")
    assert page.status_code == 200
    content = page.content.decode()
    assert "Former parent" in content and "parent@example.org" not in content
    assert report_with_photo.description in content
    # Nothing fails for a report whose reporter has gone.
    apply_move(report_with_photo, actor=teacher, move=Move.RESOLVE, note="Closing it.")


def test_the_office_closes_an_account_for_a_parent(client, office, parent):
    client.force_login(office)
    client.post("/admin/accounts/user/", {"action": "close_accounts", "_selected_action": [parent.pk]})
    parent.refresh_from_db()
    assert parent.closed_at is not None


def test_staff_cannot_close_their_own_account(client, teacher):
    client.force_login(teacher)
    client.post("/account/close/", {"password": PASSWORD})
    teacher.refresh_from_db()
    assert teacher.is_active and teacher.closed_at is None


def test_changing_the_email_address_is_confirmed_at_the_new_one_and_the_old_one_is_told(client, parent, mailoutbox):
    client.force_login(parent)
    client.post("/account/email/", {"email": "Pat.New@Example.org"})
    parent.refresh_from_db()
    assert parent.email == "parent@example.org"  # not yet
    [confirm] = mailoutbox
    assert confirm.to == ["pat.new@example.org"]
    link = re.search(r"http://testserver(/account/email/\S+/)", confirm.body).group(1)
    client.get(link)
    parent.refresh_from_db()
    assert parent.email == "pat.new@example.org"
    told = mailoutbox[1]
    assert told.to == ["parent@example.org"] and "You changed the email address" in told.body
    assert client.get(link).status_code == 400  # once only


def test_a_staff_member_may_turn_off_the_day_before_reminders_and_nothing_else(client, teacher, parent):
    client.force_login(teacher)
    assert "Email me the day before a deadline" in client.get("/account/").content.decode()
    client.post("/account/emails/", {})
    teacher.refresh_from_db()
    assert not teacher.wants_deadline_reminders
    client.force_login(parent)
    assert "none can be turned off" in client.get("/account/").content.decode()


def test_the_privacy_notice_is_published_with_the_dpo_and_the_retention_periods(client, db, settings):
    settings.DPO_NAME, settings.DPO_EMAIL = "Dana Protection", "dpo@school.example"
    page = client.get("/privacy/").content.decode()
    for words in ("What we collect", "Dana Protection", "dpo@school.example", "6 years", "25 years"):
        assert words in page
    for url in ("/", "/accounts/signup/"):
        assert 'href="/privacy/"' in client.get(url).content.decode()


def test_every_email_links_the_privacy_notice(client, parent, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_report(parent)
    client.post("/accounts/password-reset/", {"email": "parent@example.org"})
    assert len(mailoutbox) == 2
    for message in mailoutbox:
        assert "http://testserver/privacy/" in message.body
        if message.alternatives:
            assert "http://testserver/privacy/" in message.alternatives[0][0]


def test_a_closed_account_keeps_no_email_for_the_next_sign_up(client, parent, mailoutbox):
    from privacy.erasure import close_account

    close_account(parent)
    passphrase = "a-long-new-passphrase"
    client.post(
        "/accounts/signup/",
        {"full_name": "Pat Again", "email": "parent@example.org", "password1": passphrase, "password2": passphrase},
    )
    assert User.objects.filter(email="parent@example.org", closed_at__isnull=True).exists()
