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
from django.db import transaction
from django.utils import timezone

from school.models import Holiday

from . import holdings, ladder, notify, routing
from .deadlines import Figures, next_deadline
from .ladder import FINAL, IN_HAND, LadderError, Move, Stage, Status
from .models import Evidence, Report, ReportEvent, evidence_storage
from .references import new_reference


def school_calendar():
    from .schooldays import SchoolCalendar

    return SchoolCalendar(Holiday.objects.values_list("start_date", "end_date"))


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
        report.status in IN_HAND
        and report.stage_entered_on is not None
        and today > calendar.add_school_days(report.stage_entered_on, figures().respond_days)
    )
    return ladder.Facts(
        today=today,
        deadline_passed=deadline_passed,
        escalation_open=escalation_open,
        panel_recorded=report.panel_on is not None,
    )


def _set_deadline(report, calendar):
    deadline = next_deadline(
        report.stage,
        report.status,
        entered_on=report.stage_entered_on,
        responded_on=report.responded_on,
        panel_on=report.panel_on,
        calendar=calendar,
        figures=figures(),
    )
    report.due_on = deadline.due_on if deadline else None
    report.due_for = deadline.due_for if deadline else ""


def unused_reference():
    while True:
        reference = new_reference()
        if not Report.objects.filter(reference=reference).exists():
            return reference


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
    report.categories.set(categories)
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
    directory = routing.Directory.load()
    first_stage = Stage.OFFICE_LEADERSHIP if reporter.is_school_staff else Stage.CLASS_TEACHER
    with files_removed_if_rolled_back() as written, transaction.atomic():
        report = Report(
            reference=unused_reference(),
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
            status=Status.NEW,
            stage_entered_on=today,
        )
        report.stage, report.assignee = routing.entry(report, first_stage, directory)
        _set_deadline(report, calendar)
        save_new_report(report, categories, evidence, written)
        event = ReportEvent.objects.create(
            report=report,
            actor=reporter,
            action=Move.SUBMIT,
            to_stage=report.stage,
            to_status=report.status,
            visible_to_reporter=True,
        )
        new_holders = holdings.sync(report, event, directory)
        notify.for_event(report, event, new_holders=new_holders)
    return report


def apply_move(report, *, actor, move, note="", seen=None, assignee=None, panel_on=None, panel_members="",
               outcome="", corrections=None, today=None):  # fmt: skip
    """Make one move on the ladder, or raise LadderError saying why not.

    1. Lock the report, so two people making a move at once are served one
       after the other; the second is judged on what the first left.
    2. Ask the access policy who this person is to the report, and the ladder
       whether they may make this move now.
    3. Change the report, set its next deadline, append the event, bring its
       holders up to date and write the notifications, all in this transaction.

    ``seen`` is the (stage, status) the person was looking at: if the report
    has moved since, the move is refused rather than applied to a report they
    have not seen. ``corrections`` (for Move.CORRECT) maps ``categories``,
    ``school_class`` and ``concerns_staff`` to their corrected values.
    """
    from access.visibility import forget, report_access

    today = today or timezone.localdate()
    note = (note or "").strip()
    calendar = school_calendar()
    directory = routing.Directory.load()
    with transaction.atomic():
        report = (
            Report.objects.select_for_update(of=("self",))
            .select_related("school_class", "concerns_staff", "assignee", "reporter")
            .get(pk=report.pk)
        )
        if report.is_safeguarding:
            raise LadderError("This report was referred to safeguarding: it has left the complaints procedure.")
        if seen is not None and tuple(seen) != (report.stage, report.status):
            raise LadderError(
                "Someone else has just moved this report: it is now "
                f"{Status(report.status).label.lower()} with {Stage(report.stage).label.lower()}. "
                "Nothing was changed; please look again."
            )
        roles = report_access(actor, report).roles
        rule = ladder.find_rule(report.stage, report.status, roles, move, facts_for(report, today, calendar))
        if rule.note_required and not note:
            raise LadderError("Please write a note: it is needed for this step.")
        from_stage, from_status = report.stage, report.status
        report.stage, report.status = ladder.destination(report.stage, report.status, rule)
        changed = {"stage", "status", "due_on", "due_for", "updated_at"}
        was_urgent = report.is_urgent
        changes = {}

        if move == Move.RESPOND:
            report.responded_on = today
            changed.add("responded_on")
        elif move == Move.REASSIGN:
            if assignee is None or not routing.eligible_assignees(report).filter(pk=assignee.pk).exists():
                raise LadderError("Choose someone who handles this stage.")
            report.assignee = assignee
            changed.add("assignee")
            note = note or f"Now with {assignee}."
        elif move == Move.ESCALATE:
            report.stage, report.assignee = routing.entry(report, report.stage, directory)
            _enter_stage(report, today, changed)
        elif move == Move.CORRECT:
            changes = _correct(report, corrections or {}, changed)
            if not changes:
                raise LadderError("Nothing was changed: choose a corrected value.")
            _reroute(report, today, changed, directory)
        elif move == Move.RECORD_PANEL:
            if panel_on is None or not panel_members.strip():
                raise LadderError("Give the panel's date and its members.")
            report.panel_on, report.panel_members = panel_on, panel_members.strip()
            changed |= {"panel_on", "panel_members"}
        elif move == Move.RECORD_OUTCOME:
            if outcome not in Report.Outcome.values:
                raise LadderError("Choose the outcome: upheld, partly upheld or not upheld.")
            report.outcome, report.outcome_letter = outcome, note
            changed |= {"outcome", "outcome_letter"}
        if report.status in FINAL:
            report.ended_on = today
            changed.add("ended_on")

        _set_deadline(report, calendar)
        report.save(update_fields=sorted(changed))
        event = ReportEvent.objects.create(
            report=report,
            actor=actor,
            action=move,
            from_stage=from_stage,
            from_status=from_status,
            to_stage=report.stage,
            to_status=report.status,
            note=note,
            changes=changes,
            visible_to_reporter=rule.note_visible_to_reporter,
        )
        new_holders = holdings.sync(report, event, directory)
        notify.for_event(report, event, new_holders=new_holders, became_urgent=report.is_urgent and not was_urgent)
    forget(report)  # who may see what was worked out before the move
    return report


def _enter_stage(report, today, changed):
    report.status = Status.NEW
    report.stage_entered_on = today
    report.responded_on = None
    report.ended_on = None
    changed |= {"stage", "status", "assignee", "stage_entered_on", "responded_on", "ended_on"}


def _correct(report, corrections, changed):
    """Apply what staff corrected; return {field: {"from": …, "to": …}} in words people read."""
    changes = {}
    if "categories" in corrections:
        before = sorted(report.categories.values_list("number", flat=True))
        after = sorted(category.number for category in corrections["categories"])
        if before != after:
            report.categories.set(corrections["categories"])
            report.is_urgent = any(category.is_urgent for category in corrections["categories"])
            changed.add("is_urgent")
            changes["categories"] = {"from": before, "to": after}
    for name in ("school_class", "concerns_staff"):
        if name in corrections and getattr(report, f"{name}_id") != getattr(corrections[name], "pk", None):
            before, after = getattr(report, name), corrections[name]
            setattr(report, name, after)
            changed.add(name)
            changes[name] = {"from": str(before or ""), "to": str(after or "")}
    return changes


def _reroute(report, today, changed, directory):
    """After a correction: if it now goes past the people at this stage, send it on (never back down)."""
    if report.assignee_id and report.assignee_id in (report.concerns_staff_id, report.reporter_id):
        report.assignee = None
        changed.add("assignee")
    stage, assignee = routing.entry(report, report.stage, directory)
    order = list(Stage)
    if order.index(stage) > order.index(report.stage) or (assignee and not report.assignee_id):
        report.stage, report.assignee = stage, assignee
        _enter_stage(report, today, changed)
