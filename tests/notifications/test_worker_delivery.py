"""The confirmation email travels the real way: outbox row, Redis, a Celery worker, SMTP."""

import pytest

from notifications.models import Notification
from reports.models import Report
from tests.reports.factories import form_data
from tests.services import wait_until

pytestmark = pytest.mark.services


def test_a_report_is_confirmed_by_email_through_the_worker(client, parent, celery_worker, smtp_server):
    client.force_login(parent)
    response = client.post("/reports/new/?child_at_risk=no", form_data())
    assert response.status_code == 302
    report = Report.objects.get()

    [message] = smtp_server.sink.wait_for(1)
    assert message["To"] == "parent@example.org"
    assert message["Subject"] == f"We have received your report {report.reference}"
    assert "Oakfield Primary School" in message["From"]
    notification = Notification.objects.get()
    assert message["Message-ID"] == notification.message_id
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert f"http://testserver/reports/{report.reference}/" in text
    assert f"http://testserver/reports/{report.reference}/" in html

    assert wait_until(lambda: Notification.objects.filter(status=Notification.Status.SENT).count() == 1)
    notification.refresh_from_db()
    assert notification.attempts == 1
