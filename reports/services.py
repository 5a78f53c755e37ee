"""Every change to a report goes through here: submit_report and apply_move.

Each runs in one transaction, locks the report, asks the ladder, saves with
``update_fields``, appends a ReportEvent, brings the report's holders up to
date (``reports.holdings``) and writes the notifications for it in the same
transaction (``reports.notify``).
"""

import contextlib
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from conduct_portal import small_tables

from . import holdings, ladder, notify, routing, steps
from .deadlines import Deadline, DueFor, Figures, next_deadline
from .ladder import FINAL, IN_HAND, LadderError, Move, Stage, Status
from .models import Evidence, Report, ReportEvent, evidence_storage
from .references import new_reference


def school_calendar():
    from .schooldays import SchoolCalendar

    return SchoolCalendar(small_tables.rows("holidays"))


def figures():
    return Figures.from_settings(settings)


def facts_for(report, today, calendar=None):
    """The date-dependent facts the ladder needs about ``report`` on ``today``."""
    calendar = calendar or school_calendar()
    escalation_open = (
        report.responded_on is not None
        and report.status in (Status.RESPONDED, Status.RESOLVED)
        and today <= calendar.add_school_days(report.responded_on, figures().escalate_within_days)
    )
    deadline_passed = (
        report.status in IN_HAND and report.stage_entered_on is not None and today > respond_by(report, calendar)
    )
    return ladder.Facts(
        today=today,
        deadline_passed=deadline_passed,
        escalation_open=escalation_open,
        panel_recorded=report.panel_on is not None,
        panel_held=report.panel_on is not None and report.panel_on <= today,
        late_undecided=report.is_late and not report.late_accepted,
    )


def respond_by(report, calendar):
    """The day the holder must respond by at this stage: shorter for an urgent report, later if they set a new date."""
    days = figures().urgent_respond_days if report.is_urgent else figures().respond_days
    due = calendar.add_school_days(report.stage_entered_on, days)
    if report.revised_due_for == DueFor.RESPOND and report.revised_due_on and report.revised_due_on > due:
        return report.revised_due_on
    return due


def _set_deadline(report, calendar):
    revised = Deadline(report.revised_due_for, report.revised_due_on) if report.revised_due_on else None
    deadline = next_deadline(
        report.stage,
        report.status,
        entered_on=report.stage_entered_on,
        responded_on=report.responded_on,
        panel_on=report.panel_on,
        calendar=calendar,
        figures=figures(),
        urgent=report.is_urgent,
        revised=revised,
    )
    report.due_on = deadline.due_on if deadline else None
    report.due_for = deadline.due_for if deadline else ""


def months_before(day, months):
    """The same day ``months`` months earlier (the last day of that month when it has no such day)."""
    import calendar

    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    return day.replace(year=year, month=month + 1, day=min(day.day, calendar.monthrange(year, month + 1)[1]))


def unused_reference():
    while True:
        reference = new_reference()
        if not Report.objects.filter(reference=reference).exists():
            return reference


def with_new_reference(save):
    """``save(reference)``'s answer, for a new random reference; if that reference is taken, again with another.

    References are random and unique in the database, so rather than ask first
    whether one is free, the insert is refused when it is not. ``save`` runs in
    a transaction of its own (a savepoint inside another), so the refusal
    leaves nothing behind.
    """
    while True:
        reference = new_reference()
        try:
            return save(reference)
        except IntegrityError:
            if not Report.objects.filter(reference=reference).exists():
                raise


@contextlib.contextmanager
def files_removed_if_rolled_back():
    """Yield a list for the names of files written; if the block fails, they are deleted again.

    Use it around the transaction that writes them: a file written for a
    transaction that rolled back must not stay on disk. (A process killed
    mid-way leaves one: the nightly retention run removes files no row holds.)
    """
    written = []
    try:
        yield written
    except BaseException:
        storage = evidence_storage()
        for name in written:
            storage.delete(name)
        raise


def save_new_report(report, categories, evidence, written):
    """Save a new report, its categories and its evidence (``evidence.CleanFile``s, already checked).

    The names of the files stored are added to ``written`` (``files_removed_if_rolled_back``).
    """
    report.save()
    report.categories.add(*categories)
    for clean_file in evidence:
        public_id = uuid.uuid4()
        written.append(f"evidence/{public_id.hex}")  # until its full name is known
        stored = Evidence.objects.create(
            public_id=public_id,
            report=report,
            file=ContentFile(clean_file.content, name=f"{public_id.hex}.{clean_file.extension}"),
            original_name=clean_file.original_name[:255],
            content_type=clean_file.content_type,
            size=len(clean_file.content),
        )
        written[-1] = stored.file.name


def submit_report(*, reporter, kind, categories, description, platform, platform_name, occurred_on, links,
                  concerns, school_class, evidence, concerns_staff=None, today=None):  # fmt: skip
    """Save a new report with its evidence, route it, record the event, and queue its notifications.

    ``evidence`` is a list of ``evidence.CleanFile``: already checked and stripped.
    A report made by a member of staff starts with the office and leadership
    team: the class teacher is the parents' first step.
    """
    today = today or timezone.localdate()
    calendar = school_calendar()
    directory = routing.Directory.load(classes=[school_class.pk if school_class else None])
    first_stage = Stage.OFFICE_LEADERSHIP if reporter.is_school_staff else Stage.CLASS_TEACHER

    report = Report(
        reporter=reporter,
        kind=kind,
        description=description,
        platform=platform,
        platform_name=platform_name,
        occurred_on=occurred_on,
        links=links,
        concerns=concerns,
        school_class=school_class,
        concerns_staff=concerns_staff,
        is_urgent=any(category.is_urgent for category in categories),
        is_late=occurred_on < months_before(today, settings.COMPLAINT_TIME_LIMIT_MONTHS),
        status=Status.NEW,
        stage_entered_on=today,
    )
    report.stage, report.assignee = routing.entry(report, first_stage, directory)
    report.held_by = routing.held_by(report, routing.holders_for(report, directory), directory)
    _set_deadline(report, calendar)

    def save(reference):
        report.reference = reference
        with files_removed_if_rolled_back() as written, transaction.atomic():
            save_new_report(report, categories, evidence, written)
            event = ReportEvent.objects.create(
                report=report,
                actor=reporter,
                action=Move.SUBMIT,
                to_stage=report.stage,
                to_status=report.status,
                visible_to_reporter=True,
            )
            new_holders = holdings.sync(report, event, directory, current=set())
            notify.for_event(report, event, new_holders=new_holders, directory=directory, categories=categories)
        return report

    return with_new_reference(save)


def apply_move(report, *, actor, move, note="", staff_note="", seen=None, today=None, **arguments):
    """Make one move on the ladder, or raise LadderError saying why not.

    1. Lock the report, so two people making a move at once are served one
       after the other; the second is judged on what the first left.
    2. Ask the access policy who this person is to the report, and the ladder
       whether they may make this move now.
    3. Change the report (its stage and status by the ladder, the rest by the
       move's step in ``reports.steps``), set its next deadline, append the
       event, bring its holders up to date and write the notifications, all in
       this transaction.

    ``seen`` is the (stage, status) the person was looking at: if the report
    has moved since, the move is refused rather than applied to a report they
    have not seen. ``note`` is what the move's rule says it is (for the
    reporter, or for staff); ``staff_note`` is always for staff only. The rest
    are the move's own (``assignee``, ``corrections``, ``due_on``, ``panel_on``…).
    """
    from access.visibility import forget, report_access

    today = today or timezone.localdate()
    calendar = school_calendar()
    directory = routing.Directory.load(classes=[report.school_class_id])
    with transaction.atomic():
        report = (
            Report.objects.select_for_update(of=("self",))
            .select_related("school_class", "concerns_staff", "assignee", "reporter")
            .get(pk=report.pk)
        )
        if report.is_safeguarding:
            raise LadderError(_("This report was referred to safeguarding: it has left the complaints procedure."))
        if seen is not None and tuple(seen) != (report.stage, report.status):
            raise LadderError(
                _(
                    "Someone else has just moved this report: it is now at the step “%(stage)s”, “%(status)s”. "
                    "Nothing was changed; please look again."
                )
                % {"stage": Stage(report.stage).label, "status": Status(report.status).label}
            )
        roles = report_access(actor, report).roles
        rule = ladder.find_rule(report.stage, report.status, roles, move, facts_for(report, today, calendar))
        step = steps.Step(report, actor, today, calendar, directory, arguments, note=(note or "").strip())
        if rule.note_required and not step.note:
            raise LadderError(_("Please write a note: it is needed for this step."))
        from_stage, from_status = report.stage, report.status
        report.stage, report.status = ladder.destination(report.stage, report.status, rule)
        step.changed |= {"stage", "status", "due_on", "due_for", "updated_at"}
        was_urgent = report.is_urgent
        if move in steps.STEPS:
            steps.STEPS[move](step)
        if report.status in FINAL:
            received = min(timezone.localdate(report.created_at), today)
            step.set(ended_on=today, school_days_taken=calendar.school_days_between(received, today))

        _set_deadline(report, calendar)
        report.save(update_fields=sorted(step.changed))
        event = ReportEvent.objects.create(
            report=report,
            actor=actor,
            action=move,
            from_stage=from_stage,
            from_status=from_status,
            to_stage=report.stage,
            to_status=report.status,
            note=step.note,
            staff_note=(staff_note or "").strip(),
            changes=step.changes,
            visible_to_reporter=rule.note_visible_to_reporter,
        )
        new_holders = holdings.sync(report, event, directory)
        notify.for_event(
            report,
            event,
            new_holders=new_holders,
            became_urgent=report.is_urgent and not was_urgent,
            directory=directory,
        )
    forget(report)  # who may see what was worked out before the move
    return report
