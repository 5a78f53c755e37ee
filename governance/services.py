from django.conf import settings
from django.utils.translation import gettext as _

from accounts.models import User
from reports.ladder import LadderError

from .models import Panel
from .rules import panel_problems


def barred_from(report):
    """{person pk: why}: whoever made the report or acted on it, whom it concerns, the headteacher."""
    barred = {}
    if report.reporter_id:
        barred[report.reporter_id] = _("they made the report")
    for actor_id in report.events.exclude(actor=report.reporter_id).values_list("actor", flat=True):
        if actor_id:
            barred[actor_id] = _("they acted on this report")
    if report.concerns_staff_id:
        barred[report.concerns_staff_id] = _("the report is about them")
    for head in User.objects.filter(is_headteacher=True).values_list("pk", flat=True):
        barred[head] = _("the headteacher does not sit on a complaints panel")
    return barred


def arrange_panel(report, actor, *, governors, independent_members):
    """Check the panel against the rules and keep it; raise LadderError listing every problem."""
    governors, independent_members = list(governors), list(independent_members)
    problems = panel_problems(
        governors,
        independent_members,
        barred=barred_from(report),
        min_members=settings.PANEL_MIN_MEMBERS,
        min_independent=settings.PANEL_MIN_INDEPENDENT,
    )
    if problems:
        raise LadderError(" ".join(problems))
    panel, _created = Panel.objects.update_or_create(report=report, defaults={"arranged_by": actor})
    panel.governors.set(governors)
    panel.independent_members.set(independent_members)
    return panel
