"""Every change to a safeguarding concern goes through here: raise_concern, refer, apply_concern_move, chase.

Each runs in one transaction, appends to the report's chronology (the same
append-only ``ReportEvent`` rows as the ladder) and writes its emails to the
outbox in that transaction (``safeguarding.notify``).
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from access.visibility import forget
from accounts.models import StaffGroup, User
from notifications.models import Notification
from notifications.tasks import start_sending
from reports import holdings
from reports.ladder import LadderError, Move, Stage, Status
from reports.models import Report, ReportEvent
from reports.services import files_removed_if_rolled_back, save_new_report, school_calendar, unused_reference

from . import notify, rules
from .clock import SchoolHours, add_school_hours, is_in_school_hours, next_school_morning
from .models import Concern, ConcernAccess


def school_hours():
    return SchoolHours.from_settings(settings)


def team(report):
    """The safeguarding team who may be told about ``report``: never the person it concerns."""
    return list(User.objects.in_group(StaffGroup.SAFEGUARDING).exclude(pk__in=[report.concerns_staff_id or 0]))


def most_senior(report):
    """Whom to alert when the team does not answer, or who manages an allegation: the head, or the chair."""
    head = User.objects.filter(is_headteacher=True, is_active=True).first()
    if head is not None and head.pk not in (report.concerns_staff_id, report.reporter_id):
        return head
    return User.objects.filter(is_chair_of_governors=True, is_active=True).exclude(pk=report.concerns_staff_id).first()


def _open_concern(report, now, **fields):
    """Start the concern's clock: acknowledged within school hours, the first reminder on the next school morning."""
    calendar, hours = school_calendar(), school_hours()
    local = timezone.localtime(now)
    concern = Concern(
        report=report,
        opened_at=now,
        acknowledge_by=add_school_hours(local, settings.SAFEGUARDING_ACKNOWLEDGE_HOURS, calendar, hours),
        morning_reminder_at=None
        if is_in_school_hours(local, calendar, hours)
        else next_school_morning(local, calendar, hours),
        **fields,
    )
    if report.concerns_staff_id:  # an allegation against a member of staff
        concern.case_manager = most_senior(report)
        next_day = calendar.add_school_days(local.date(), 1)
        concern.lado_due_at = datetime.datetime.combine(next_day, hours.ends, tzinfo=local.tzinfo)
    concern.save()
    return concern


def raise_concern(*, reporter, description, occurred_on, school_class, concerns_staff, evidence, now=None):
    """Save a concern that a child is at risk: it goes to the safeguarding team at once, and to nobody else."""
    now = now or timezone.now()
    with files_removed_if_rolled_back() as written, transaction.atomic():
        report = Report(
            reference=unused_reference(),
            reporter=reporter,
            track=Report.Track.SAFEGUARDING,
            kind=Report.Kind.CONCERN,
            description=description,
            occurred_on=occurred_on,
            concerns=Report.Concerns.STAFF if concerns_staff else Report.Concerns.PUPIL,
            school_class=school_class,
            concerns_staff=concerns_staff,
            status=Status.NEW,
            stage=Stage.CLASS_TEACHER,
            stage_entered_on=timezone.localdate(now),
        )
        save_new_report(report, [], evidence, written)
        event = ReportEvent.objects.create(
            report=report, actor=reporter, action=Move.SUBMIT, to_stage=report.stage, to_status=report.status,
            visible_to_reporter=True,
        )  # fmt: skip
        concern = _open_concern(report, now)
        notify.concern_opened(report, concern, event)
    return report


def refer(report, *, actor, reason, tell_reporter=True, now=None):
    """Take a report off the complaints ladder and give it to the safeguarding team.

    Whoever held it stops holding it (their queue keeps a line saying it was
    referred, and when, with nothing of what it says); its complaint deadlines go.
    """
    now = now or timezone.now()
    reason = (reason or "").strip()
    if not reason:
        raise LadderError(_("Please say why you are referring it: only the safeguarding team will read this."))
    with transaction.atomic():
        report = Report.objects.select_for_update(of=("self",)).select_related("assignee").get(pk=report.pk)
        if report.is_safeguarding:
            raise LadderError(_("This report is already with the safeguarding team."))
        if not actor.has_perm("reports.refer_to_safeguarding", report):
            raise LadderError(_("Only staff who can see this report can refer it to safeguarding."))
        from_stage, from_status = report.stage, report.status
        report.track = Report.Track.SAFEGUARDING
        report.status = Status.NEW
        report.assignee = None
        report.due_on, report.due_for, report.ended_on = None, "", None
        report.save(update_fields=["track", "status", "assignee", "due_on", "due_for", "ended_on", "updated_at"])
        event = ReportEvent.objects.create(
            report=report, actor=actor, action=Move.REFER, from_stage=from_stage, from_status=from_status,
            to_stage=report.stage, to_status=report.status, note=reason,
        )  # fmt: skip
        holdings.sync(report, event)
        concern = _open_concern(report, now, referred_from_stage=from_stage, reporter_told=tell_reporter)
        notify.concern_opened(report, concern, event, actor=actor)
    forget(report)  # who may see what was worked out before the referral
    return report


def apply_concern_move(report, *, actor, move, note="", action_kind="", action_on=None, action_reference="",
                       colleague=None, now=None):  # fmt: skip
    """Make one step on a concern, or raise LadderError saying why not (safeguarding.rules decides who may)."""
    from access.visibility import report_access

    now = now or timezone.now()
    note = (note or "").strip()
    with transaction.atomic():
        report = Report.objects.select_for_update(of=("self",)).get(pk=report.pk)
        concern = Concern.objects.select_for_update().get(report=report)
        rule = rules.find_rule(report.status, report_access(actor, report).roles, move)
        if rule.note_required and not note:
            raise LadderError(_("Please write a note: it is needed for this step."))
        from_status, changes = report.status, {}
        if move == Move.ACKNOWLEDGE:
            report.status, concern.acknowledged_at = Status.ACKNOWLEDGED, now
        elif move == Move.RECORD_ACTION:
            if action_kind not in rules.ActionKind.values or action_on is None:
                raise LadderError(_("Choose what was done and give its date."))
            changes = {"action": action_kind, "on": action_on.isoformat(), "reference": action_reference.strip()}
        elif move == Move.ADD_COLLEAGUE:
            if colleague is None or not colleague.is_active or colleague.pk in (report.concerns_staff_id,):
                raise LadderError(_("Choose a member of staff to add."))
            if ConcernAccess.objects.filter(concern=concern, person=colleague).exists():
                raise LadderError(_("%(person)s can already read this concern.") % {"person": colleague})
            ConcernAccess.objects.create(concern=concern, person=colleague, added_by=actor, reason=note)
            changes = {"colleague": str(colleague)}
        elif move == Move.CLOSE:
            report.status, concern.closed_at, report.ended_on = Status.CLOSED, now, timezone.localdate(now)
        report.save(update_fields=["status", "ended_on", "updated_at"])
        concern.save(update_fields=["acknowledged_at", "closed_at"])
        event = ReportEvent.objects.create(
            report=report, actor=actor, action=move, from_stage=report.stage, from_status=from_status,
            to_stage=report.stage, to_status=report.status, note=note, changes=changes,
            visible_to_reporter=rule.visible_to_reporter and concern.reporter_told,
        )  # fmt: skip
        notify.concern_moved(report, concern, event, colleague=colleague)
    forget(report)
    return report


CHASE_BATCH = 1000  # concerns a transaction


def chase(now=None):
    """The beat task's work, every few minutes: what the clock says is due now. Safe to run twice.

    1. A concern made out of school hours, still not acknowledged when the next
       school morning starts: the team is reminded.
    2. One not acknowledged within its school hours: the deputies are reminded,
       and the headteacher (the chair, if it is about the head) is alerted and
       added to that concern, which its chronology records.
    3. An allegation against a member of staff with no referral to the LADO
       recorded by its due time: the case manager is reminded.

    Set-based: each step takes the concerns due in batches, each batch in a
    transaction of its own (its concerns locked, so two runs never both take
    one), with a few statements a batch whatever its size. The emails go to the
    outbox without their message; the sender writes each in its reader's language.
    """
    now = now or timezone.now()
    people = _Cast.now()
    waiting = Concern.objects.filter(acknowledged_at__isnull=True, closed_at__isnull=True)
    lado_recorded = ReportEvent.objects.filter(
        report=OuterRef("report"), action=Move.RECORD_ACTION, changes__action=rules.ActionKind.LADO
    )
    steps = {
        "reminded": (waiting.filter(morning_reminder_at__lte=now, reminded_at__isnull=True), "reminded_at",
                     _morning_reminders),
        "chased": (waiting.filter(acknowledge_by__lte=now, chased_at__isnull=True), "chased_at", _alerts),
        "lado": (
            Concern.objects.filter(case_manager__isnull=False, lado_due_at__lte=now, lado_chased_at__isnull=True,
                                   closed_at__isnull=True).exclude(Exists(lado_recorded)),
            "lado_chased_at",
            _lado_reminders,
        ),
    }  # fmt: skip
    counts = dict.fromkeys(steps, 0)
    for name, (due, mark, write) in steps.items():
        while True:
            with transaction.atomic():
                batch = list(
                    due.select_for_update(of=("self",), skip_locked=True)
                    .select_related("report", "case_manager")
                    .order_by("pk")[:CHASE_BATCH]
                )
                if not batch:
                    break
                rows = write(batch, people, now)
                Notification.objects.bulk_create(rows, ignore_conflicts=True)
                Concern.objects.filter(pk__in=[concern.pk for concern in batch]).update(**{mark: now})
                if rows:
                    transaction.on_commit(start_sending)
            counts[name] += len(batch)
            if len(batch) < CHASE_BATCH:
                break
    return counts


class _Cast:
    """Who the chase may write to, looked up once a run: the safeguarding team, the headteacher, the chair."""

    def __init__(self, team, head, chairs):
        self.everyone_in_team, self.head, self.chairs = team, head, chairs

    @classmethod
    def now(cls):
        return cls(
            list(User.objects.in_group(StaffGroup.SAFEGUARDING).order_by("pk")),
            User.objects.filter(is_headteacher=True, is_active=True).first(),
            list(User.objects.filter(is_chair_of_governors=True, is_active=True).order_by("pk")),
        )

    def team(self, report):
        """As ``team``: never the person the report concerns."""
        return [person for person in self.everyone_in_team if person.pk != report.concerns_staff_id]

    def most_senior(self, report):
        """As ``most_senior``."""
        head = self.head
        if head is not None and head.pk not in (report.concerns_staff_id, report.reporter_id):
            return head
        return next((chair for chair in self.chairs if chair.pk != report.concerns_staff_id), None)


def _outbox_rows(report, people, notice, key, event=None, by=None):
    """The rows ``notify._tell`` writes, unwritten: the sender writes each message when it sends it."""
    return [
        Notification(
            key=f"{key}:to:{person.pk}", recipient=person, template="safeguarding", report=report, event=event,
            context={"notice": notice, "due": notify.when(by, person)}, to_email=person.email,
        )
        for person in {person.pk: person for person in people if person is not None}.values()
    ]  # fmt: skip


def _morning_reminders(concerns, people, now):
    rows = []
    for concern in concerns:
        rows += _outbox_rows(concern.report, people.team(concern.report), "morning", f"sg-morning:{concern.pk}",
                             by=concern.acknowledge_by)  # fmt: skip
    return rows


def _alerts(concerns, people, now):
    """Step 2 for a batch: its events in one INSERT, the senior added to each concern, the deputies and senior told."""
    note = _("Not acknowledged within %(hours)s school hours.") % {"hours": settings.SAFEGUARDING_ACKNOWLEDGE_HOURS}
    seniors = [people.most_senior(concern.report) for concern in concerns]
    events = ReportEvent.objects.bulk_create(
        ReportEvent(
            report=concern.report, actor=None, action=Move.ALERT_HEAD, from_stage=concern.report.stage,
            from_status=concern.report.status, to_stage=concern.report.stage, to_status=concern.report.status,
            note=note, changes={"colleague": str(senior)} if senior else {},
        )
        for concern, senior in zip(concerns, seniors, strict=True)
    )  # fmt: skip
    added, rows = [], []
    for concern, senior, event in zip(concerns, seniors, events, strict=True):
        team = people.team(concern.report)
        if senior is not None and senior.pk not in {person.pk for person in team}:
            added.append(ConcernAccess(concern=concern, person=senior, reason=note, added_by=None))
        deputies = [person for person in team if not person.is_dsl]
        rows += _outbox_rows(concern.report, deputies, "unacknowledged", f"event:{event.pk}", event)
        rows += _outbox_rows(concern.report, [senior], "head-alert", f"event:{event.pk}:senior", event)
    ConcernAccess.objects.bulk_create(added, ignore_conflicts=True)
    return rows


def _lado_reminders(concerns, people, now):
    rows = []
    for concern in concerns:
        rows += _outbox_rows(concern.report, [concern.case_manager], "lado-reminder", f"sg-lado:{concern.pk}",
                             by=concern.lado_due_at)  # fmt: skip
    return rows
