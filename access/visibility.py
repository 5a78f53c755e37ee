"""How much of a report each person may see: the grants.

A grant is one condition on a report, for one person, and what it opens:
that the report exists (its reference and place on the ladder), or what it
says with some of its timeline. The list pages filter by the union of a
person's grants; the check for one report evaluates the very same conditions
on that report, in one query. So a list can never show what the report page
would refuse, or the other way round.

Nobody is granted anything about a report that concerns them.

| grant          | who                                              | timeline                                  |
|----------------|--------------------------------------------------|-------------------------------------------|
| reporter       | whoever made it                                  | what the reporter is shown                |
| holder         | the people holding it now (reports.routing)      | all of it (governors: from their stage)   |
| leadership     | the leadership team, below the governors' stage  | all of it                                 |
| governors      | the chair and the clerk once it reached them;    | what the reporter saw, then their stage   |
|                | another governor once they sit on its panel      |                                           |
| former holder  | someone a move took it from                      | up to that move, and the outcome          |
| past oversight | the leadership team, after it went to governors  | up to that escalation, and the outcome    |
| administrator  | a superuser                                      | none: that it exists, never what it says  |

A safeguarding concern (``track`` safeguarding) is shut to every grant above
but the reporter's and the administrator's, and open to these:

| grant                 | who                                                  | timeline                  |
|-----------------------|------------------------------------------------------|---------------------------|
| safeguarding team     | the Safeguarding group                               | all of it                 |
| added colleague       | someone the team added to that one concern, by name  | all of it                 |
| case manager          | the head (or chair) for an allegation against staff  | all of it                 |
| admin: that it exists | the office, the leadership team (the admin's users)  | none                      |
| referred              | whoever held it on the ladder before it was referred | none: a line in the queue |

The safeguarding team also reads complaints in categories that alert it
(``Category.alerts_safeguarding``), so that they may refer them.
"""

import functools
from dataclasses import dataclass, field
from enum import IntEnum

from django.db import connection
from django.db.models import BooleanField, Case, Exists, OuterRef, Q, Subquery, Value, When

from accounts.models import StaffGroup
from conduct_portal.statements import compiled
from governance.models import Panel
from reports.ladder import LOWER, Move, Role, Stage
from reports.models import Holding, Report, ReportEvent
from safeguarding.models import Concern, ConcernAccess
from safeguarding.rules import Part

NOTHING = Q(pk__in=[])


class Sight(IntEnum):
    NONE = 0
    EXISTS = 1  # the reference, where it is on the ladder and its dates: never what it says
    READ = 2  # what it says, its files, and the part of its timeline the grant opens


class Timeline:
    ALL = "all"
    REPORTER = "reporter"
    UNTIL = "until"  # up to a cutoff event, and the outcome
    GOVERNORS = "governors"  # what the reporter saw, then everything from the governors' stage


@dataclass(frozen=True)
class Grant:
    name: str
    sight: Sight
    timeline: str | None = None
    role: Role | None = None


REPORTER = Grant("reporter", Sight.READ, Timeline.REPORTER, Role.REPORTER)
HOLDER = Grant("holder", Sight.READ, Timeline.ALL, Role.HANDLER)
LEADERSHIP = Grant("leadership", Sight.READ, Timeline.ALL, Role.LEADERSHIP)
GOVERNORS = Grant("governors", Sight.READ, Timeline.GOVERNORS)
FORMER_HOLDER = Grant("former_holder", Sight.READ, Timeline.UNTIL)
PAST_OVERSIGHT = Grant("past_oversight", Sight.READ, Timeline.UNTIL)
ADMINISTRATOR = Grant("administrator", Sight.EXISTS)
SAFEGUARDING_TEAM = Grant("safeguarding_team", Sight.READ, Timeline.ALL, Part.TEAM)
ADDED_COLLEAGUE = Grant("added_colleague", Sight.READ, Timeline.ALL, Part.COLLEAGUE)
CASE_MANAGER = Grant("case_manager", Sight.READ, Timeline.ALL, Part.CASE_MANAGER)
CONCERN_EXISTS = Grant("concern_exists", Sight.EXISTS)
REFERRED = Grant("referred", Sight.EXISTS)
COMPLAINT = Q(track=Report.Track.COMPLAINT)
CONCERN = Q(track=Report.Track.SAFEGUARDING)


@dataclass(frozen=True)
class Person:
    """Who someone is, as far as their grants go: everything ``conditions`` reads of them."""

    pk: int
    groups: frozenset
    is_staff: bool
    is_superuser: bool
    is_chair_of_governors: bool

    @classmethod
    def of(cls, user):
        return cls(user.pk, user.staff_groups(), user.is_staff, user.is_superuser, user.is_chair_of_governors)

    def in_group(self, name):
        return name in self.groups


def _holds_now(person):
    return Exists(Holding.objects.current().filter(report=OuterRef("pk"), person=person.pk))


def _last_holding_ended_by(person):
    """The move that last took the report from ``person`` (None if none did)."""
    ended = Holding.objects.filter(report=OuterRef("pk"), person=person.pk, ended_by__isnull=False)
    return Subquery(ended.order_by("-ended_by").values("ended_by")[:1])


def _escalated_to_governors():
    """The move that took the report from a lower stage to the governors (None if it never did)."""
    moves = ReportEvent.objects.filter(report=OuterRef("pk"), to_stage=Stage.GOVERNORS, from_stage__in=LOWER)
    return Subquery(moves.order_by("pk").values("pk")[:1])


def _entered_governors():
    """The event with which the report reached the governors (its submission, for one about the head)."""
    moves = ReportEvent.objects.filter(report=OuterRef("pk"), to_stage=Stage.GOVERNORS).exclude(
        from_stage=Stage.GOVERNORS
    )
    return Subquery(moves.order_by("pk").values("pk")[:1])


def conditions(user):
    """Each grant's condition on a report, for ``user``: {grant: Q}. Empty for someone who may see nothing."""
    if not user.is_authenticated or not user.is_active:
        return {}
    return dict(_conditions(Person.of(user)))


@functools.lru_cache(maxsize=512)
def _conditions(person):
    """``conditions``, built once per process for each ``person`` (they depend on nothing else): share, never change."""
    held_before = _held_before(person.pk)
    found = {
        REPORTER: Q(reporter=person.pk),
        HOLDER: COMPLAINT & Q(_holds_now(person)),
        FORMER_HOLDER: COMPLAINT & held_before,
        REFERRED: _referred(held_before),
        ADDED_COLLEAGUE: CONCERN & Q(Exists(ConcernAccess.objects.filter(concern=OuterRef("pk"), person=person.pk))),
        CASE_MANAGER: CONCERN & Q(Exists(Concern.objects.filter(report=OuterRef("pk"), case_manager=person.pk))),
    }
    if person.in_group(StaffGroup.LEADERSHIP):
        found[LEADERSHIP] = COMPLAINT & Q(stage__in=LOWER)
        found[PAST_OVERSIGHT] = (
            COMPLAINT
            & Q(stage=Stage.GOVERNORS)
            & Q(
                Exists(
                    ReportEvent.objects.filter(report=OuterRef("pk"), to_stage=Stage.GOVERNORS, from_stage__in=LOWER)
                )
            )
        )
    if person.in_group(StaffGroup.CLERK) or (person.in_group(StaffGroup.GOVERNORS) and person.is_chair_of_governors):
        found[GOVERNORS] = COMPLAINT & Q(stage=Stage.GOVERNORS)
    elif person.in_group(StaffGroup.GOVERNORS):  # a governor reads a complaint once they sit on its panel
        on_panel = Panel.governors.through.objects.filter(panel=OuterRef("pk"), user=person.pk)
        found[GOVERNORS] = COMPLAINT & Q(stage=Stage.GOVERNORS) & Q(Exists(on_panel))
    if person.in_group(StaffGroup.SAFEGUARDING):
        alerting = Report.categories.through.objects.filter(report=OuterRef("pk"), category__alerts_safeguarding=True)
        found[SAFEGUARDING_TEAM] = CONCERN | (COMPLAINT & Q(Exists(alerting)))
    if person.is_staff:
        found[CONCERN_EXISTS] = CONCERN
    if person.is_superuser:
        found[ADMINISTRATOR] = ~NOTHING
    return {grant: condition & _not_about(person.pk) for grant, condition in found.items()}


def _held_before(pk):
    return Q(Exists(Holding.objects.filter(report=OuterRef("pk"), person=pk, ended_by__isnull=False)))


def _referred(held_before):
    return CONCERN & held_before


def _not_about(pk):
    return ~Q(concerns_staff=pk)


def _union(user, sight):
    found = {grant: condition for grant, condition in conditions(user).items() if grant.sight >= sight}
    if ADMINISTRATOR in found:
        # Every report but those about them: each other grant's condition is narrower, and a list
        # filtered by this one alone is read in the order of an index.
        return found[ADMINISTRATOR]
    union = NOTHING
    for condition in found.values():
        union |= condition
    return union


def referred_q(pk):
    """Reports the person ``pk`` held on the ladder until they were referred to safeguarding: the REFERRED grant's
    condition, built alone (the queue asks it on every page; of an active member of staff)."""
    return _referred(_held_before(pk)) & _not_about(pk)


def readable_q(user):
    """Reports ``user`` may read (some of)."""
    return _union(user, Sight.READ)


def listable_q(user):
    """Reports ``user`` may know exist: those they may read, and for an administrator, where every report is."""
    return _union(user, Sight.EXISTS)


@dataclass
class ReportAccess:
    """What one person may see of one report, and who they are to it on the ladder."""

    grants: frozenset = frozenset()
    cutoffs: dict = field(default_factory=dict)  # grant -> event pk

    @property
    def sight(self):
        return max((grant.sight for grant in self.grants), default=Sight.NONE)

    @property
    def can_list(self):
        return self.sight >= Sight.EXISTS

    @property
    def can_read(self):
        return self.sight >= Sight.READ

    @property
    def roles(self):
        return frozenset(grant.role for grant in self.grants if grant.role)

    @property
    def sees_internal_notes(self):
        return any(grant.timeline not in (None, Timeline.REPORTER) for grant in self.grants)

    @property
    def sees_governors_stage(self):
        """Sees what happens at the governors' stage (the panel), not only its outcome."""
        return any(grant.timeline in (Timeline.ALL, Timeline.GOVERNORS, Timeline.REPORTER) for grant in self.grants)

    def event_filter(self):
        """A Q on ReportEvent: the part of the timeline this person may read."""
        union = NOTHING
        for grant in self.grants:
            if grant.timeline == Timeline.ALL:
                return Q()
            if grant.timeline == Timeline.REPORTER:
                union |= Q(visible_to_reporter=True)
            elif grant.timeline == Timeline.UNTIL and self.cutoffs.get(grant):
                union |= Q(pk__lte=self.cutoffs[grant]) | Q(action=Move.RECORD_OUTCOME)
            elif grant.timeline == Timeline.GOVERNORS:
                union |= Q(visible_to_reporter=True)
                if self.cutoffs.get(grant):
                    union |= Q(pk__gte=self.cutoffs[grant])
        return union


NO_ACCESS = ReportAccess()


def report_access(user, report):
    """``user``'s access to ``report``: the grants whose conditions hold, in one query (remembered on the report)."""
    cache = report.__dict__.setdefault("_access", {})
    key = getattr(user, "pk", None)
    if key not in cache:
        cache[key] = _evaluate(user, report)
    return cache[key]


def _evaluate(user, report):
    if not user.is_authenticated or not user.is_active or report.pk is None:
        return NO_ACCESS
    person = Person.of(user)
    sql, params = _grants_statement(person)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, report.pk])
        values = cursor.fetchone()
        names = [column[0] for column in cursor.description]
    if values is None:
        return NO_ACCESS
    return _from_row(_conditions(person), dict(zip(names, values, strict=True)), report)


def _grants_statement(person):
    """The SQL that evaluates each of ``person``'s grants on one report, whose pk is its last parameter."""
    sql, params = compiled(_every_report_with_grants, person)
    return f'SELECT * FROM ({sql}) AS "grants" WHERE "grants"."pk" = %s', params  # noqa: S608 - Django compiled it


def _every_report_with_grants(person):
    annotations = _annotations(person, _conditions(person))
    return Report.objects.order_by().annotate(**annotations).values("pk", *annotations)


def _annotations(person, found):
    flags = {f"_grant_{grant.name}": Case(When(condition, then=Value(True)), default=Value(False),
                                          output_field=BooleanField())
             for grant, condition in found.items()}  # fmt: skip
    return {
        **flags,
        "_former_until": _last_holding_ended_by(person),
        "_escalated": _escalated_to_governors(),
        "_entered": _entered_governors(),
    }


def _from_row(found, row, report):
    grants = frozenset(grant for grant in found if row[f"_grant_{grant.name}"])
    if HOLDER in grants and report.stage == Stage.GOVERNORS:
        grants = grants - {HOLDER} | {Grant("holder", Sight.READ, Timeline.GOVERNORS, Role.HANDLER)}
    cutoffs = {FORMER_HOLDER: row["_former_until"], PAST_OVERSIGHT: row["_escalated"]}
    cutoffs.update({grant: row["_entered"] for grant in grants if grant.timeline == Timeline.GOVERNORS})
    return ReportAccess(grants=grants, cutoffs=cutoffs)


def forget(report):
    """Drop the remembered access answers (after a move changes who may see what)."""
    report.__dict__.pop("_access", None)
