from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from access.visibility import report_access
from reports.ladder import LadderError, Move, Status
from reports.models import Report
from reports.views import _get_report_for_user, refuse_if_over_limit

from . import rules, services
from .forms import (
    AcknowledgeForm,
    AddColleagueForm,
    CloseForm,
    ConcernForm,
    ConcernMoveForm,
    RecordActionForm,
    ReferForm,
)

FORMS = {
    Move.ACKNOWLEDGE: AcknowledgeForm,
    Move.RECORD_ACTION: RecordActionForm,
    Move.ADD_COLLEAGUE: AddColleagueForm,
    Move.CLOSE: CloseForm,
}
# move: (button, what it means)
TEXT = {
    Move.ACKNOWLEDGE: (
        gettext_lazy("Acknowledge"),
        gettext_lazy("Record that the safeguarding team has it. The person who raised it sees when."),
    ),
    Move.NOTE: (gettext_lazy("Add a note"), gettext_lazy("For the safeguarding record: the reporter never sees it.")),
    Move.RECORD_ACTION: (
        gettext_lazy("Record an action"),
        gettext_lazy("A referral or a report to another agency, with its date and their reference."),
    ),
    Move.ADD_COLLEAGUE: (
        gettext_lazy("Add a colleague"),
        gettext_lazy("Let one more person read this concern. The chronology records who, by whom and why."),
    ),
    Move.ADD_INFO: (
        gettext_lazy("Add information"),
        gettext_lazy("Add something you have remembered or found since. The safeguarding team is told."),
    ),
    Move.CLOSE: (gettext_lazy("Close with the outcome"), gettext_lazy("Nothing more can be added once it is closed.")),
}


def emergency_numbers():
    return {"children_social_care_phone": settings.CHILDREN_SOCIAL_CARE_PHONE, "school_phone": settings.SCHOOL_PHONE}


def new_concern(request):
    """The report form after "yes, a child is at risk": what to do now, then the concern."""
    form = ConcernForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid() and not refuse_if_over_limit(request, form):
        report = services.raise_concern(reporter=request.user, **form.cleaned_data)
        return redirect("reports-submitted", reference=report.reference)
    return render(request, "safeguarding/new.html", {"form": form, **emergency_numbers()})


def concern_page(request, report, bound=None):
    """A concern's page: for the team all of it and its steps; for the reporter, that it reached them and when."""
    access = report_access(request.user, report)
    actions = []
    for move in rules.allowed_moves(report.status, access.roles):
        rule = rules.find_rule(report.status, access.roles, move)
        form_class = FORMS.get(move, ConcernMoveForm)
        form = bound[1] if bound and bound[0] == move else form_class(note_required=rule.note_required, prefix=move)
        button, meaning = TEXT[move]
        actions.append({"move": move, "button": button, "meaning": meaning, "form": form, "open": form.is_bound})
    is_reporter = rules.Part.REPORTER in access.roles and not access.sees_internal_notes
    concern = report.concern
    return render(
        request,
        "safeguarding/concern.html",
        {
            "report": report,
            "concern": concern,
            "access": access,
            "is_reporter": is_reporter,
            "events": report.events.filter(access.event_filter()).select_related("actor"),
            "evidence": report.evidence.all(),
            "actions": actions,
            "people_added": concern.people_added.select_related("person", "added_by") if not is_reporter else [],
            "action_kinds": dict(rules.ActionKind.choices),
            **emergency_numbers(),
        },
    )


@login_required
@require_POST
def concern_move(request, reference, move):
    report = _get_report_for_user(request, reference)
    if not report.is_safeguarding or move not in rules.MOVES:
        raise Http404(_("No such step."))
    roles = report_access(request.user, report).roles
    try:
        rule = rules.find_rule(report.status, roles, move)
    except LadderError as refusal:
        messages.error(request, str(refusal))
        return redirect(report)
    form = FORMS.get(move, ConcernMoveForm)(request.POST, note_required=rule.note_required, prefix=move)
    if not form.is_valid():
        return concern_page(request, report, bound=(move, form))
    try:
        services.apply_concern_move(report, actor=request.user, move=move, **form.move_arguments())
    except LadderError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Done: %(step)s.") % {"step": Move(move).label.lower()})
    return redirect(report)


@login_required
@require_POST
def refer(request, reference):
    """Refer a complaint to the safeguarding team: it leaves the ladder."""
    report = _get_report_for_user(request, reference, "reports.refer_to_safeguarding")
    form = ReferForm(request.POST, prefix="refer")
    if not form.is_valid():
        messages.error(request, _("Please say why you are referring it."))
        return redirect(report)
    try:
        report = services.refer(
            report,
            actor=request.user,
            reason=form.cleaned_data["reason"],
            tell_reporter=form.cleaned_data["tell_reporter"],
        )
    except LadderError as refusal:
        messages.error(request, str(refusal))
        return redirect(report)
    messages.success(request, _("Referred to the safeguarding team, who have been told. It has left your queue."))
    if request.user.has_perm("reports.view_report", report):
        return redirect(report)
    return redirect("reports-queue")


@login_required
@permission_required("safeguarding.view_list", raise_exception=True)
@never_cache
def concern_list(request):
    """The safeguarding team's concerns: the ones not yet acknowledged first, then the newest."""
    from django.db.models import Case, IntegerField, Value, When

    concerns = (
        Report.objects.readable_by(request.user)
        .filter(track=Report.Track.SAFEGUARDING)
        .select_related("concern", "school_class")
        .annotate(waiting=Case(When(status=Status.NEW, then=Value(0)), default=Value(1), output_field=IntegerField()))
        .order_by("waiting", "-created_at")
    )
    return render(request, "safeguarding/list.html", {"concerns": concerns, "now": timezone.now()})


def unacknowledged_count(user):
    """The menu's badge for the safeguarding team."""
    return (
        Report.objects.readable_by(user).filter(track=Report.Track.SAFEGUARDING, status=Status.NEW).count()
        if user.has_perm("safeguarding.view_list")
        else 0
    )
