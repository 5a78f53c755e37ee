"""Retention: an ended report past its period keeps its numbers and nothing that names anyone."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from access.models import AccessRecord, record_access
from notifications.models import Notification
from policy.models import Category
from privacy.retention import ORPHAN_AGE, apply_retention, orphan_files
from reports.evidence import clean_upload
from reports.ladder import Move, Stage, Status
from reports.models import Evidence, Report
from reports.services import apply_move
from safeguarding.services import apply_concern_move, raise_concern
from tests.files import png
from tests.reports.factories import make_report

LONG_AGO = datetime.date(2018, 3, 5)  # a Monday more than six years ago


@pytest.fixture
def old_report(parent, school_class, teacher, office, head, settings):
    report = make_report(parent, school_class=school_class, concerns_staff=office, today=LONG_AGO,
                         description="Pat Parent says Olive Office was rude about Alex.", links="https://example.org/p",
                         evidence=[clean_upload(png(), settings.EVIDENCE_MAX_BYTES)])  # fmt: skip
    report = apply_move(report, actor=teacher, move=Move.NOTE, note="Alex's mum again.", today=LONG_AGO)
    report = apply_move(report, actor=teacher, move=Move.RESPOND, note="Dear Pat.", today=LONG_AGO)
    report = apply_move(report, actor=teacher, move=Move.RESOLVE, note="Sorted with Pat.", today=LONG_AGO)
    record_access(teacher, report, AccessRecord.Kind.REPORT_PAGE)
    return report


def test_an_old_ended_report_keeps_its_numbers_and_nothing_that_names_anyone(
    old_report, django_capture_on_commit_callbacks
):
    stored = old_report.evidence.get().file.path
    with django_capture_on_commit_callbacks(execute=True):
        outcome = apply_retention()
    assert (outcome.complaints, outcome.concerns, outcome.files) == (1, 0, 1)
    report = Report.objects.get(pk=old_report.pk)
    assert report.anonymised_at is not None
    assert (report.description, report.links, report.platform_name) == ("", "", "")
    assert report.reporter is None and report.concerns_staff is None and report.assignee is None
    assert list(report.categories.values_list("number", flat=True)) == [2]
    assert (report.stage, report.status, report.kind) == (Stage.CLASS_TEACHER, Status.RESOLVED, "conduct")
    assert report.ended_on == LONG_AGO and report.created_at is not None
    events = list(report.events.values_list("action", "note", "actor"))
    assert [action for action, _note, _actor in events] == [Move.SUBMIT, Move.NOTE, Move.RESPOND, Move.RESOLVE]
    assert all(note == "" and actor is None for _action, note, actor in events)
    assert not Evidence.objects.exists() and not Notification.objects.filter(report=report).exists()
    assert not AccessRecord.objects.filter(report=report).exists()
    import os

    assert not os.path.exists(stored)
    # Nothing in the row names anyone any more.
    row = " ".join(str(value) for value in Report.objects.filter(pk=report.pk).values().get().values())
    for name in ("Pat", "Olive", "Alex", "example.org"):
        assert name not in row


def test_a_recent_or_open_report_is_kept(parent, school_class, teacher, head):
    open_report = make_report(parent, school_class=school_class, today=LONG_AGO)
    recent = make_report(parent, school_class=school_class)
    apply_move(recent, actor=teacher, move=Move.RESOLVE, note="Done.")
    assert apply_retention().complaints == 0
    assert Report.objects.filter(anonymised_at__isnull=True).count() == 2
    assert open_report.description


def test_safeguarding_concerns_are_kept_longer(parent, dsl, settings):
    made = timezone.make_aware(datetime.datetime(2018, 3, 5, 10))
    concern = raise_concern(reporter=parent, description="Worried about a child.", occurred_on=made.date(),
                            school_class=None, concerns_staff=None, evidence=[], now=made)  # fmt: skip
    apply_concern_move(concern, actor=dsl, move=Move.ACKNOWLEDGE, now=made)
    apply_concern_move(concern, actor=dsl, move=Move.CLOSE, note="Closed.", now=made)
    Report.objects.filter(pk=concern.pk).update(ended_on=made.date())
    assert apply_retention().concerns == 0  # 25 years by default
    settings.RETENTION_SAFEGUARDING_YEARS = 5
    assert apply_retention().concerns == 1


def test_the_command_says_what_it_did_and_a_dry_run_changes_nothing(old_report, capsys):
    call_command("apply_retention", "--dry-run")
    assert (
        "Would anonymise 1 complaints and 0 safeguarding concerns, removing 1 evidence files" in capsys.readouterr().out
    )
    assert Report.objects.get(pk=old_report.pk).description
    call_command("apply_retention")
    assert "1 complaints and 0 safeguarding concerns anonymised; 1 evidence files" in capsys.readouterr().out
    call_command("apply_retention")
    assert "0 complaints and 0 safeguarding concerns anonymised" in capsys.readouterr().out


def test_files_no_row_holds_are_removed_once_they_are_old_enough(settings, parent):
    import os
    import time

    folder = settings.EVIDENCE_ROOT / "evidence" / "2026" / "11"
    folder.mkdir(parents=True)
    lost, fresh = folder / "lost.png", folder / "being-written.png"
    lost.write_bytes(b"x")
    fresh.write_bytes(b"x")
    old = time.time() - ORPHAN_AGE.total_seconds() - 60
    os.utime(lost, (old, old))
    report = make_report(parent, evidence=[clean_upload(png(), settings.EVIDENCE_MAX_BYTES)])
    held = report.evidence.get().file.path
    os.utime(held, (old, old))
    assert orphan_files() == ["evidence/2026/11/lost.png"]
    apply_retention()
    assert not lost.exists() and fresh.exists() and os.path.exists(held)


def test_a_file_written_for_a_report_whose_transaction_rolled_back_is_removed(parent, settings, monkeypatch):
    from reports import notify

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(notify, "for_event", broken)  # fails after the files are written
    with pytest.raises(RuntimeError):
        make_report(parent, evidence=[clean_upload(png(), settings.EVIDENCE_MAX_BYTES)])
    assert not Report.objects.exists()
    assert [path for path in settings.EVIDENCE_ROOT.rglob("*") if path.is_file()] == []


def test_category_figures_survive(old_report):
    apply_retention()
    assert Category.objects.get(number=2).reports.count() == 1


def ended_long_ago(parent, school_class, teacher, settings, count):
    for number in range(count):
        report = make_report(parent, school_class=school_class, today=LONG_AGO, description=f"Report {number}.",
                             evidence=[clean_upload(png(), settings.EVIDENCE_MAX_BYTES)])  # fmt: skip
        apply_move(report, actor=teacher, move=Move.RESOLVE, note="Sorted.", today=LONG_AGO)
        record_access(teacher, report, AccessRecord.Kind.REPORT_PAGE)


def test_a_run_takes_as_many_statements_for_six_due_reports_as_for_two_and_a_batch_at_most(
    parent, school_class, teacher, head, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from privacy import retention

    monkeypatch.setattr(retention, "BATCH", 4)

    def sweep():
        with django_capture_on_commit_callbacks(execute=True), CaptureQueriesContext(connection) as queries:
            outcome = apply_retention()
        return outcome, len(queries)

    ended_long_ago(parent, school_class, teacher, settings, 2)
    two = sweep()
    assert (two[0].complaints, two[0].files, two[0].more) == (2, 2, False)
    ended_long_ago(parent, school_class, teacher, settings, 6)
    six = sweep()
    assert (six[0].complaints, six[0].files, six[0].more) == (4, 4, True)
    assert six[1] == two[1]
    rest = sweep()
    assert (rest[0].complaints, rest[0].more, rest[1]) == (2, False, two[1])
    assert not Report.objects.filter(anonymised_at__isnull=True).exists()
    assert not Evidence.objects.exists() and not AccessRecord.objects.exists()
    assert [path for path in settings.EVIDENCE_ROOT.rglob("*") if path.is_file()] == []
    again = sweep()
    assert again[0].complaints == 0 and again[1] < two[1]


def test_when_more_are_due_than_a_run_takes_the_task_runs_again_until_none_are_left(
    parent, school_class, teacher, head, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from privacy import retention, tasks

    ended_long_ago(parent, school_class, teacher, settings, 5)
    monkeypatch.setattr(retention, "BATCH", 2)
    with django_capture_on_commit_callbacks(execute=True):
        said = tasks.apply_retention.delay().get()  # in process: each next run runs at once
    assert said.startswith("2 complaints and 0 safeguarding concerns anonymised")
    assert not Report.objects.filter(anonymised_at__isnull=True).exists()
    assert not Evidence.objects.exists()


def test_the_command_goes_on_until_none_are_left(parent, school_class, teacher, head, settings, monkeypatch, capsys):
    from privacy import retention

    ended_long_ago(parent, school_class, teacher, settings, 3)
    monkeypatch.setattr(retention, "BATCH", 2)
    call_command("apply_retention")
    assert "3 complaints and 0 safeguarding concerns anonymised; 3 evidence files" in capsys.readouterr().out
    assert not Report.objects.filter(anonymised_at__isnull=True).exists()
