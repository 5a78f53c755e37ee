import re

import pytest
from django.urls import reverse

from notifications.models import Notification
from policy.models import Category
from reports.models import Evidence, Report, ReportEvent
from tests.files import damaged_pdf, disguised, exif_of, gif, jpeg_with_gps, oversized, pdf, png

from .factories import form_data, make_report

REFERENCE = re.compile(r"^[2-9A-HJ-NP-TV-Z]{4}-[2-9A-HJ-NP-TV-Z]{4}$")
NEW = "/reports/new/?child_at_risk=no"  # the report form, after "no" to the first question


@pytest.fixture
def parent_client(client, parent):
    client.force_login(parent)
    return client


def post(client, capture, data, files=()):
    payload = dict(data)
    if files:
        payload["evidence"] = list(files)
    with capture(execute=True):
        return client.post(NEW, payload)


def test_an_anonymous_visitor_is_sent_to_log_in_and_back(client, db):
    response = client.get("/reports/new/")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=/reports/new/"


def test_the_form_offers_the_policy_categories_in_its_words_and_the_classes_first_class_first(
    parent_client, school_class, other_class
):
    page = parent_client.get(NEW).content.decode()
    for category in Category.objects.all():
        assert category.wording in page
    assert "Identifying or posting images/videos of pupils" in page
    assert page.index("Robins (Year 1)") < page.index("Kestrels (Year 2)")


def test_a_parent_reports_with_a_photo_and_gets_a_reference_and_an_email(
    parent_client, parent, school_class, teacher, django_capture_on_commit_callbacks, mailoutbox
):
    data = form_data(school_class=str(school_class.pk))
    response = post(parent_client, django_capture_on_commit_callbacks, data, [jpeg_with_gps()])

    report = Report.objects.get()
    assert REFERENCE.match(report.reference)
    assert response.status_code == 302
    assert response["Location"] == f"/reports/{report.reference}/submitted/"
    assert report.reference not in str(report.pk) and str(report.pk) not in response["Location"]
    assert (report.reporter, report.school_class, report.stage, report.status) == (
        parent,
        school_class,
        Report.Stage.CLASS_TEACHER,
        Report.Status.NEW,
    )
    assert list(report.categories.values_list("number", flat=True)) == [2]
    assert report.links == "https://example.org/post/1"

    confirmation = parent_client.get(response["Location"])
    assert report.reference in confirmation.content.decode()

    to_parent, to_teacher = sorted(mailoutbox, key=lambda message: message.to != ["parent@example.org"])
    message = to_parent
    assert to_teacher.to == ["teacher@example.org"]
    assert message.to == ["parent@example.org"]
    assert report.reference in message.subject
    assert "teacher" not in message.subject.lower()
    assert f"http://testserver/reports/{report.reference}/" in message.body
    assert f"http://testserver/reports/{report.reference}/" in message.alternatives[0][0]
    assert "Oakfield Primary School" in message.from_email
    assert set(Notification.objects.values_list("status", flat=True)) == {Notification.Status.SENT}
    assert ReportEvent.objects.get().action == "submit"


def test_the_stored_photo_has_no_gps_or_camera_data(parent_client, django_capture_on_commit_callbacks):
    post(parent_client, django_capture_on_commit_callbacks, form_data(), [jpeg_with_gps()])

    evidence = Evidence.objects.get()
    with evidence.file.open("rb") as stored_file:
        stored = stored_file.read()
    exif = exif_of(stored)
    assert exif.get_ifd(0x8825) == {}
    assert 0x010F not in exif
    assert evidence.content_type == "image/jpeg"
    assert evidence.original_name == "photo.jpg"
    assert evidence.file.name.endswith(f"{evidence.public_id.hex}.jpg")


def test_a_pdf_and_a_png_are_accepted_together(parent_client, django_capture_on_commit_callbacks):
    post(parent_client, django_capture_on_commit_callbacks, form_data(), [pdf(), png()])
    assert sorted(Evidence.objects.values_list("content_type", flat=True)) == ["application/pdf", "image/png"]


def test_a_concern_about_a_child_needs_no_category(parent_client, django_capture_on_commit_callbacks):
    data = form_data(kind="concern", categories=[], concerns="pupil")
    post(parent_client, django_capture_on_commit_callbacks, data)
    report = Report.objects.get()
    assert report.kind == Report.Kind.CONCERN
    assert report.categories.count() == 0


def test_a_member_of_staff_starts_with_the_office_and_leadership(
    client, teacher, office, django_capture_on_commit_callbacks
):
    client.force_login(teacher)
    post(client, django_capture_on_commit_callbacks, form_data())
    assert Report.objects.get().stage == Report.Stage.OFFICE_LEADERSHIP


REFUSALS = [
    pytest.param({"categories": []}, (), "Tick at least one kind of inappropriate online activity.", id="no-category"),
    pytest.param({"description": "  "}, (), "Describe what happened.", id="no-description"),
    pytest.param({"description": "x" * 10_001}, (), "Write at most 10000 characters: this has 10001.", id="too-long"),
    pytest.param({"occurred_on": "2099-01-01"}, (), "The date cannot be in the future.", id="future-date"),
    pytest.param({"occurred_on": "yesterday"}, (), "Enter a real date, for example 27 11 2026.", id="not-a-date"),
    pytest.param({"links": "not a link\nhttps://ok.example.org"}, (), "not web addresses", id="bad-link"),
    pytest.param({"links": "javascript:alert(1)"}, (), "not web addresses", id="script-link"),
    pytest.param({"platform": "tiktok"}, (), "Choose one of the options given.", id="unknown-platform"),
    pytest.param({"kind": ""}, (), "Choose what you are reporting.", id="no-kind"),
    pytest.param({}, [disguised()], "“photo.jpg” is not a file we can accept", id="disguised-file"),
    pytest.param({}, [gif()], "“animation.gif” is not a file we can accept", id="gif"),
    pytest.param({}, [oversized()], "each file can be at most 10.0 MB", id="too-large"),
    pytest.param({}, [png(f"shot{i}.png") for i in range(6)], "a report can have at most 5", id="too-many"),
    pytest.param({}, [png(), disguised("notes.pdf")], "“notes.pdf” is not a file we can accept", id="one-bad-of-two"),
    pytest.param({}, [damaged_pdf()], "“damaged.pdf” looks like a damaged PDF", id="damaged-pdf"),
    pytest.param({}, [pdf("locked.pdf", password="x")], "“locked.pdf” is protected with a password", id="locked-pdf"),
]


@pytest.mark.parametrize(("changes", "files", "message"), REFUSALS)
def test_bad_input_is_refused_with_a_message_and_keeps_what_was_typed(
    parent_client, django_capture_on_commit_callbacks, mailoutbox, tmp_path, changes, files, message
):
    data = form_data(**{"description": "My words, kept safe <b>here</b>", "platform_name": "Year 1 chat", **changes})
    response = post(parent_client, django_capture_on_commit_callbacks, data, files)

    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "There is a problem" in page and "<title>Error: " in page
    summary = page[page.index('id="error-summary"') : page.index("</div>", page.index('id="error-summary"'))]
    assert message in summary or "not a file we can accept" in message  # files: one message a file, in the summary
    assert 'href="#id_' in summary
    if data["description"].strip() and len(data["description"]) < 10_000:
        assert "My words, kept safe &lt;b&gt;here&lt;/b&gt;" in page
    assert 'value="Year 1 chat"' in page
    assert Report.objects.count() == 0
    assert Evidence.objects.count() == 0
    assert not any((tmp_path / "evidence").rglob("*.*"))
    assert mailoutbox == []


def test_the_form_keeps_the_ticked_categories_after_an_error(parent_client, django_capture_on_commit_callbacks):
    ids = [str(pk) for pk in Category.objects.filter(number__in=[1, 7]).values_list("pk", flat=True)]
    response = post(parent_client, django_capture_on_commit_callbacks, form_data(categories=ids, description=""))
    page = response.content.decode()
    for pk in ids:
        assert re.search(rf'value="{pk}"[^>]*checked', page)


def test_my_reports_lists_only_mine_each_saying_where_it_stands(client, parent, other_parent):
    mine = make_report(parent)
    theirs = make_report(other_parent)
    client.force_login(parent)
    page = client.get("/reports/").content.decode()
    assert mine.reference in page
    assert "who will acknowledge it by" in page
    assert theirs.reference not in page


def test_a_row_of_my_reports_follows_where_it_stands_and_the_reader_s_language(client, parent, school_class, teacher):
    from reports.ladder import Move
    from reports.services import apply_move

    report = make_report(parent, school_class=school_class)
    client.force_login(parent)
    assert "who will acknowledge it by" in client.get("/reports/").content.decode()
    apply_move(report, actor=teacher, move=Move.RESPOND, note="We have spoken to the group's admin.")
    page = client.get("/reports/").content.decode()
    assert "replied on" in page and "who will acknowledge it by" not in page
    parent.language = "cy"
    parent.save()
    assert "replied on" not in client.get("/reports/", HTTP_ACCEPT_LANGUAGE="cy").content.decode()


def test_my_reports_makes_the_same_number_of_queries_for_many_reports(
    client, parent, school_class, django_assert_max_num_queries
):
    client.force_login(parent)
    make_report(parent, school_class=school_class)
    with django_assert_max_num_queries(10) as few:
        client.get("/reports/")
    for _ in range(15):
        make_report(parent, school_class=school_class)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/reports/")
    assert response.content.decode().count('class="reference"') == 16
