"""Retention: a report that ended long enough ago is anonymised; files nobody's row holds are removed.

A complaint (resolved, withdrawn or closed) is kept ``RETENTION_COMPLAINT_YEARS``
after it ended; a safeguarding concern, once closed, ``RETENTION_SAFEGUARDING_YEARS``.
Then its words, the people in it, its notes, emails, files and the record of
who opened it go. What the school's statistics need stays: the kind, the
categories, the class, the step it reached, its dates, its outcome.

A run takes one batch of the reports due (at most ``BATCH``) in one short
transaction: each kind of change is one statement over the whole batch, so a
run asks the same number of statements however many reports are due. When
more are due than a batch, the nightly task queues another run at once
(``privacy.tasks``); the command runs one after another until none are left.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from access.models import AccessRecord
from conduct_portal.append_only import allow_redaction
from governance.models import Panel
from notifications.models import Notification
from reports.ladder import FINAL, Status
from reports.models import Evidence, Holding, Report, ReportEvent, evidence_storage
from safeguarding.models import Concern, ConcernAccess

logger = logging.getLogger(__name__)
BATCH = 2000  # reports a run
ORPHAN_AGE = datetime.timedelta(hours=1)  # a file younger than this may belong to a transaction still running


@dataclass
class Outcome:
    complaints: int = 0
    concerns: int = 0
    files: int = 0
    orphan_files: list = field(default_factory=list)
    more: bool = False  # more reports were due than one run takes

    def add(self, other):
        self.complaints += other.complaints
        self.concerns += other.concerns
        self.files += other.files
        self.orphan_files += other.orphan_files
        self.more = other.more

    def __str__(self):
        return (
            f"{self.complaints} complaints and {self.concerns} safeguarding concerns anonymised; "
            f"{self.files} evidence files and {len(self.orphan_files)} files with no report removed."
        )


def _years_before(today, years):
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def due(today=None):
    """The reports whose retention period is over and that still hold personal data."""
    today = today or timezone.localdate()
    complaints = Q(
        track=Report.Track.COMPLAINT,
        status__in=FINAL,
        ended_on__lte=_years_before(today, settings.RETENTION_COMPLAINT_YEARS),
    )
    concerns = Q(
        track=Report.Track.SAFEGUARDING,
        status=Status.CLOSED,
        ended_on__lte=_years_before(today, settings.RETENTION_SAFEGUARDING_YEARS),
    )
    return Report.objects.filter(complaints | concerns, anonymised_at__isnull=True)


def apply_retention(today=None, dry_run=False):
    """Anonymise a batch of what is due, then remove orphaned files. With ``dry_run``, only count what would go.

    The outcome's ``more`` says whether reports past their period are left for another run.
    """
    outcome = Outcome()
    reports = due(today)
    if dry_run:
        outcome.complaints = reports.filter(track=Report.Track.COMPLAINT).count()
        outcome.concerns = reports.filter(track=Report.Track.SAFEGUARDING).count()
        outcome.files = Evidence.objects.filter(report__in=reports).count()
        outcome.orphan_files = orphan_files()
        return outcome
    batch = list(reports.order_by("pk").values_list("pk", "track")[: BATCH + 1])
    outcome.more, batch = len(batch) > BATCH, batch[:BATCH]
    if batch:
        outcome.files = _anonymise([pk for pk, _track in batch])
        outcome.complaints = sum(1 for _pk, track in batch if track == Report.Track.COMPLAINT)
        outcome.concerns = sum(1 for _pk, track in batch if track == Report.Track.SAFEGUARDING)
    outcome.orphan_files = remove_orphan_files()
    logger.info("Retention: %s", outcome)
    return outcome


def apply_all_retention(today=None):
    """Run after run until nothing past its period is left (the command's way); the outcomes added up."""
    outcome = apply_retention(today)
    while outcome.more:
        outcome.add(apply_retention(today))
    return outcome


def _anonymise(report_ids):
    """One batch, in one transaction, a statement for each kind of change; its files are deleted after the commit."""
    with transaction.atomic():
        allow_redaction(connection)
        evidence = Evidence.objects.filter(report__in=report_ids)
        names = list(evidence.values_list("file", flat=True))
        AccessRecord.objects.filter(report__in=report_ids).remove_for_retention()
        evidence.delete()
        ReportEvent.objects.filter(report__in=report_ids).redact(note="", staff_note="", actor=None, changes={})
        Panel.objects.filter(report__in=report_ids).update(companion="")
        Notification.objects.filter(report__in=report_ids).delete()
        Holding.objects.filter(report__in=report_ids).delete()
        ConcernAccess.objects.filter(concern__in=report_ids).delete()
        Concern.objects.filter(pk__in=report_ids).update(case_manager=None)
        Report.objects.filter(pk__in=report_ids).update(
            description="", links="", platform_name="", outcome_letter="", findings="", recommendations="",
            action_taken="",
            reporter=None, concerns_staff=None, assignee=None, anonymised_at=timezone.now(),
        )  # fmt: skip
        transaction.on_commit(lambda: delete_files(names))
    return len(names)


def delete_files(names):
    storage = evidence_storage()
    for name in names:
        storage.delete(name)


def orphan_files(now=None):
    """Files under EVIDENCE_ROOT that no Evidence row holds, older than an hour (a rolled-back upload, a lost row)."""
    now = now or timezone.now()
    root = settings.EVIDENCE_ROOT
    if not root.exists():
        return []
    held = set(Evidence.objects.values_list("file", flat=True))
    found = []
    for path in root.rglob("*"):
        if not path.is_file():
            continue
        name = path.relative_to(root).as_posix()
        modified = datetime.datetime.fromtimestamp(path.stat().st_mtime, tz=datetime.UTC)
        if name not in held and now - modified > ORPHAN_AGE:
            found.append(name)
    return found


def remove_orphan_files(now=None):
    names = orphan_files(now)
    delete_files(names)
    return names
