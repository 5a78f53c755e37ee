"""Keeping the ``Holding`` rows equal to ``routing.holders_for``.

``sync`` runs inside every move's transaction, so a report's holders change
with the move that changed them. ``resync`` runs when people change: someone
joins or leaves a staff group or a class, or is switched off. The signal
handlers at the end call it; a bulk change that sends no signals (the
directory import) calls it itself.
"""

from django.db.models import Q
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.utils import timezone

from accounts.models import User
from school.models import SchoolClass

from .ladder import OPEN
from .models import Holding, Report
from .routing import Directory, held_by, holders_for


def _apply(changes, *, event=None):
    """``changes``: (report, wanted person pks, current person pks, may_add). One UPDATE and one INSERT."""
    now = timezone.now()
    ended = Q(pk__in=[])
    new = []
    for report, wanted, current, may_add in changes:
        gone = current - wanted
        if gone:
            ended |= Q(report=report, person_id__in=gone)
        if may_add:
            new += [Holding(report=report, person_id=pk, started_by=event, started_at=now) for pk in wanted - current]
    Holding.objects.current().filter(ended).update(ended_at=now, ended_by=event)
    Holding.objects.bulk_create(new)


def sync(report, event, directory=None, current=None):
    """Make ``report``'s current holders those routing names; ``event`` is the move that changed them.

    ``current``: the pks of the people holding it now, when the caller knows (a new report: nobody).
    Returns the people who hold it now and did not before: they are told it reached them.
    """
    directory = directory or Directory.load()
    people = holders_for(report, directory)
    holders = {person.pk: person for person in people}
    if current is None:
        current = set(report.holdings.current().values_list("person_id", flat=True))
    if holders.keys() != current:
        _apply([(report, set(holders), current, True)], event=event)
    words = held_by(report, people, directory)
    if report.held_by != words:
        report.held_by = words
        type(report).objects.filter(pk=report.pk).update(held_by=words)
    return [person for pk, person in holders.items() if pk not in current]


def current_holders(report):
    """The people holding ``report`` now, as the Holding rows say."""
    return list(User.objects.filter(holdings__report=report, holdings__ended_at__isnull=True).order_by("email"))


def resync(reports=None, people=()):
    """Bring current holdings in line with the directory after people changed roles.

    Looks at every open report (or ``reports``, when given) and every report
    ``people`` hold. Holdings ended here leave no view
    of the report: the person left the role, the report did not move. An
    ended report gains no new holders.
    """
    if reports is None:
        reports = Report.objects.filter(status__in=OPEN)
    person_ids = [person.pk for person in people]
    scope = Report.objects.filter(
        Q(pk__in=reports.values("pk"))
        | Q(holdings__person__in=person_ids, holdings__ended_at__isnull=True)
        | Q(assignee__in=person_ids, status__in=OPEN)
    ).distinct()
    scope = list(scope.select_related("assignee"))
    current = {}
    for report_id, person_id in Holding.objects.current().filter(report__in=scope).values_list("report", "person"):
        current.setdefault(report_id, set()).add(person_id)
    directory = Directory.load()
    changes, words = [], {}
    for report in scope:
        people = holders_for(report, directory)
        wanted = {person.pk for person in people}
        held = current.get(report.pk, set())
        if wanted != held:
            changes.append((report, wanted, held, report.status in OPEN))
        if report.status in OPEN and (kind := held_by(report, people, directory)) != report.held_by:
            words.setdefault(kind, []).append(report.pk)
    if changes:
        _apply(changes)
    for kind, report_ids in words.items():
        Report.objects.filter(pk__in=report_ids).update(held_by=kind)
    return len(changes)


# --- when people change -------------------------------------------------------------------


def _group_membership_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action == "pre_clear" and reverse:
        instance._members_before_clear = list(instance.user_set.all())
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        people = [instance]
    elif action == "post_clear":
        people = getattr(instance, "_members_before_clear", [])
    else:
        people = list(User.objects.filter(pk__in=pk_set))
    for person in people:
        person.__dict__.pop("_staff_groups", None)
    resync(people=people)


def _class_teachers_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action == "pre_clear":
        instance._teachers_before_clear = list(instance.classes_taught.all() if reverse else instance.teachers.all())
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:  # instance is a user; pk_set holds classes
        people, class_ids = [instance], pk_set or [c.pk for c in getattr(instance, "_teachers_before_clear", [])]
    else:
        class_ids = [instance.pk]
        people = list(User.objects.filter(pk__in=pk_set)) if pk_set else getattr(instance, "_teachers_before_clear", [])
    reports = Report.objects.filter(status__in=OPEN, assignee__isnull=True, school_class__in=class_ids)
    resync(reports=reports, people=people)


def _note_switch(sender, instance, update_fields=None, **kwargs):
    if instance.pk is None or (update_fields is not None and "is_active" not in update_fields):
        return
    before = User.objects.filter(pk=instance.pk).values_list("is_active", flat=True).first()
    instance._switched = before is not None and before != instance.is_active


def _user_switched(sender, instance, **kwargs):
    if instance.__dict__.pop("_switched", False):
        resync(people=[instance])


def connect_signals():
    m2m_changed.connect(_group_membership_changed, sender=User.groups.through, dispatch_uid="holdings-groups")
    m2m_changed.connect(_class_teachers_changed, sender=SchoolClass.teachers.through, dispatch_uid="holdings-classes")
    pre_save.connect(_note_switch, sender=User, dispatch_uid="holdings-note-switch")
    post_save.connect(_user_switched, sender=User, dispatch_uid="holdings-switched")
