"""Nothing lost, nothing sent twice: the outbox against the faults a school's server will meet.

Real parts only: PostgreSQL, a redis-server of the test's own (so it can be
stopped), Celery workers in subprocesses with beat embedded, and an SMTP
server (aiosmtpd) that counts what it receives.
"""

import shutil

import pytest
from django.db import transaction
from django.utils import timezone

from notifications.models import Notification
from notifications.services import queue_notification
from reports.ladder import Move
from reports.models import Report
from reports.services import apply_move
from tests.conftest import on_postgresql, point_producer_at, require, worker_environment
from tests.reports.factories import form_data, make_report
from tests.services import CeleryWorker, RedisServer, wait_until

pytestmark = pytest.mark.services

FAST = {
    # Beat re-queues pending rows older than a second, every second; retries start after a second.
    "NOTIFICATIONS_REQUEUE_EVERY_SECONDS": 1,
    "NOTIFICATIONS_REQUEUE_AFTER_SECONDS": 1,
    "NOTIFICATIONS_RETRY_BASE_SECONDS": 1,
    "NOTIFICATIONS_CLAIM_SECONDS": 2,  # a killed worker's half-sent row is taken up again after 2 s
}


@pytest.fixture
def redis_server(tmp_path):
    require(shutil.which("redis-server") is not None, "the fault tests need redis-server on the PATH")
    server = RedisServer(tmp_path).start()
    yield server
    server.stop()


@pytest.fixture
def start_worker(migrated_transactional_db, settings, smtp_server, redis_server, tmp_path):
    """Start a worker (with beat) on the test's own Redis; each call starts another."""
    require(on_postgresql(), "the fault tests need PostgreSQL (set DATABASE_URL)")
    settings.NOTIFICATIONS_REQUEUE_AFTER_SECONDS = 1
    point_producer_at(redis_server.url)
    workers = []

    def start():
        env = worker_environment(settings, smtp_server.port, redis_server.url, **FAST)
        index = len(workers)
        worker = CeleryWorker(env, tmp_path / f"worker{index}.log", ["-B", "-s", str(tmp_path / f"beat{index}")])
        workers.append(worker.start())
        return worker

    yield start
    for worker in workers:
        worker.stop()


def message_ids(sink):
    return [message["Message-ID"] for message in sink.messages]


def all_sent():
    return not Notification.objects.exclude(status=Notification.Status.SENT).exists()


def test_the_whole_ladder_delivers_each_message_once(
    start_worker, smtp_server, parent, school_class, teacher, office, head, clerk, panel_people
):
    start_worker()
    report = make_report(parent, school_class=school_class)
    apply_move(report, actor=teacher, move=Move.ACKNOWLEDGE)
    apply_move(report, actor=teacher, move=Move.RESPOND, note="We spoke to the group admin.")
    apply_move(report, actor=parent, move=Move.ESCALATE, note="It carried on.")
    apply_move(report, actor=office, move=Move.REASSIGN, assignee=head)
    apply_move(report, actor=head, move=Move.ACKNOWLEDGE)
    apply_move(report, actor=head, move=Move.RESPOND, note="Reviewed by the leadership team.")
    apply_move(report, actor=parent, move=Move.ESCALATE, note="Still not resolved.")
    panel_on = timezone.localdate()
    apply_move(report, actor=clerk, move=Move.RECORD_PANEL, panel_on=panel_on, **panel_people)
    apply_move(report, actor=clerk, move=Move.RECORD_OUTCOME, outcome="not_upheld", note="Dear parent",
               findings="Handled properly.", action_taken="None needed.")  # fmt: skip

    ref = report.reference
    on_its_panel = f"Complaint {ref}: you are on its panel, meeting on {panel_on.day} {panel_on:%B}"
    expected = sorted([
        ("parent@example.org", f"We have received your report {ref}"),
        ("teacher@example.org", f"Report {ref} has reached you"),
        ("parent@example.org", f"Your report {ref}: the class teacher is looking into it"),
        ("parent@example.org", f"Your report {ref}: the class teacher has replied"),
        ("office@example.org", f"Report {ref} has reached you"),
        ("parent@example.org", f"Your report {ref} has gone to the school office"),
        ("head@example.org", f"Report {ref} has reached you"),
        ("parent@example.org", f"Your report {ref}: the headteacher is looking into it"),
        ("parent@example.org", f"Your report {ref}: the headteacher has replied"),
        ("clerk@example.org", f"Report {ref} has reached you"),
        ("parent@example.org", f"Your report {ref} has gone to the clerk to the governors"),
        ("governor2@example.org", on_its_panel),
        ("governor3@example.org", on_its_panel),
        ("parent@example.org", f"Your report {ref}: the governors' panel meets on {panel_on.day} {panel_on:%B}"),
        ("parent@example.org", f"Your report {ref}: the governors' panel has decided"),
    ])  # fmt: skip
    assert wait_until(lambda: len(smtp_server.sink.messages) >= len(expected) and all_sent(), timeout=60)
    received = sorted((message["To"], message["Subject"]) for message in smtp_server.sink.messages)
    assert [(to, subject.lower()) for to, subject in received] == [(to, s.lower()) for to, s in expected]
    assert len(set(message_ids(smtp_server.sink))) == len(expected)
    assert Notification.objects.count() == len(expected)


def test_reports_made_while_redis_is_down_are_saved_and_mailed_once_it_is_back(
    start_worker, smtp_server, redis_server, client, parent, school_class, teacher
):
    start_worker()
    redis_server.stop()
    client.force_login(parent)
    for _ in range(3):
        response = client.post("/reports/new/?child_at_risk=no", form_data(school_class=str(school_class.pk)))
        assert response.status_code == 302
    assert Report.objects.count() == 3
    assert Notification.objects.filter(status=Notification.Status.PENDING).count() == 6  # reporter + teacher each
    assert smtp_server.sink.messages == []

    redis_server.start()
    assert wait_until(lambda: len(smtp_server.sink.messages) >= 6 and all_sent(), timeout=90)
    assert len(smtp_server.sink.messages) == 6
    assert len(set(message_ids(smtp_server.sink))) == 6


def test_mail_refused_for_a_while_arrives_once_when_the_server_accepts_again(
    start_worker, smtp_server, parent, school_class, teacher
):
    start_worker()
    smtp_server.sink.refusing = True
    make_report(parent, school_class=school_class)
    assert wait_until(lambda: Notification.objects.filter(attempts__gte=2).count() == 2, timeout=60)
    assert smtp_server.sink.messages == []
    assert "451" in Notification.objects.first().last_error

    smtp_server.sink.refusing = False
    assert wait_until(lambda: len(smtp_server.sink.messages) >= 2 and all_sent(), timeout=60)
    assert len(smtp_server.sink.messages) == 2
    assert len(set(message_ids(smtp_server.sink))) == 2


def test_a_worker_killed_mid_batch_loses_nothing_and_sends_nothing_twice(
    start_worker, smtp_server, parent, school_class
):
    report = make_report(parent, school_class=school_class)
    Notification.objects.all().delete()
    smtp_server.sink.delay = 0.02  # slow enough that the kill lands mid-batch
    worker = start_worker()
    with transaction.atomic():
        for number in range(200):
            queue_notification(key=f"batch:{number}", recipient=parent, template="report-received", report=report)
    assert wait_until(lambda: len(smtp_server.sink.messages) >= 40, timeout=60)
    worker.kill()
    killed_at = len(smtp_server.sink.messages)
    assert killed_at < 200, "the batch finished before the kill: make the SMTP server slower"

    start_worker()
    assert wait_until(lambda: len(set(message_ids(smtp_server.sink))) == 200 and all_sent(), timeout=120)
    ids = message_ids(smtp_server.sink)
    # A copy can only repeat if the worker died between the SMTP server's accept and the mark;
    # then the same Message-ID shows it is the same message.
    assert len(ids) - len(set(ids)) <= 1
    assert len(set(ids)) == 200


def test_no_lock_is_held_on_the_row_while_the_mail_server_answers(start_worker, smtp_server, parent):
    from django.db import connection

    start_worker()
    smtp_server.sink.delay = 3  # a slow mail server
    make_report(parent)
    notification = Notification.objects.get()
    assert wait_until(lambda: Notification.objects.filter(status=Notification.Status.SENDING).exists(), timeout=30)
    with transaction.atomic():  # would fail at once ("could not obtain lock") if the worker held one
        Notification.objects.select_for_update(nowait=True).get(pk=notification.pk)
        assert connection.in_atomic_block
    assert wait_until(all_sent, timeout=30)
    assert len(smtp_server.sink.messages) == 1
