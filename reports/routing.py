"""Who holds a report, and where a report entering a stage goes.

The policy's ladder: the class teacher; the school office, who pass it to a
member of the leadership team; the governors. This module is the one
definition of who holds a report: ``holders_for``. ``reports.holdings`` writes
its answer down (the ``Holding`` rows) every time it may have changed, and the
queue, the per-report check, the notifications and the reminders all read
those rows, so they cannot disagree.

At each stage, when no one is assigned:

- class teacher: the class's (active) teachers; a report naming no class, or a
  class with no teacher, is held by the office, who pass it on;
- office and leadership: the office; with no office staff, the leadership team;
- governors: the clerk to the governors, who arranges the panel; with no clerk, the governors.

Nobody holds a report they made or that concerns them: the next people in
that list hold it instead. A report about the class teacher goes past them; one
about the headteacher goes straight to the chair of governors.
"""

from dataclasses import dataclass, field

from accounts.models import StaffGroup, User
from school.models import SchoolClass

from .ladder import NEXT_STAGE, Stage

TEACHES = SchoolClass.teachers.through


@dataclass
class Directory:
    """The active members of each staff group and each class's active teachers: what routing reads.

    Loaded in two queries, so that routing many reports at once asks the
    database nothing per report.
    """

    members: dict = field(default_factory=dict)  # group name -> [User]
    teachers: dict = field(default_factory=dict)  # class pk -> [User]

    @classmethod
    def load(cls):
        directory = cls({name: [] for name in StaffGroup.values}, {})
        memberships = User.groups.through.objects.filter(
            group__name__in=StaffGroup.values, user__is_active=True
        ).select_related("user", "group")
        for membership in memberships.order_by("user__full_name", "user__email"):
            directory.members[membership.group.name].append(membership.user)
        for teaching in TEACHES.objects.filter(user__is_active=True).select_related("user").order_by("user__email"):
            directory.teachers.setdefault(teaching.schoolclass_id, []).append(teaching.user)
        return directory

    def group(self, name):
        return self.members.get(name, [])


def _parties(report):
    """The people who may never hold ``report``: whoever made it, and the member of staff it concerns."""
    return {report.reporter_id, report.concerns_staff_id} - {None}


def _first_with_people(report, *lists):
    parties = _parties(report)
    for people in lists:
        eligible = [person for person in people if person.pk not in parties]
        if eligible:
            return eligible
    return []


def stage_people(report, stage, directory):
    """Everyone who handles ``stage`` for this report when no one is assigned to it."""
    office, leadership = directory.group(StaffGroup.OFFICE), directory.group(StaffGroup.LEADERSHIP)
    if stage == Stage.CLASS_TEACHER:
        return _first_with_people(report, directory.teachers.get(report.school_class_id, []), office)
    if stage == Stage.OFFICE_LEADERSHIP:
        return _first_with_people(report, office, leadership)
    return _first_with_people(report, directory.group(StaffGroup.CLERK), directory.group(StaffGroup.GOVERNORS))


def holders_for(report, directory):
    """The people who hold ``report`` now: its assignee, or everyone who handles its stage.

    Nobody holds a safeguarding concern on the ladder: it is the safeguarding team's (access.visibility).
    """
    if report.track != "complaint":
        return []
    assignee = report.assignee
    if assignee is not None and assignee.is_active and assignee.pk not in _parties(report):
        return [assignee]
    people = stage_people(report, report.stage, directory)
    if not people and report.stage != Stage.GOVERNORS:
        # Nobody left at this stage (people changed since it arrived): the leadership team, who oversee it.
        people = _first_with_people(report, directory.group(StaffGroup.LEADERSHIP))
    return people


def entry(report, stage, directory):
    """Where a report entering ``stage`` goes: (stage, assignee or None)."""
    concerned = report.concerns_staff
    if concerned is not None and concerned.is_headteacher:
        chair = User.objects.filter(is_chair_of_governors=True, is_active=True).exclude(pk=concerned.pk).first()
        return Stage.GOVERNORS, chair
    teaches_the_class = (
        stage == Stage.CLASS_TEACHER
        and concerned is not None
        and any(person.pk == concerned.pk for person in directory.teachers.get(report.school_class_id, []))
    )
    if teaches_the_class or (stage in NEXT_STAGE and not stage_people(report, stage, directory)):
        return entry(report, NEXT_STAGE[stage], directory)
    return stage, None


ASSIGNEE_GROUPS = {
    Stage.CLASS_TEACHER: {StaffGroup.TEACHERS},
    Stage.OFFICE_LEADERSHIP: {StaffGroup.OFFICE, StaffGroup.LEADERSHIP},
    Stage.GOVERNORS: {StaffGroup.CLERK, StaffGroup.GOVERNORS},
}


def eligible_assignees(report):
    """Whom a report may be passed to within its stage: an active member of the stage's groups, not a party."""
    people = User.objects.filter(groups__name__in=ASSIGNEE_GROUPS[report.stage], is_active=True)
    return people.exclude(pk__in=_parties(report)).distinct().order_by("full_name", "email")


def may_be_assigned(person, report):
    """``eligible_assignees`` asked of one member of staff already in hand (the staff table's rows)."""
    return (
        person.is_active
        and bool(person.staff_groups() & ASSIGNEE_GROUPS[report.stage])
        and person.pk not in _parties(report)
    )


def held_by(report, holders, directory):
    """Who holds ``report``, in the words its reporter reads (Report.HeldBy)."""
    kinds = report.HeldBy
    if report.track != "complaint":
        return kinds.SAFEGUARDING
    people = {person.pk for person in holders}
    in_group = {name: people & {member.pk for member in directory.group(name)} for name in StaffGroup.values}
    if report.stage == Stage.GOVERNORS:
        if in_group[StaffGroup.CLERK]:
            return kinds.CLERK
        if len(holders) == 1 and holders[0].is_chair_of_governors:
            return kinds.CHAIR
        return kinds.GOVERNORS
    if report.stage == Stage.CLASS_TEACHER and people & {
        t.pk for t in directory.teachers.get(report.school_class_id, [])
    }:
        return kinds.CLASS_TEACHER
    if len(holders) == 1 and holders[0].is_headteacher:
        return kinds.HEADTEACHER
    if in_group[StaffGroup.OFFICE]:
        return kinds.OFFICE
    return kinds.LEADERSHIP
