import uuid
from collections import defaultdict

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conduct_portal import small_tables
from conduct_portal.append_only import AppendOnlyModel

from .deadlines import Deadline
from .ladder import HANDLER_STATUSES, LOWER, OPEN, Move, Stage, Status
from .references import new_reference


def evidence_storage():
    return storages["evidence"]


LONG_TEXTS = ("description", "links", "outcome_letter", "findings", "recommendations", "action_taken")  # what it says


class ReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN)

    def overdue(self, today=None):
        return self.filter(status__in=HANDLER_STATUSES, due_on__lt=today or timezone.localdate())

    def for_listing(self, today):
        """What list pages show: the class and categories fetched, overdue worked out, urgent first."""
        return (
            self.select_related("school_class", "assignee")
            .prefetch_related("categories")
            .annotate(
                overdue=models.Case(
                    models.When(status__in=HANDLER_STATUSES, due_on__lt=today, then=models.Value(True)),
                    default=models.Value(False),
                ),
            )
            .order_by("-is_urgent", "-overdue", "due_on", "created_at")
        )

    def readable_by(self, user):
        """The reports ``user`` may read some of (access.visibility)."""
        from access.visibility import readable_q

        return self.filter(readable_q(user))

    def listable_by(self, user):
        """The reports ``user`` may know exist: what they may read, and for an administrator every one's place."""
        from access.visibility import listable_q

        return self.filter(listable_q(user))

    def referred_from(self, user, since):
        """Reports ``user`` held that were referred to safeguarding since ``since``, with the date they were (the
        queue asks on every page: compiled once a day for each person)."""
        from conduct_portal.statements import compiled

        if not user.is_authenticated or not user.is_active:
            return self.none()
        return Report.objects.raw(*compiled(_referred_from, user.pk, since))

    def held_by(self, user):
        """The open reports this member of staff holds now (see reports.routing for who holds what)."""
        return self.open().filter(holdings__person=user, holdings__ended_at__isnull=True)


class Report(models.Model):
    """A report of online conduct, or a concern about a child, on its way up the ladder."""

    class Kind(models.TextChoices):
        CONDUCT = "conduct", _("Online conduct that breaches the policy")
        CONCERN = "concern", _("A concern about a child at school")

    class Platform(models.TextChoices):
        WHATSAPP = "whatsapp", _("WhatsApp group")
        FACEBOOK = "facebook", _("Facebook group")
        EMAIL = "email", _("Email")
        OTHER = "other", _("Somewhere else")

    class Concerns(models.TextChoices):
        STAFF = "staff", _("A member of staff")
        PUPIL = "pupil", _("A pupil")
        PARENT = "parent", _("A parent or carer")
        SCHOOL = "school", _("The school")

    class Outcome(models.TextChoices):
        UPHELD = "upheld", _("Upheld")
        PARTLY_UPHELD = "partly_upheld", _("Partly upheld")
        NOT_UPHELD = "not_upheld", _("Not upheld")

    class ClosedAs(models.TextChoices):
        OUT_OF_TIME = "out_of_time", _("Made after the time limit")
        OTHER_PROCEDURE = "other_procedure", _("Handled under another procedure")
        LINKED = "linked", _("Handled with another report about the same matter")
        PROCEDURE_COMPLETED = "procedure_completed", _("The matter has been through the whole procedure")

    class HeldBy(models.TextChoices):
        """Who holds it, as the person who made it reads it (written with the holders, reports.holdings)."""

        CLASS_TEACHER = "class_teacher", _("the class teacher")
        OFFICE = "office", _("the school office")
        HEADTEACHER = "headteacher", _("the headteacher")
        LEADERSHIP = "leadership", _("the leadership team")
        CLERK = "clerk", _("the clerk to the governors")
        CHAIR = "chair", _("the chair of governors")
        GOVERNORS = "governors", _("the governors")
        SAFEGUARDING = "safeguarding", _("the safeguarding team")

    class Track(models.TextChoices):
        COMPLAINT = "complaint", _("The complaints procedure")
        SAFEGUARDING = "safeguarding", _("A safeguarding concern")

    Stage = Stage
    Status = Status

    reference = models.CharField(max_length=9, unique=True, default=new_reference, editable=False)
    # Empty only once the report has been anonymised at the end of its retention period.
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="reports")
    kind = models.CharField(max_length=10, choices=Kind)
    categories = models.ManyToManyField("policy.Category", blank=True, related_name="reports")
    description = models.TextField(_("what happened"))
    platform = models.CharField(_("where"), max_length=10, choices=Platform, blank=True)
    platform_name = models.CharField(_("name of the group or place"), max_length=200, blank=True)
    occurred_on = models.DateField(_("when it happened"))
    links = models.TextField(blank=True, help_text=_("One web address a line."))
    concerns = models.CharField(_("who it concerns"), max_length=10, choices=Concerns)
    school_class = models.ForeignKey(
        "school.SchoolClass", on_delete=models.SET_NULL, null=True, blank=True, related_name="reports"
    )
    concerns_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member of staff it concerns"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Optional. A report about the person who would handle it goes past them."),
    )
    is_urgent = models.BooleanField(default=False, help_text=_("In an urgent category: leadership alerted at once."))

    # A complaint climbs the ladder; a safeguarding concern is the safeguarding team's alone (safeguarding app).
    track = models.CharField(max_length=15, choices=Track, default=Track.COMPLAINT)
    # Where it is on the ladder. Changed only by reports.services.apply_move.
    stage = models.CharField(max_length=20, choices=Stage, default=Stage.CLASS_TEACHER)
    status = models.CharField(max_length=20, choices=Status, default=Status.NEW)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_reports",
        help_text=_("The one person holding it at this stage; empty: everyone who handles the stage."),
    )
    stage_entered_on = models.DateField(null=True)
    responded_on = models.DateField(null=True, blank=True)
    due_on = models.DateField(null=True, blank=True)
    due_for = models.CharField(max_length=20, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    held_by = models.CharField(max_length=20, choices=HeldBy, blank=True)
    # School days from the report to its end, written when it ends: the register's and overview's figure.
    school_days_taken = models.PositiveIntegerField(null=True, blank=True)
    awaiting_reporter = models.BooleanField(default=False, help_text=_("Staff asked the reporter a question."))
    # A deadline the holder moved, with its reason (Move.EXTEND_DEADLINE): stands while that step is due here.
    revised_due_for = models.CharField(max_length=20, blank=True)
    revised_due_on = models.DateField(null=True, blank=True)
    is_late = models.BooleanField(default=False, help_text=_("About something longer ago than the time limit."))
    late_accepted = models.BooleanField(default=False)
    closed_as = models.CharField(max_length=20, choices=ClosedAs, blank=True)
    other_procedure = models.CharField(max_length=50, blank=True)
    linked_to = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="linked_reports"
    )

    # The governors' panel, under the complaints procedure.
    panel_on = models.DateField(_("panel date"), null=True, blank=True)  # its members: governance.Panel
    outcome = models.CharField(max_length=20, choices=Outcome, blank=True)
    outcome_letter = models.TextField(blank=True)
    findings = models.TextField(blank=True)
    recommendations = models.TextField(blank=True)
    action_taken = models.TextField(blank=True, help_text=_("What the school did or will do, whatever the outcome."))

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Its retention period over, what it said and who was in it are gone; its numbers stay (privacy.retention).
    anonymised_at = models.DateTimeField(null=True, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["stage", "status"]),
            models.Index(fields=["due_on"]),
            models.Index(fields=["track", "status"]),
            models.Index(fields=["track", "created_at"]),  # the first complaint's school year
            # The complaints register, by school year: its rows, its count and its summary read from the index.
            models.Index(
                fields=["created_at"],
                include=["stage", "status", "outcome", "closed_as", "school_days_taken", "concerns_staff"],
                condition=models.Q(track="complaint", stage__in=["office_leadership", "governors"]),
                name="formal_complaints_by_date",
            ),
            # The admin's triage order (ReportAdmin.get_ordering), read in order rather than sorted on each page
            # (an ascending column puts its nulls last in PostgreSQL, as the ordering asks).
            models.Index(F("is_urgent").desc(), F("due_on").asc(), F("created_at").desc(), name="report_triage"),
            # The same order within one status (the admin's status filter): a closed report's is otherwise last.
            models.Index(
                F("status"),
                F("is_urgent").desc(),
                F("due_on").asc(),
                F("created_at").desc(),
                name="report_triage_by_status",
            ),
            # A reference's first characters typed into a search box (LIKE 'K7QM%' on PostgreSQL).
            models.Index(fields=["reference"], name="report_reference_prefix", opclasses=["varchar_pattern_ops"]),
            # The morning's deadline sweep and the overdue lists: the deadlines of reports in hand.
            models.Index(
                fields=["due_on"], condition=models.Q(status__in=sorted(HANDLER_STATUSES)), name="deadlines_in_hand"
            ),
        ]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("reports-detail", kwargs={"reference": self.reference})

    @property
    def is_safeguarding(self):
        return self.track == self.Track.SAFEGUARDING

    @property
    def is_still_open(self):
        return self.status in OPEN

    def deadline(self):
        return Deadline(self.due_for, self.due_on) if self.due_on and self.due_for else None

    def is_overdue(self, today=None):
        deadline = self.deadline()
        return bool(deadline and self.is_still_open and deadline.is_overdue(today or timezone.localdate()))

    def link_list(self):
        return [line for line in self.links.splitlines() if line.strip()]


class Evidence(models.Model):
    """A file attached to a report: an image (metadata stripped) or a PDF, stored privately."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(storage=evidence_storage, upload_to="evidence/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name_plural = _("evidence")

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("reports-evidence", kwargs={"reference": self.report.reference, "public_id": self.public_id})

    @property
    def is_image(self):
        return self.content_type.startswith("image/")


class ReportEvent(AppendOnlyModel):
    """One move in a report's life. Append-only: nothing edits or deletes an event."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    action = models.CharField(max_length=30, choices=Move)
    from_stage = models.CharField(max_length=20, choices=Report.Stage, blank=True)
    from_status = models.CharField(max_length=20, choices=Report.Status, blank=True)
    to_stage = models.CharField(max_length=20, choices=Report.Stage)
    to_status = models.CharField(max_length=20, choices=Report.Status)
    note = models.TextField(blank=True)  # for the reporter too, when visible_to_reporter
    staff_note = models.TextField(
        blank=True, help_text=_("Always for staff only: a reason beside a note to the reporter.")
    )
    # A correction's before and after: {"field": {"from": …, "to": …}}, as people read them.
    changes = models.JSONField(default=dict, blank=True)
    visible_to_reporter = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            # The complaints escalated to the governors: the leadership team's past oversight (access.visibility).
            models.Index(
                fields=["report"],
                condition=models.Q(to_stage=Stage.GOVERNORS, from_stage__in=sorted(LOWER)),
                name="escalations_to_governors",
            ),
        ]

    def __str__(self):
        return f"{self.report.reference}: {self.action}"


class HoldingQuerySet(models.QuerySet):
    def current(self):
        return self.filter(ended_at__isnull=True)


class Holding(models.Model):
    """One person holding one report, from the event that gave it to them to the one that took it away.

    Written only by ``reports.holdings`` from ``routing.holders_for``. A holding
    that a move ended (``ended_by`` set) leaves its holder a view of the report
    up to that move; one ended because the person left the role (``ended_by``
    empty) leaves nothing.
    """

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="holdings")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="holdings")
    started_by = models.ForeignKey(ReportEvent, on_delete=models.PROTECT, null=True, related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    ended_by = models.ForeignKey(ReportEvent, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = HoldingQuerySet.as_manager()

    class Meta:
        ordering = ["started_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "person"], condition=models.Q(ended_at__isnull=True), name="one_current_holding"
            )
        ]
        indexes = [
            models.Index(
                fields=["person", "report"], condition=models.Q(ended_at__isnull=True), name="current_holdings"
            ),
            # What a former holder may still read (access.visibility): the few a move took from each person.
            models.Index(
                fields=["person", "report"], condition=models.Q(ended_by__isnull=False), name="ended_holdings"
            ),
        ]

    def __str__(self):
        return f"{self.person} holds {self.report}"


class ReminderSweep(models.Model):
    """The morning's deadline sweep, once it has finished a day (``reports.reminders``).

    A re-run on the same day looks again only at what changed after this one
    started (a report moved, a new holder), with the same leadership team.
    """

    day = models.DateField(unique=True)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    leadership = models.TextField(blank=True)  # the leadership team it told, as their ids

    def __str__(self):
        return str(self.day)


def _referred_from(pk, since):
    from access.visibility import referred_q

    referrals = ReportEvent.objects.filter(report=models.OuterRef("pk"), action="refer").order_by("-pk")
    return (
        Report.objects.filter(referred_q(pk))
        .annotate(referred_at=models.Subquery(referrals.values("created_at")[:1]))
        .filter(referred_at__date__gte=since)
        .order_by("-referred_at")
        .only("reference")
    )


def with_list_details(reports):
    """``reports`` as a list, each with its categories (``category_list``), class and staff from the small
    tables: a list page fetches its rows without joins or prefetches. (A prefetch would build a model for each
    category of each row; the joins cost the database more than the rows themselves.)"""
    return with_class_and_staff(with_category_list(reports))


def with_category_list(reports):
    """``reports`` as a list, each with ``category_list``: its categories from the small table, by one read of
    which each has."""
    from policy.models import Category

    reports = list(reports)
    links = Report.categories.through.objects.filter(report__in=[report.pk for report in reports])
    links = list(links.values_list("report_id", "category_id"))
    categories = small_tables.by_pk_with("categories", {category for _report, category in links}, Category.objects)
    found = defaultdict(list)
    for report_id, category_id in links:
        found[report_id].append(categories[category_id])
    for report in reports:
        report.category_list = sorted(found[report.pk], key=lambda category: category.number)
    return reports


def with_class_and_staff(reports):
    """``reports``, each with its class, assignee and the member of staff it concerns from the small tables
    (fetched without joining them)."""
    from accounts.models import User
    from school.models import SchoolClass

    classes = small_tables.by_pk_with("classes", {report.school_class_id for report in reports}, SchoolClass.objects)
    wanted = {pk for report in reports for pk in (report.assignee_id, report.concerns_staff_id)}
    staff = small_tables.by_pk_with("staff", wanted, User.objects)
    for report in reports:
        SCHOOL_CLASS.set_cached_value(report, classes.get(report.school_class_id))
        ASSIGNEE.set_cached_value(report, staff.get(report.assignee_id))
        CONCERNS_STAFF.set_cached_value(report, staff.get(report.concerns_staff_id))
    return reports


def with_actors(events, report):
    """``events`` (of ``report``), each with who made it: the report's reporter, or a member of staff from the
    small table (fetched without joining every event to its person)."""
    from accounts.models import User

    people = {report.reporter_id: report.reporter} if report.reporter_id else {}
    staff = small_tables.by_pk_with("staff", {event.actor_id for event in events} - people.keys(), User.objects)
    for event in events:
        ACTOR.set_cached_value(event, people.get(event.actor_id) or staff.get(event.actor_id))
    return events


SCHOOL_CLASS = Report._meta.get_field("school_class")
ASSIGNEE = Report._meta.get_field("assignee")
CONCERNS_STAFF = Report._meta.get_field("concerns_staff")
ACTOR = ReportEvent._meta.get_field("actor")
