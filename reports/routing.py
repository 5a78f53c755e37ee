"""Who holds a report, and where a report entering a stage goes.

The policy's ladder: the class teacher; the school office, who pass it to a
member of the leadership team; the governors. A report naming no class (or a
class with no teacher) is held by the office at the first stage, who assign it.
Conflict of interest: a report about the member of staff who would handle it
goes past them; one about the headteacher goes straight to the chair of
governors.
"""

from django.db.models import Exists, OuterRef, Q

from accounts.models import StaffGroup, User
from school.models import SchoolClass

from .ladder import NEXT_STAGE, Stage

TEACHES = SchoolClass.teachers.through


def stage_people(report, stage):
    """Everyone who handles ``stage`` for this report when no one is assigned, less the person it concerns."""
    if stage == Stage.CLASS_TEACHER:
        people = list(report.school_class.teachers.filter(is_active=True)) if report.school_class_id else []
        people = people or list(User.objects.in_group(StaffGroup.OFFICE))
    elif stage == Stage.OFFICE_LEADERSHIP:
        office = _without_concerned(report, User.objects.in_group(StaffGroup.OFFICE))
        return office or _without_concerned(report, User.objects.in_group(StaffGroup.LEADERSHIP))
    else:
        people = list(User.objects.in_group(StaffGroup.GOVERNORS))
    return _without_concerned(report, people)


def _without_concerned(report, people):
    return [person for person in people if person.pk != report.concerns_staff_id]


def holders(report):
    """The people who hold the report now."""
    if report.assignee_id:
        return [report.assignee]
    return stage_people(report, report.stage)


def entry(report, stage):
    """Where a report entering ``stage`` goes: (stage, assignee or None)."""
    concerned = report.concerns_staff
    if concerned is not None and concerned.is_headteacher:
        chair = User.objects.filter(is_chair_of_governors=True, is_active=True).exclude(pk=concerned.pk).first()
        return Stage.GOVERNORS, chair
    teaches_the_class = (
        stage == Stage.CLASS_TEACHER
        and concerned is not None
        and report.school_class_id
        and report.school_class.teachers.filter(pk=concerned.pk).exists()
    )
    if teaches_the_class:
        return entry(report, NEXT_STAGE[stage])
    if stage in NEXT_STAGE and not stage_people(report, stage):
        return entry(report, NEXT_STAGE[stage])
    return stage, None


def eligible_assignees(report):
    """Whom a report may be reassigned to within its stage."""
    stage = report.stage
    if stage == Stage.CLASS_TEACHER:
        people = User.objects.in_group(StaffGroup.TEACHERS)
    elif stage == Stage.OFFICE_LEADERSHIP:
        people = User.objects.filter(groups__name__in=[StaffGroup.OFFICE, StaffGroup.LEADERSHIP], is_active=True)
    else:
        people = User.objects.in_group(StaffGroup.GOVERNORS)
    return people.exclude(pk=report.concerns_staff_id).distinct().order_by("full_name", "email")


def held_by_filter(user):
    """A Q for the reports ``user`` holds: assigned to them, or unassigned at a stage they handle."""
    groups = user.staff_groups()
    teaches = Exists(TEACHES.objects.filter(schoolclass=OuterRef("school_class"), user=user))
    unassigned_stage = Q(stage=Stage.CLASS_TEACHER) & Q(teaches)
    if StaffGroup.OFFICE in groups:
        has_teacher = Exists(TEACHES.objects.filter(schoolclass=OuterRef("school_class"), user__is_active=True))
        unassigned_stage |= Q(stage=Stage.CLASS_TEACHER) & ~Q(has_teacher)
        unassigned_stage |= Q(stage=Stage.OFFICE_LEADERSHIP)
    if StaffGroup.LEADERSHIP in groups and not User.objects.in_group(StaffGroup.OFFICE).exists():
        unassigned_stage |= Q(stage=Stage.OFFICE_LEADERSHIP)  # no office staff: the leadership team holds it
    if StaffGroup.GOVERNORS in groups:
        unassigned_stage |= Q(stage=Stage.GOVERNORS)
    unassigned = Q(assignee__isnull=True) & unassigned_stage & ~Q(concerns_staff=user)
    return Q(assignee=user) | unassigned
