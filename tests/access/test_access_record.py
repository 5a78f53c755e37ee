"""The record of who opened a report or its files: written at each opening, read by leadership, never rewritten."""

import pytest
from django.db import IntegrityError, InternalError, connection, transaction

from access.models import AccessRecord
from conduct_portal.append_only import AppendOnlyError
from reports.models import Report
from tests.conftest import on_postgresql, require
from tests.files import png
from tests.reports.factories import make_report


@pytest.fixture
def report(parent, school_class, teacher, office, head):
    from django.conf import settings

    from reports.evidence import clean_upload

    return make_report(parent, school_class=school_class, evidence=[clean_upload(png(), settings.EVIDENCE_MAX_BYTES)])


def test_the_head_reads_that_the_teacher_opened_the_report_and_its_file(client, report, teacher, head):
    client.force_login(teacher)
    client.get(f"/reports/{report.reference}/")
    b"".join(client.get(report.evidence.get().get_absolute_url()).streaming_content)

    client.force_login(head)
    page = client.get(f"/reports/{report.reference}/access/")
    assert page.status_code == 200
    rows = [(record.person, record.kind) for record in page.context["records"]]
    assert rows == [(teacher, AccessRecord.Kind.EVIDENCE), (teacher, AccessRecord.Kind.REPORT_PAGE)]
    assert "Terry Teacher" in page.content.decode() and "screenshot.png" in page.content.decode()


def test_opening_the_report_in_the_admin_is_recorded_too(client, report, head):
    client.force_login(head)
    client.get(f"/admin/reports/report/{report.pk}/change/")
    assert AccessRecord.objects.get().kind == AccessRecord.Kind.ADMIN_PAGE


def test_the_record_cannot_be_changed_or_removed_from_python(report, teacher):
    record = AccessRecord.objects.create(person=teacher, report=report, kind=AccessRecord.Kind.REPORT_PAGE)
    with pytest.raises(AppendOnlyError):
        record.save()
    with pytest.raises(AppendOnlyError):
        record.delete()
    with pytest.raises(AppendOnlyError):
        AccessRecord.objects.filter(pk=record.pk).update(kind=AccessRecord.Kind.EVIDENCE)
    with pytest.raises(AppendOnlyError):
        AccessRecord.objects.all().delete()
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.filter(pk=report.pk).delete()  # no cascade reaches it
    assert AccessRecord.objects.get().kind == AccessRecord.Kind.REPORT_PAGE


def test_the_database_itself_refuses_to_rewrite_it(report, teacher):
    require(on_postgresql(), "the append-only trigger is PostgreSQL's (set DATABASE_URL)")
    record = AccessRecord.objects.create(person=teacher, report=report, kind=AccessRecord.Kind.REPORT_PAGE)
    for statement in (
        f"UPDATE access_accessrecord SET kind = 'evidence' WHERE id = {record.pk}",
        f"DELETE FROM access_accessrecord WHERE id = {record.pk}",
        f"UPDATE reports_reportevent SET note = 'rewritten' WHERE report_id = {report.pk}",
    ):
        with pytest.raises(InternalError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    assert AccessRecord.objects.get().kind == AccessRecord.Kind.REPORT_PAGE
