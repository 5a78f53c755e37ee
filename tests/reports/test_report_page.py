import dataclasses
import io
from urllib.parse import quote

import pytest
from django.conf import settings
from pypdf import PdfReader

from reports.evidence import clean_upload
from reports.services import submit_report
from tests.files import exif_of, jpeg_with_gps, pdf, png

from .factories import make_report


@pytest.fixture
def report_with_evidence(parent):
    from django.conf import settings

    from reports.evidence import clean_upload

    files = [
        clean_upload(jpeg_with_gps(), settings.EVIDENCE_MAX_BYTES),
        clean_upload(pdf(), settings.EVIDENCE_MAX_BYTES),
    ]
    return make_report(parent, evidence=files)


def evidence_urls(report):
    image, document = report.evidence.order_by("content_type").reverse()
    return image.get_absolute_url(), document.get_absolute_url()


def test_the_reporter_sees_the_report_and_its_evidence(client, parent, report_with_evidence):
    report = report_with_evidence
    client.force_login(parent)
    page = client.get(f"/reports/{report.reference}/")
    assert page.status_code == 200
    content = page.content.decode()
    assert report.description in content
    assert "Abusive or personal comments about staff, pupils or other parents" in content
    image_url, pdf_url = evidence_urls(report)
    assert image_url in content and pdf_url in content

    image = client.get(image_url)
    data = b"".join(image.streaming_content)
    assert image["Content-Type"] == "image/jpeg"
    assert image["Cache-Control"] == "private, no-store"
    assert exif_of(data).get_ifd(0x8825) == {}

    document = client.get(pdf_url)
    served = PdfReader(io.BytesIO(b"".join(document.streaming_content)))
    assert document["Content-Type"] == "application/pdf"
    assert document["Content-Disposition"].startswith("attachment")
    assert len(served.pages) == 2
    assert served.metadata is None


def test_another_parent_gets_a_404_for_the_report_and_its_evidence(client, other_parent, report_with_evidence):
    report = report_with_evidence
    client.force_login(other_parent)
    assert client.get(f"/reports/{report.reference}/").status_code == 404
    assert client.get(f"/reports/{report.reference}/submitted/").status_code == 404
    for url in evidence_urls(report):
        assert client.get(url).status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in_for_a_report_and_its_evidence(client, report_with_evidence):
    report = report_with_evidence
    for url in (f"/reports/{report.reference}/", *evidence_urls(report)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_evidence_of_one_report_cannot_be_fetched_through_another(client, parent, report_with_evidence):
    mine = make_report(parent)
    image_url, _ = evidence_urls(report_with_evidence)
    public_id = image_url.rstrip("/").rsplit("/", 1)[-1]
    client.force_login(parent)
    assert client.get(f"/reports/{mine.reference}/evidence/{public_id}/").status_code == 404


def test_the_class_teacher_sees_a_report_and_the_office_and_another_teacher_do_not(
    client, parent, teacher, office, school_class, other_class
):
    from tests.conftest import make_user

    report = make_report(parent, school_class=school_class)
    other_teacher = make_user("other-teacher@example.org", "Teachers")
    other_class.teachers.add(other_teacher)
    # The office routes reports that name no class; one that names a class goes to its teacher.
    for member, status in ((teacher, 200), (office, 404), (other_teacher, 404)):
        client.force_login(member)
        assert client.get(f"/reports/{report.reference}/").status_code == status, member


def test_a_reference_typed_in_lower_case_or_without_the_dash_finds_the_report(client, parent):
    report = make_report(parent)
    client.force_login(parent)
    typed = report.reference.replace("-", "").lower()
    assert client.get(f"/reports/{typed}/").status_code == 200


def test_an_unknown_reference_is_a_404_page_not_a_server_error(client, parent):
    client.force_login(parent)
    for reference in ("AAAA-AAAA", "nonsense", "%00", "1"):
        assert client.get(f"/reports/{reference}/").status_code == 404


def test_submitting_twice_gives_two_different_references(parent):
    first = make_report(parent)
    second = submit_report(
        reporter=parent,
        kind="concern",
        categories=[],
        description="x",
        platform="email",
        platform_name="",
        occurred_on=first.occurred_on,
        links="",
        concerns="pupil",
        school_class=None,
        evidence=[],
    )
    assert first.reference != second.reference


def stored(upload, name=None):
    """Evidence as the form stores it; with ``name``, as an older version stored a name it was sent."""
    clean = clean_upload(upload, settings.EVIDENCE_MAX_BYTES)
    return clean if name is None else dataclasses.replace(clean, original_name=name)


@pytest.mark.parametrize(
    ("evidence", "disposition"),
    [
        pytest.param(lambda: stored(png(name="holiday.pdf")), 'inline; filename="holiday.png"', id="a-png-named-pdf"),
        pytest.param(lambda: stored(jpeg_with_gps(name="photo")), 'inline; filename="photo.jpg"', id="no-extension"),
        pytest.param(lambda: stored(pdf(name="Letter.PDF")), 'attachment; filename="Letter.PDF"', id="kept"),
        pytest.param(
            lambda: stored(pdf(), name="../../home/jo/Desktop/minutes\x07\r\n(final).pdf"),
            'attachment; filename="minutes (final).pdf"',
            id="path-and-control-characters",
        ),
        pytest.param(
            lambda: stored(png(), name="screenshot " + "x" * 200 + ".png"),
            f'inline; filename="screenshot {"x" * 85}.png"',
            id="too-long",
        ),
        pytest.param(
            lambda: stored(pdf(name="رسالة من المعلم.docx")),
            "attachment; filename*=utf-8''" + quote("رسالة من المعلم.pdf"),
            id="arabic",
        ),
        pytest.param(
            lambda: stored(png(name="Zrzut ekranu – wiadomość od rodzica.jpg")),
            "inline; filename*=utf-8''" + quote("Zrzut ekranu – wiadomość od rodzica.png"),
            id="polish",
        ),
    ],
)
def test_a_file_downloads_under_the_persons_words_ending_in_what_it_really_is(client, parent, evidence, disposition):
    report = make_report(parent, evidence=[evidence()])
    client.force_login(parent)
    response = client.get(report.evidence.get().get_absolute_url())
    b"".join(response.streaming_content)
    assert response["Content-Disposition"] == disposition


def test_a_file_gone_from_storage_is_a_plain_not_found_not_a_server_error(client, parent, report_with_evidence):
    image, _document = report_with_evidence.evidence.order_by("content_type").reverse()
    image.file.storage.delete(image.file.name)
    client.force_login(parent)
    response = client.get(image.get_absolute_url())
    assert response.status_code == 404
