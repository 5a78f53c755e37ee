import datetime
import logging
from functools import partial
from operator import itemgetter
from pathlib import PurePosixPath

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.db.models import Case, OuterRef, Subquery, Value, When
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from access.models import AccessRecord, record_access
from access.visibility import forget, report_access
from conduct_portal.fragments import rendered_forms, rendered_once, what_form_shows
from conduct_portal.limits import over_limit
from conduct_portal.paginators import CountedWithThePage
from conduct_portal.spreadsheets import csv_response
from notifications.views import mark_read_for_report
from safeguarding.forms import ReferForm

from . import ladder, moves
from . import queue as queue_csv
from .evidence import EXTENSIONS, download_name
from .forms import ReportForm, RiskQuestionForm, time_limit_starts
from .ladder import OPEN, LadderError, Move, Role, Stage
from .models import Evidence, Report, ReportEvent, with_actors, with_class_and_staff
from .procedures import other_procedures
from .queue import QueueForm
from .references import PATTERN, normalise
from .services import apply_move, facts_for, submit_report
from .standing import capitalised, role_words, where_it_stands
from .stats import overview_for
from .templatetags.report_rows import ROW_FIELDS

logger = logging.getLogger(__name__)

PER_PAGE = 50
REFERRED_SHOWN_FOR = datetime.timedelta(days=60)


def _get_report_for_user(request, reference, perm="reports.view_report"):
    """The report, if the access policy grants this person ``perm`` on it; otherwise a 404, so nobody can probe."""
    reference = normalise(reference)
    if not PATTERN.match(reference):
        raise Http404(_("No report found."))
    reports = Report.objects.select_related("reporter")  # the class and staff from the small tables
    report = get_object_or_404(reports.prefetch_related("categories"), reference=reference)
    if not request.user.has_perm(perm, report):
        raise Http404(_("No report found."))
    return with_class_and_staff([report])[0]


def _page(request, reports):
    return Paginator(reports, PER_PAGE).get_page(request.GET.get("page"))


@login_required
@permission_required("reports.make_report", raise_exception=True)
@never_cache
def new_report(request):
    """Asks first whether a child is at risk: yes leads to a safeguarding concern, no to a report under the policy."""
    answer = request.GET.get("child_at_risk")
    if answer == "yes":
        from safeguarding.views import new_concern

        return new_concern(request)
    if answer != "no":
        question = RiskQuestionForm(request.GET if "child_at_risk" in request.GET else None)
        question.is_valid()
        return render(request, "reports/new_question.html", {"form": question})
    form = ReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid() and not refuse_if_over_limit(request, form):
        report = submit_report(reporter=request.user, **form.cleaned_data)
        return redirect("reports-submitted", reference=report.reference)
    return render(request, "reports/new.html", _report_form_context(form))


def _report_form_context(form):
    occurred_on = getattr(form, "cleaned_data", {}).get("occurred_on")
    return {
        "form": form,
        "other_procedures": other_procedures(),
        "time_limit_months": settings.COMPLAINT_TIME_LIMIT_MONTHS,
        "made_late": bool(occurred_on and occurred_on < time_limit_starts()),
    }


def refuse_if_over_limit(request, form):
    """True, with a message on the form (which keeps what was typed), once someone has sent too many reports."""
    if not over_limit(request, "report", str(request.user.pk)):
        return False
    form.add_error(None, _("You have sent a lot of reports in a short time. Please wait an hour and send this again."))
    return True


@login_required
@never_cache
def submitted(request, reference):
    report = _get_report_for_user(request, reference)
    context = {"report": report, "standing": where_it_stands(report),
               "time_limit_months": settings.COMPLAINT_TIME_LIMIT_MONTHS}  # fmt: skip
    return render(request, "reports/submitted.html", context)


@login_required
@never_cache
def my_reports(request):
    """The person's own reports, newest first, each with the sentence of where it stands."""
    asked = ReportEvent.objects.filter(report=OuterRef("pk"), action=Move.REQUEST_INFO).order_by("-pk")
    reports = _page(
        request,
        request.user.reports.select_related("school_class").annotate(asked_at=Subquery(asked.values("created_at")[:1])),
    )
    for report in reports:
        asked_on = timezone.localdate(report.asked_at) if report.asked_at else None
        report.standing = where_it_stands(report, asked_on)
    return render(request, "reports/mine.html", {"reports": reports, "today": timezone.localdate()})


def _render_detail(request, report, bound=None):
    """The report's one page: what this person may see of it, and a form for each move they may make."""
    access = report_access(request.user, report)
    today = timezone.localdate()
    facts = facts_for(report, today)
    actions, forms = [], []  # forms: (everything an empty one shows, or None; how to build it)
    for move in ladder.allowed_moves(report.stage, report.status, access.roles, facts):
        rule = ladder.find_rule(report.stage, report.status, access.roles, move, facts)
        button, meaning = moves.describe(move, access.roles, report.stage)
        sent_back = bound[1] if bound and bound[0] == move else None
        actions.append({"move": move, "button": button, "meaning": meaning, "open": sent_back is not None})
        if sent_back is None:
            forms.append((moves.form_shows(move, report, rule, access.roles),
                          partial(moves.form_for, move, report, rule, access.roles)))  # fmt: skip
        else:
            forms.append((None, partial(_itself, sent_back)))
    refer_form = ReferForm(prefix="refer") if request.user.has_perm("reports.refer_to_safeguarding", report) else None
    if refer_form:
        forms.append((what_form_shows(refer_form), partial(_itself, refer_form)))
    html = rendered_once("move-form", forms, itemgetter(0), lambda form: as_crispy_form(form[1]()))
    for action, form_html in zip(actions, html[: len(actions)], strict=True):
        action["html"] = form_html
    waiting = [
        moves.describe(move, access.roles, report.stage)[0]
        for move, needs in ladder.waiting_moves(report.stage, report.status, access.roles, facts)
        if needs == "panel_held"
    ]
    is_reporter = Role.REPORTER in access.roles
    events = with_actors(list(report.events.filter(access.event_filter())), report)
    latest_said = _latest_said(report, events)
    return render(
        request,
        "reports/detail.html",
        {
            "report": report,
            "standing": where_it_stands(report, _asked_on(report)),
            "latest_said": latest_said,
            "latest_said_by": _said_by(latest_said),
            "panel": getattr(report, "panel", None) if report.panel_on else None,
            "time_limit_months": settings.COMPLAINT_TIME_LIMIT_MONTHS,
            "access": access,
            "is_reporter": is_reporter,
            "staff_view": access.sees_internal_notes and not is_reporter,
            "categories": report.categories.all(),
            "evidence": report.evidence.all(),
            "events": events,
            "actions": actions,
            "waiting_for_the_panel": waiting,
            "bound_form": bound[1] if bound else None,
            "page_has_errors": bool(bound and bound[1].errors),
            "deadline": report.deadline(),
            "overdue": report.is_overdue(today),
            "may_read_access_log": request.user.has_perm("reports.view_access_log", report),
            "refer_form_html": html[len(actions)] if refer_form else None,
        },
    )


def _itself(form):
    return form


def _form_again(request, report, move, refusal):
    """The move's form as the person typed it, saying what is wrong, for the report as it is now."""
    roles = report_access(request.user, report).roles
    rule = ladder.find_rule(report.stage, report.status, roles, move, facts_for(report, timezone.localdate()))
    data = request.POST.copy()
    data[f"{move}-seen_stage"], data[f"{move}-seen_status"] = report.stage, report.status
    form = moves.form_for(move, report, rule, roles, data)
    form.is_valid()
    form.add_error(None, str(refusal))
    return form


def _allowed_now(user, report):
    forget(report)
    access = report_access(user, report)
    return ladder.allowed_moves(report.stage, report.status, access.roles, facts_for(report, timezone.localdate()))


def _latest_said(report, events):
    """The last thing the school said to the reporter (a note they were shown), of the ``events`` this person reads."""
    said = [
        event for event in events if event.visible_to_reporter and event.note and event.actor_id != report.reporter_id
    ]
    return said[-1] if said else None


def _said_by(event):
    """Who wrote it, as the parent is told: their role, and their name where the school wants names shown."""
    if event is None:
        return ""
    role = capitalised(role_words(event.actor, event.report))
    if event.actor is not None and settings.SHOW_STAFF_NAMES_TO_PARENTS:
        return f"{event.actor.get_full_name()} ({role[:1].lower()}{role[1:]})"
    return role


def _asked_on(report):
    if not report.awaiting_reporter:
        return None
    asked = report.events.filter(action=Move.REQUEST_INFO).order_by("-pk").values_list("created_at", flat=True).first()
    return timezone.localdate(asked) if asked else None


@login_required
@never_cache
def detail(request, reference):
    report = _get_report_for_user(request, reference)
    record_access(request.user, report, AccessRecord.Kind.REPORT_PAGE)
    mark_read_for_report(request.user, report)
    if report.is_safeguarding:
        from safeguarding.views import concern_page

        return concern_page(request, report)
    return _render_detail(request, report)


@login_required
@require_POST
def move(request, reference, move):
    report = _get_report_for_user(request, reference)
    if move not in Move.values or move == Move.SUBMIT or report.is_safeguarding:
        raise Http404(_("No such step."))
    roles = report_access(request.user, report).roles
    try:
        rule = ladder.find_rule(report.stage, report.status, roles, move, facts_for(report, timezone.localdate()))
    except LadderError as refusal:
        messages.error(request, str(refusal))
        return redirect(report)
    form = moves.form_for(move, report, rule, roles, request.POST)
    if not form.is_valid():
        return _render_detail(request, report, bound=(move, form))
    try:
        report = apply_move(report, actor=request.user, move=move, **form.move_arguments())
    except LadderError as refusal:
        report.refresh_from_db()
        if move in _allowed_now(request.user, report):
            return _render_detail(request, report, bound=(move, _form_again(request, report, move, refusal)))
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Done: %(step)s.") % {"step": Move(move).label.lower()})
    if request.user.has_perm("reports.view_report", report):
        return redirect(report)
    return redirect("reports-queue")


@login_required
def evidence_file(request, reference, public_id):
    report = _get_report_for_user(request, reference, "reports.view_evidence")
    evidence = get_object_or_404(Evidence, report=report, public_id=public_id)
    record_access(request.user, report, AccessRecord.Kind.EVIDENCE, evidence=evidence)
    # Named here, not when stored: files kept before the rule was made are served under it too.
    extension = EXTENSIONS.get(evidence.content_type) or PurePosixPath(evidence.file.name).suffix.lstrip(".")
    try:
        stored = evidence.file.open("rb")
    except FileNotFoundError:
        logger.error("Evidence file %s of report %s is missing from storage", evidence.pk, report.pk)
        raise Http404(_("No report found.")) from None
    response = FileResponse(
        stored,
        content_type=evidence.content_type,
        as_attachment=not evidence.is_image,
        filename=download_name(evidence.original_name, extension),
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@never_cache
def access_log(request, reference):
    """Who opened the report and its files, and when: for the leadership team and administrators."""
    report = _get_report_for_user(request, reference, "reports.view_access_log")
    records = _page(request, report.access_records.select_related("person", "evidence"))
    may_read = request.user.has_perm("reports.view_report", report)
    return render(request, "reports/access_log.html", {"report": report, "records": records, "may_read": may_read})


@login_required
@permission_required("reports.view_queue", raise_exception=True)
@never_cache
def queue(request):
    """A member of staff's queue: the reports they hold (or every open or closed one they may see), searched,
    sorted, and as CSV (``?format=csv``) exactly as shown."""
    today = timezone.localdate()
    form = QueueForm(request.GET or None)
    reports = form.reports(request.user, today)
    if request.GET.get("format") == "csv":
        filename = f"reports-{form.showing}-{today:%Y-%m-%d}.csv"
        return csv_response(filename, queue_csv.CSV_HEADER, queue_csv.csv_rows(reports, today))
    referred = Report.objects.referred_from(request.user, since=today - REFERRED_SHOWN_FOR)
    [form_fields] = rendered_forms([form], lambda form: render_to_string("reports/_queue_fields.html", {"form": form}))
    # The rows read their categories, class and assignee themselves (reports.templatetags.report_rows).
    reports = reports.prefetch_related(None).select_related(None).only(*ROW_FIELDS)
    page = CountedWithThePage(reports, PER_PAGE).get_page(request.GET.get("page"))
    context = {"reports": page, "form": form, "form_fields": form_fields, "show": form.showing,
               "today": today, "referred": referred}  # fmt: skip
    return render(request, "reports/queue.html", context)


@login_required
@permission_required("reports.view_governors_list", raise_exception=True)
@never_cache
def governors(request):
    """The escalated complaints this person may read: every report that reached the governors, open ones first."""
    today = timezone.localdate()
    reports = _page(
        request,
        Report.objects.readable_by(request.user)
        .filter(stage=Stage.GOVERNORS)
        .for_listing(today)
        .alias(is_open=Case(When(status__in=OPEN, then=Value(True)), default=Value(False)))
        .order_by("-is_open", "-overdue", "due_on", "-created_at")
        .prefetch_related(None)  # the rows read their categories, class and assignee (templatetags.report_rows)
        .select_related(None)
        .only(*ROW_FIELDS),
    )
    return render(request, "reports/governors.html", {"reports": reports, "today": today})


@login_required
@permission_required("reports.view_overview", raise_exception=True)
@never_cache
def overview(request):
    """The leadership overview: counts, overdue, time to resolution, and reports per month by category."""
    return render(request, "reports/overview.html", overview_for(request.user, timezone.localdate()))
