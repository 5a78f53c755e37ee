"""A family reads the portal, its emails and the policy in their language; Urdu right to left."""

import datetime

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from accounts.models import User
from notifications.models import Notification
from notifications.tasks import send_pending
from policy.models import PolicyVersion
from reports.ladder import Move
from reports.reminders import queue_deadline_reminders
from reports.services import apply_move
from reports.standing import capitalised
from tests.conftest import PASSWORD
from tests.reports.factories import make_report


def in_(language, message, **values):
    """``message`` as the catalogue for ``language`` has it (and never the English itself)."""
    with translation.override(language):
        translated = gettext(message)
    assert translated != message, f"no {language} translation of {message!r}"
    return translated % values if values else translated


def test_choosing_a_language_keeps_it_on_the_account_for_every_device(client, parent):
    client.force_login(parent)
    response = client.post("/language/", {"language": "cy", "next": "/reports/"})
    assert response.status_code == 302 and response["Location"] == "/reports/"
    parent.refresh_from_db()
    assert parent.language == "cy"
    elsewhere = Client(headers={"accept-language": "en-GB"})  # another browser, set to English
    elsewhere.force_login(parent)
    page = elsewhere.get("/reports/").content.decode()
    assert '<html lang="cy" dir="ltr">' in page
    assert in_("cy", "My reports") in page


def test_a_language_the_portal_does_not_have_changes_nothing(client, parent):
    client.force_login(parent)
    client.post("/language/", {"language": "xx", "next": "/"})
    parent.refresh_from_db()
    assert parent.language == ""


def test_urdu_is_laid_out_right_to_left_and_peoples_words_keep_their_own_direction(client, parent, school_class):
    report = make_report(parent, school_class=school_class, description="Comments in English, left to right.")
    client.force_login(parent)
    client.post("/language/", {"language": "ur", "next": "/"})
    page = client.get(report.get_absolute_url()).content.decode()
    assert '<html lang="ur" dir="rtl">' in page
    assert "bootstrap.rtl.min.css" in page and "bootstrap.min.css" not in page
    assert '<dd class="col-sm-8 user-text" dir="auto">Comments in English' in page


def test_a_new_account_keeps_the_language_it_signed_up_in(db, mailoutbox):
    client = Client(headers={"accept-language": "pl"})
    client.post("/accounts/signup/", {"full_name": "Ola Rodzic", "email": "ola@example.org", "password1": PASSWORD,
                                      "password2": PASSWORD})  # fmt: skip
    assert User.objects.get(email="ola@example.org").language == "pl"
    assert mailoutbox[0].subject == in_("pl", "Confirm your email address for %(SCHOOL_NAME)s",
                                        SCHOOL_NAME="Oakfield Primary School")  # fmt: skip


def test_each_email_is_written_in_its_readers_language(parent, school_class, teacher, settings):
    parent.language = "ur"
    parent.save()
    teacher.language = "cy"
    teacher.save()
    with translation.override("en-gb"):  # the member of staff making the move reads English
        report = make_report(parent, school_class=school_class)
        apply_move(report, actor=teacher, move=Move.RESPOND, note="We have asked for the post to be removed.")
    received = Notification.objects.get(recipient=parent, template="report-received")
    assert received.subject == in_("ur", "We have received your report %(reference)s", reference=report.reference)
    replied = Notification.objects.get(recipient=parent, template="report-update")
    assert in_("ur", "%(said_by)s wrote:", said_by=capitalised(in_("ur", "the class teacher"))) in replied.body_text
    assert "We have asked for the post to be removed." in replied.body_text  # what staff wrote, as they wrote it
    assigned = Notification.objects.get(recipient=teacher, template="report-assigned")
    assert assigned.subject == in_("cy", "Report %(reference)s has reached you", reference=report.reference)


def test_an_email_the_worker_writes_is_in_its_readers_language(parent, school_class, teacher):
    teacher.language = "pl"
    teacher.save()
    report = make_report(parent, school_class=school_class, today=datetime.date(2026, 11, 23))
    queue_deadline_reminders(datetime.date(2026, 11, 27))  # the beat task, outside any request, the day before
    send_pending.apply()  # the worker, once the sweep has committed: it writes the reminder as it sends it
    reminder = Notification.objects.get(recipient=teacher, template="report-reminder")
    assert reminder.status == Notification.Status.SENT
    assert reminder.subject.startswith(in_("pl", "Reminder: report %(reference)s is due %(day)s",
                                           reference=report.reference, day="")[:20])  # fmt: skip


@pytest.mark.parametrize("language", ["cy", "pl", "ur", "pa"])
def test_the_policy_reads_in_the_familys_language_with_the_english_in_force(client, parent, language):
    version = PolicyVersion.objects.get(number=1)
    translated = version.translations.get(language=language)
    client.force_login(parent)
    client.post("/language/", {"language": language, "next": "/"})
    page = client.get("/policy/").content.decode()
    assert translated.title in page
    assert 'id="translation-note"' in page
    original = client.get("/policy/?original=1").content.decode()
    assert version.title in original and 'id="translation-note"' not in original
    client.post(f"/policy/{version.number}/read/")
    assert version.is_acknowledged_by(parent)
