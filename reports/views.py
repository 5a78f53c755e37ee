from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.models import StaffGroup
from notifications.views import mark_read_for_report

from . import ladder, moves
from .access import can_view_report, roles_of, sees_internal_notes
from .forms import ConcernedStaffForm, QueueFilterForm, ReportForm
from .ladder import LadderError, Move, Role, Stage
from .models import Evidence, Report
from .references import PATTERN, normalise
from .services import apply_move, change_concerned_staff, facts_for, submit_report
from .stats import overview_figures


def _get_report_for_user(request, reference):
    """The report and the user's roles on it, if they may see it; a 404 otherwise, so references cannot be probed."""
    reference = normalise(reference)
    if not PATTERN.match(reference):
        raise Http404("No report found.")
    report = get_object_or_404(
        Report.objects.select_related("reporter", "school_class", "assignee", "concerns_staff"), reference=reference
    )
    roles = roles_of(request.user, report)
    if not can_view_report(request.user, report, roles):
        raise Http404("No report found.")
    return report, roles


PER_PAGE = 50


def _page(request, reports):
    return Paginator(reports, PER_PAGE).get_page(request.GET.get("page"))


def _require_staff(user, *groups):
    if not (user.is_superuser or (user.staff_groups() & set(groups or StaffGroup.values))):
        raise PermissionDenied("This page is for school staff.")


@login_required
def new_report(request):
    form = ReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        report = submit_report(reporter=request.user, **form.cleaned_data)
        return redirect("reports-submitted", reference=report.reference)
    return render(request, "reports/new.html", {"form": form})


@login_required
def submitted(request, reference):
    report, _roles = _get_report_for_user(request, reference)
    return render(request, "reports/submitted.html", {"report": report})


@login_required
def my_reports(request):
    reports = _page(request, request.user.reports.select_related("school_class"))
    return render(request, "reports/mine.html", {"reports": reports, "today": timezone.localdate()})


def _render_detail(request, report, roles, bound=None):
    """The report's one page: what this person may see of it, and a form for each move they may make."""
    today = timezone.localdate()
    facts = facts_for(report, today)
    actions = []
    for move in ladder.allowed_moves(report.stage, report.status, roles, facts):
        rule = ladder.find_rule(report.stage, report.status, roles, move, facts)
        form = bound[1] if bound and bound[0] == move else moves.form_for(move, report, rule.note_required)
        button, meaning = moves.describe(move, roles, report.stage)
        actions.append({"move": move, "button": button, "meaning": meaning, "form": form, "open": form.is_bound})
    internal = sees_internal_notes(roles)
    events = report.events.select_related("actor")
    if not internal:
        events = events.filter(visible_to_reporter=True)
    is_staff_view = internal and request.user.is_school_staff
    return render(
        request,
        "reports/detail.html",
        {
            "report": report,
            "roles": roles,
            "is_reporter": Role.REPORTER in roles,
            "staff_view": is_staff_view,
            "categories": report.categories.all(),
            "evidence": report.evidence.all(),
            "events": events,
            "actions": actions,
            "deadline": report.deadline(),
            "overdue": report.is_overdue(today),
            "concerned_form": ConcernedStaffForm(initial={"concerns_staff": report.concerns_staff_id})
            if is_staff_view and report.is_still_open
            else None,
        },
    )


@login_required
def detail(request, reference):
    report, roles = _get_report_for_user(request, reference)
    mark_read_for_report(request.user, report)
    return _render_detail(request, report, roles)


@login_required
@require_POST
def move(request, reference, move):
    report, roles = _get_report_for_user(request, reference)
    if move not in Move.values or move in (Move.SUBMIT, Move.REROUTE):
        raise Http404("No such step.")
    facts = facts_for(report, timezone.localdate())
    try:
        rule = ladder.find_rule(report.stage, report.status, roles, move, facts)
    except LadderError as refusal:
        messages.error(request, str(refusal))
        return redirect(report)
    form = moves.form_for(move, report, rule.note_required, request.POST)
    if not form.is_valid():
        return _render_detail(request, report, roles, bound=(move, form))
    try:
        report = apply_move(report, actor=request.user, move=move, **form.move_arguments())
    except LadderError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"Done: {Move(move).label.lower()}.")
    if can_view_report(request.user, report):
        return redirect(report)
    return redirect("reports-queue")


@login_required
@require_POST
def concerned_staff(request, reference):
    report, roles = _get_report_for_user(request, reference)
    form = ConcernedStaffForm(request.POST)
    if form.is_valid():
        try:
            report = change_concerned_staff(report, actor=request.user, person=form.cleaned_data["concerns_staff"])
        except LadderError as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, "Saved whom the report concerns.")
    else:
        messages.error(request, "Choose a member of staff from the list.")
    if can_view_report(request.user, report):
        return redirect(report)
    return redirect("reports-queue")


@login_required
def evidence_file(request, reference, public_id):
    report, _roles = _get_report_for_user(request, reference)
    evidence = get_object_or_404(Evidence, report=report, public_id=public_id)
    response = FileResponse(
        evidence.file.open("rb"),
        content_type=evidence.content_type,
        as_attachment=not evidence.is_image,
        filename=evidence.original_name,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def queue(request):
    """A member of staff's queue: the reports they hold, urgent and overdue first."""
    _require_staff(request.user)
    today = timezone.localdate()
    form = QueueFilterForm(request.GET or None)
    reports = _page(request, form.filter(Report.objects.held_by(request.user).for_listing(today)))
    return render(request, "reports/queue.html", {"reports": reports, "form": form, "today": today})


@login_required
def governors(request):
    """The escalated complaints: every report that reached the governors, open ones first."""
    _require_staff(request.user, StaffGroup.GOVERNORS, StaffGroup.LEADERSHIP)
    today = timezone.localdate()
    reports = _page(
        request,
        Report.objects.filter(stage=Stage.GOVERNORS)
        .exclude(concerns_staff=request.user)
        .for_listing(today)
        .order_by("-is_open", "-overdue", "due_on", "-created_at"),
    )
    return render(request, "reports/governors.html", {"reports": reports, "today": today})


@login_required
def overview(request):
    """The leadership overview: counts, overdue, time to resolution, and reports per month by category."""
    _require_staff(request.user, StaffGroup.LEADERSHIP)
    return render(request, "reports/overview.html", overview_figures(timezone.localdate()))
