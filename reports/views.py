from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render

from .access import can_view_report
from .forms import ReportForm
from .models import Evidence, Report
from .references import PATTERN, normalise
from .services import submit_report


def _get_report_for_user(request, reference):
    """The report, if this user may see it; a 404 otherwise, so references cannot be probed."""
    reference = normalise(reference)
    if not PATTERN.match(reference):
        raise Http404("No report found.")
    report = get_object_or_404(Report.objects.select_related("reporter", "school_class"), reference=reference)
    if not can_view_report(request.user, report):
        raise Http404("No report found.")
    return report


@login_required
def new_report(request):
    form = ReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        report = submit_report(reporter=request.user, **form.cleaned_data)
        return redirect("reports-submitted", reference=report.reference)
    return render(request, "reports/new.html", {"form": form})


@login_required
def submitted(request, reference):
    report = _get_report_for_user(request, reference)
    return render(request, "reports/submitted.html", {"report": report})


@login_required
def my_reports(request):
    reports = request.user.reports.prefetch_related("categories").select_related("school_class")
    return render(request, "reports/mine.html", {"reports": reports})


@login_required
def detail(request, reference):
    report = _get_report_for_user(request, reference)
    events = report.events.select_related("actor")
    if report.reporter_id == request.user.pk and not request.user.is_school_staff:
        events = events.filter(visible_to_reporter=True)
    return render(
        request,
        "reports/detail.html",
        {
            "report": report,
            "categories": report.categories.all(),
            "evidence": report.evidence.all(),
            "events": events,
        },
    )


@login_required
def evidence_file(request, reference, public_id):
    report = _get_report_for_user(request, reference)
    evidence = get_object_or_404(Evidence, report=report, public_id=public_id)
    response = FileResponse(
        evidence.file.open("rb"),
        content_type=evidence.content_type,
        as_attachment=not evidence.is_image,
        filename=evidence.original_name,
    )
    response["Cache-Control"] = "private, no-store"
    return response
