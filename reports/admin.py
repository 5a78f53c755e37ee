"""The admin for staff triage: find reports, see their timeline, move them in bulk (reports.admin_moves), export.

Nothing is edited here: every change of stage or status, and every correction,
goes through ``reports.services.apply_move``. What each person sees is the
access policy's answer (access/rules.py): the list holds the reports they may
know of; a report's page shows what it says only to those who may read it,
with the part of its timeline they may read; a superuser sees where a report
is, never what it says. Nobody sees a report that concerns them.
"""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from rules.contrib.admin import ObjectPermissionsModelAdminMixin

from access.models import AccessRecord, record_access
from access.visibility import report_access
from conduct_portal.admin import ActionCheckboxInPython
from conduct_portal.paginators import EstimatedCountPaginator
from conduct_portal.spreadsheets import csv_response

from . import ladder
from .admin_filters import OverdueFilter, UrgentFilter
from .admin_moves import MovesFromTheList, move_action
from .ladder import Move
from .models import LONG_TEXTS, Evidence, Report, ReportEvent
from .references import PATTERN, normalise

# Where a report is on the ladder: only reports.services changes these.
LADDER_FIELDS = [
    "stage",
    "status",
    "assignee",
    "stage_entered_on",
    "next_deadline",
    "responded_on",
    "ended_on",
    "panel_on",
    "panel_list",
    "outcome",
    "findings",
    "recommendations",
    "action_taken",
    "outcome_letter",
]
# Set when the report was made (or by their own service): shown, never edited here.
RECORD_FIELDS = ["reference", "reporter", "created_at", "updated_at", "is_urgent", "concerns_staff", "school_class"]
# What the reporter described: shown to those who may read the report, never edited.
DESCRIPTIVE_FIELDS = ["kind", "category_list", "description", "concerns", "platform", "platform_name", "occurred_on",
                      "links"]  # fmt: skip

# What someone who may only know that a report exists sees of it: where it is, not who or what.
METADATA_FIELDSETS = (
    (None, {"fields": ("reference", "created_at", "updated_at")}),
    (_("On the ladder"), {"fields": ("stage", "status", "stage_entered_on", "next_deadline", "ended_on")}),
)

CSV_HEADER = ["reference", "created", "kind", "categories", "urgent", "stage", "status", "class", "next deadline",
              "overdue", "ended on"]  # fmt: skip
ROW_FIELDS = [field for field in Report._meta.concrete_fields if field.name not in LONG_TEXTS]


def today():
    return timezone.localdate()


def yes_no(value):
    return "yes" if value else "no"


def class_shown(report):
    """A report's class, as lists show it: never a safeguarding concern's (that it exists is all they may say)."""
    return "" if report.is_safeguarding or report.school_class is None else report.school_class.name


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    can_delete = False
    fields = ["link", "content_type", "size", "created_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("report")

    def has_view_permission(self, request, obj=None):
        if obj is None:  # Django asks without the report when it builds the inline's queryset
            return request.user.has_perm("reports.list_report")
        return request.user.has_perm("reports.view_evidence", obj)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("File"))
    def link(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.original_name)


class ReportEventInline(admin.TabularInline):
    model = ReportEvent
    verbose_name = _("timeline entry")
    verbose_name_plural = _("timeline")
    extra = 0
    can_delete = False
    fields = ["created_at", "actor", "action", "from_stage", "from_status", "to_stage", "to_status", "note",
              "visible_to_reporter"]  # fmt: skip
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")

    def get_formset(self, request, obj=None, **kwargs):
        """Only the part of the timeline this person may read (the access policy's event filter)."""
        formset = super().get_formset(request, obj, **kwargs)
        allowed = report_access(request.user, obj).event_filter() if obj is not None else None

        class VisibleTimeline(formset):
            def get_queryset(self):
                queryset = super().get_queryset()
                return queryset.filter(allowed) if allowed is not None else queryset.none()

        return VisibleTimeline

    def has_view_permission(self, request, obj=None):
        if obj is None:  # Django asks without the report when it builds the inline's queryset
            return request.user.has_perm("reports.list_report")
        return request.user.has_perm("reports.view_reportevent", obj)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Report)
class ReportAdmin(ObjectPermissionsModelAdminMixin, ActionCheckboxInPython, MovesFromTheList, admin.ModelAdmin):
    list_display = ["reference", "created_on", "kind_short", "urgent", "category_list", "stage", "status",
                    "assignee", "next_deadline", "class_name"]  # fmt: skip
    list_filter = [OverdueFilter, UrgentFilter, "stage", "status", "categories", "kind", "school_class",
                   ("created_at", admin.DateFieldListFilter)]  # fmt: skip
    list_select_related = ["school_class", "assignee"]
    search_fields = ["reference"]
    search_help_text = _("A report's reference, in any case, with or without the dash.")
    show_full_result_count = False  # a second count of every report on each page, at a trust's scale
    paginator = EstimatedCountPaginator
    list_per_page = 50  # a page of the queue's length: triage works from the top of the list
    ordering = ["-is_urgent"]  # the first of get_ordering's keys (what the column headers show)
    inlines = [EvidenceInline, ReportEventInline]
    actions = [
        move_action(Move.ACKNOWLEDGE, _("Acknowledge selected reports")),
        move_action(Move.NOTE, _("Add an internal note to selected reports")),
        move_action(
            Move.RESPOND,
            _("Respond to the selected reports, with one response sent to each reporter"),
        ),
        move_action(Move.ESCALATE, _("Escalate selected reports to the next step")),
        move_action(Move.RESOLVE, _("Resolve selected reports")),
        "export_csv",
    ]
    fieldsets = (
        (None, {"fields": ("reference", "reporter", "created_at", "updated_at")}),
        (
            _("On the ladder (changed only by its moves)"),
            {
                "fields": (
                    "stage",
                    "status",
                    "assignee",
                    "stage_entered_on",
                    "next_deadline",
                    "responded_on",
                    "ended_on",
                )
            },
        ),
        (
            _("What was reported"),
            {
                "fields": (
                    "kind",
                    "category_list",
                    "is_urgent",
                    "description",
                    "concerns",
                    "concerns_staff",
                    "school_class",
                )
            },
        ),
        (_("Where and when"), {"fields": ("platform", "platform_name", "occurred_on", "links")}),
        (
            _("Governors' panel"),
            {
                "classes": ("collapse",),
                "fields": (
                    "panel_on",
                    "panel_list",
                    "outcome",
                    "findings",
                    "recommendations",
                    "action_taken",
                    "outcome_letter",
                ),
            },  # fmt: skip
        ),
    )

    # --- who sees what ---------------------------------------------------------------------

    def get_queryset(self, request):
        return super().get_queryset(request).listable_by(request.user).for_listing(today())

    def has_view_permission(self, request, obj=None):
        """The admin's reports are for its users who triage them (the policy's module-level answer) and then
        only for the reports they may know of: one may read a report on its page without using the admin."""
        return request.user.has_perm("reports.list_report") and request.user.has_perm("reports.list_report", obj)

    def get_fieldsets(self, request, obj=None):
        """Someone who may only know that a report exists sees where it is, never what it says."""
        if obj is not None and not report_access(request.user, obj).can_read:
            return METADATA_FIELDSETS
        return self.fieldsets

    def get_inlines(self, request, obj):
        if obj is not None and not report_access(request.user, obj).can_read:
            return []
        return super().get_inlines(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        report = getattr(response, "context_data", {}).get("original")
        if response.status_code == 200 and report is not None and report_access(request.user, report).can_read:
            record_access(request.user, report, AccessRecord.Kind.ADMIN_PAGE)
        return response

    def history_view(self, request, object_id, extra_context=None):
        report = self.get_object(request, object_id)
        if report is None or not request.user.has_perm("reports.view_report", report):
            raise PermissionDenied
        return super().history_view(request, object_id, extra_context)

    def get_ordering(self, request):
        """Triage order: urgent first, then by deadline (the overdue first), then the newest, as an index keeps it."""
        return ["-is_urgent", F("due_on").asc(nulls_last=True), "-created_at"]

    def get_readonly_fields(self, request, obj=None):
        return RECORD_FIELDS + LADDER_FIELDS + DESCRIPTIVE_FIELDS

    def get_search_results(self, request, queryset, search_term):
        """A whole reference finds its report; the start of one, every report it begins (both from an index)."""
        typed = normalise(search_term)
        if not typed:
            return queryset, False
        if PATTERN.fullmatch(typed):
            return queryset.filter(reference=typed), False
        return queryset.filter(reference__startswith=typed), False

    # --- columns -----------------------------------------------------------------------------

    @admin.display(description=_("Created"), ordering="created_at")
    def created_on(self, obj):
        return timezone.localtime(obj.created_at).date()

    @admin.display(description=_("Kind"), ordering="kind")
    def kind_short(self, obj):
        return _("Safeguarding concern") if obj.is_safeguarding else capfirst(obj.get_kind_display())

    @admin.display(description=_("Panel"))
    def panel_list(self, obj):
        panel = getattr(obj, "panel", None) if obj.panel_on else None
        return ", ".join(panel.member_names()) if panel else "-"

    @admin.display(description=_("Class"), ordering="school_class")
    def class_name(self, obj):
        return class_shown(obj) or "—"

    @admin.display(description=_("Urgent"), boolean=True, ordering="is_urgent")
    def urgent(self, obj):
        return obj.is_urgent

    @admin.display(description=_("Categories"))
    def category_list(self, obj):
        return ", ".join(str(category.number) for category in obj.categories.all())

    @admin.display(description=_("Next deadline"), ordering="due_on")
    def next_deadline(self, obj):
        deadline = obj.deadline()
        if deadline is None or not obj.is_still_open:
            return "-"
        text = f"{deadline.label} by {deadline.due_on.day} {deadline.due_on:%b %Y}"
        if self._is_overdue(obj):
            return format_html("{} <strong>· overdue</strong>", text)
        return text

    def row_shown(self, obj):
        """Every value a row of the list reads (its key in the cache, conduct_portal.templatetags.admin_rows): the
        report's own fields but what it says, which no column shows, and its categories, class and assignee."""
        return (
            tuple(getattr(obj, field.attname) for field in ROW_FIELDS),
            tuple(category.number for category in obj.categories.all()),
            class_shown(obj),
            str(obj.assignee) if obj.assignee_id else "",
            self._is_overdue(obj),
        )

    @staticmethod
    def _is_overdue(obj):
        overdue = getattr(obj, "overdue", None)  # annotated by for_listing
        if overdue is None:
            overdue = obj.status in ladder.HANDLER_STATUSES and obj.due_on is not None and obj.due_on < today()
        return bool(overdue)

    # --- export ------------------------------------------------------------------------------

    @admin.action(description=_("Export selected to CSV"), permissions=["export"])
    def export_csv(self, request, queryset):
        return self.csv_response(queryset)

    def has_export_permission(self, request):
        return request.user.has_perm("reports.export_reports")

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        export = path("export/", self.admin_site.admin_view(self.export_view), name="{}_{}_export".format(*info))
        return [export, *super().get_urls()]

    def export_view(self, request):
        """Every report the changelist shows with the same filters and search, as CSV."""
        if not self.has_export_permission(request):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return HttpResponseRedirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist"))
        return self.csv_response(changelist.get_queryset(request))

    def csv_response(self, queryset):
        """The CSV of ``queryset``: where each report is, never what it says or who made it."""
        now = today()
        rows = (
            [
                report.reference,
                timezone.localtime(report.created_at).date().isoformat(),
                self.kind_short(report),
                " ".join(str(category.number) for category in report.categories.all()),
                yes_no(report.is_urgent),
                report.get_stage_display(),
                report.get_status_display(),
                class_shown(report),
                report.due_on.isoformat() if report.due_on else "",
                yes_no(self._is_overdue(report)),
                report.ended_on.isoformat() if report.ended_on else "",
            ]
            for report in queryset.iterator(chunk_size=500)
        )
        return csv_response(f"reports-{now:%Y-%m-%d}.csv", CSV_HEADER, rows)
