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
from conduct_portal import small_tables

from .ladder import NEXT_STAGE, Stage

# The staff groups routing reads: who holds a report at each stage (teachers are read per class).
ROUTING_GROUPS = [StaffGroup.OFFICE, StaffGroup.LEADERSHIP, StaffGroup.CLERK, StaffGroup.GOVERNORS]


@dataclass
class Directory:
    """What routing reads: the active members of the staff groups it names, and each class's active teachers.

    Read from the small tables of the staff and of who teaches which class (conduct_portal.small_tables), so
    that routing a report, or many at once, asks the database nothing but for a teacher in no staff group. A
    directory loaded for some classes reads another class's teachers when it is first asked for them.
    """

    members: dict = field(default_factory=dict)  # group name -> [User]
    teachers: dict = field(default_factory=dict)  # class pk -> [User]
    every_class: bool = True

    @classmethod
    def load(cls, classes=None):
        """Everything routing reads; ``classes``: the pks of the only classes whose teachers are read now."""
        directory = cls({name: [] for name in ROUTING_GROUPS}, {}, every_class=classes is None)
        for person in small_tables.rows("staff"):  # in the order of their names
            for name in ROUTING_GROUPS:
                if name in person.staff_groups():
                    directory.members[name].append(person)
        directory._load_teachers(classes)
        return directory

    def _load_teachers(self, classes):
        teaching = small_tables.rows("class_teachers")  # (class pk, person pk)
        if classes is not None:
            classes = {pk for pk in classes if pk is not None}
            self.teachers.update({pk: [] for pk in classes})
            teaching = [(class_pk, person_pk) for class_pk, person_pk in teaching if class_pk in classes]
        # The staff table's rows, and from the database an active teacher in no staff group.
        active = User.objects.filter(is_active=True)
        people = small_tables.by_pk_with("staff", {person_pk for _class_pk, person_pk in teaching}, active)
        for class_pk, person_pk in teaching:
            if person_pk in people:
                self.teachers.setdefault(class_pk, []).append(people[person_pk])
        for teachers in self.teachers.values():
            teachers.sort(key=lambda person: person.email)

    def group(self, name):
        return self.members[name]

    def teachers_of(self, class_pk):
        """The class's active teachers (none for no class)."""
        if class_pk is not None and not self.every_class and class_pk not in self.teachers:
            self._load_teachers([class_pk])
        return self.teachers.get(class_pk, [])


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
        return _first_with_people(report, directory.teachers_of(report.school_class_id), office)
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
        and any(person.pk == concerned.pk for person in directory.teachers_of(report.school_class_id))
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
    """``eligible_assignees`` asked of one member of staff already in hand (the staff table's rows): it reads no
    more of the report than ``assignable_by`` returns."""
    return (
        person.is_active
        and bool(person.staff_groups() & ASSIGNEE_GROUPS[report.stage])
        and person.pk not in _parties(report)
    )


def assignable_by(report):
    """What ``may_be_assigned`` reads of ``report``: who may be passed it follows from this and the staff."""
    return report.stage, tuple(sorted(_parties(report)))


def held_by(report, holders, directory):
    """Who holds ``report``, in the words its reporter reads (Report.HeldBy)."""
    kinds = report.HeldBy
    if report.track != "complaint":
        return kinds.SAFEGUARDING
    people = {person.pk for person in holders}
    in_group = {name: people & {member.pk for member in directory.group(name)} for name in ROUTING_GROUPS}
    if report.stage == Stage.GOVERNORS:
        if in_group[StaffGroup.CLERK]:
            return kinds.CLERK
        if len(holders) == 1 and holders[0].is_chair_of_governors:
            return kinds.CHAIR
        return kinds.GOVERNORS
    if report.stage == Stage.CLASS_TEACHER and people & {t.pk for t in directory.teachers_of(report.school_class_id)}:
        return kinds.CLASS_TEACHER
    if len(holders) == 1 and holders[0].is_headteacher:
        return kinds.HEADTEACHER
    if in_group[StaffGroup.OFFICE]:
        return kinds.OFFICE
    return kinds.LEADERSHIP
