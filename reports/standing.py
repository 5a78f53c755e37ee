"""Where a report stands, in one sentence a parent can act on: who acts next, and by when.

"Waiting for you: the class teacher asked a question on 3 December." Plain:
the report's own fields in (with ``held_by``, who holds it, written with its
holders), a sentence out. The same sentence heads the report's page, each row
of "My reports", and the emails about it.
"""

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .deadlines import DueFor
from .ladder import Stage, Status

NEXT_STEP_AFTER_THE_SCHOOL = {
    "maintained": gettext_lazy("the Department for Education's School Complaints Unit (www.gov.uk/complain-to-dfe)"),
    "academy": gettext_lazy(
        "the Department for Education, which looks at complaints about academies (www.gov.uk/complain-to-dfe)"
    ),
}


def _day(day):
    return date_format(day, "l j E") if day else ""


def holder_words(report):
    """Who holds it: "the class teacher", "the school office", "the clerk to the governors"…"""
    if report.held_by:
        return str(report.HeldBy(report.held_by).label)
    return {
        Stage.CLASS_TEACHER: _("the class teacher"),
        Stage.OFFICE_LEADERSHIP: _("the school office"),
        Stage.GOVERNORS: _("the governors"),
    }[report.stage]


def role_words(person, report, teaches_the_class=None):
    """A member of staff's part in the school, as a parent reads it: "the class teacher", "the school office"…

    ``teaches_the_class``: whether ``person`` teaches the report's class, when the caller knows.
    """
    from accounts.models import StaffGroup
    from conduct_portal import small_tables

    if person is None:
        return _("the school")
    if teaches_the_class is None:
        teaches_the_class = (report.school_class_id, person.pk) in small_tables.rows("class_teachers")
    if teaches_the_class:
        return _("the class teacher")
    in_the_table = small_tables.by_pk("staff").get(person.pk)
    groups = (in_the_table or person).staff_groups()  # someone who has left: their groups from the database
    if person.is_headteacher:
        return _("the headteacher")
    for group, words in (
        (StaffGroup.CLERK, _("the clerk to the governors")),
        (StaffGroup.OFFICE, _("the school office")),
        (StaffGroup.LEADERSHIP, _("the leadership team")),
        (StaffGroup.GOVERNORS, _("the governors")),
        (StaffGroup.TEACHERS, _("a teacher")),
    ):
        if group in groups:
            return words
    return _("the school")


def next_step_after_the_school():
    return NEXT_STEP_AFTER_THE_SCHOOL.get(settings.SCHOOL_TYPE, NEXT_STEP_AFTER_THE_SCHOOL["maintained"])


def where_it_stands(report, asked_on=None):
    """Where ``report`` stands, for the person who made it. ``asked_on``: the day staff asked them a question."""
    return capitalised(sentence(report, asked_on))


def sentence(report, asked_on=None):
    holder, due = holder_words(report), report.due_on
    if report.is_safeguarding:
        return _("It is with the school's safeguarding team.")
    if report.status == Status.WITHDRAWN:
        return _("You withdrew it on %(day)s. Nothing more will happen to it.") % {"day": _day(report.ended_on)}
    if report.closed_as:
        return closed_sentence(report)
    if report.status == Status.CLOSED:
        return _(
            "Closed on %(day)s with the governors' decision, which ends the school's complaints procedure. If you "
            "think the school did not follow its procedure, you can contact %(next)s."
        ) % {"day": _day(report.ended_on), "next": next_step_after_the_school()}
    if report.status == Status.RESOLVED:
        if report.due_for == DueFor.ESCALATE and due:
            return _("Resolved on %(day)s. If you are not satisfied, you can still escalate it until %(until)s.") % {
                "day": _day(report.ended_on), "until": _day(due)}  # fmt: skip
        return _("Resolved on %(day)s.") % {"day": _day(report.ended_on)}
    if report.awaiting_reporter:
        return _("Waiting for you: %(holder)s asked you a question on %(day)s. Please answer it below.") % {
            "holder": holder, "day": _day(asked_on)}  # fmt: skip
    if report.status == Status.RESPONDED:
        return _(
            "%(holder)s replied on %(day)s. If you are not satisfied, you can escalate it until %(until)s; "
            "if you are, you can mark it resolved."
        ) % {"holder": holder, "day": _day(report.responded_on), "until": _day(due)}
    if report.stage == Stage.GOVERNORS and report.panel_on:
        return _("A governors' panel meets on %(day)s; the clerk will send you its decision by %(by)s.") % {
            "day": _day(report.panel_on), "by": _day(due)}  # fmt: skip
    if report.status == Status.NEW:
        return _("With %(holder)s, who will acknowledge it by %(by)s.") % {"holder": holder, "by": _day(due)}
    if report.stage == Stage.GOVERNORS:
        return _("With %(holder)s, who will arrange a governors' panel by %(by)s.") % {"holder": holder,
                                                                                      "by": _day(due)}  # fmt: skip
    return _("%(holder)s is looking into it and will reply by %(by)s.") % {"holder": holder, "by": _day(due)}


def closed_sentence(report):
    """Why a report was closed without a decision on it, and where the reporter can go."""
    day = _day(report.ended_on)
    ClosedAs = type(report).ClosedAs
    if report.closed_as == ClosedAs.OTHER_PROCEDURE:
        from .procedures import PROCEDURE_NAMES

        return _(
            "Closed on %(day)s: it is a matter for another procedure (%(procedure)s), which the complaints "
            "procedure cannot replace. Please go to %(where)s."
        ) % {
            "day": day,
            "procedure": PROCEDURE_NAMES.get(report.other_procedure, report.other_procedure),
            "where": settings.OTHER_PROCEDURES.get(report.other_procedure, _("the school office")),
        }
    if report.closed_as == ClosedAs.LINKED:
        return _(
            "Closed on %(day)s: it is about the same matter as an earlier report, and the school is dealing with "
            "it there."
        ) % {"day": day}
    if report.closed_as == ClosedAs.PROCEDURE_COMPLETED:
        return _(
            "Closed on %(day)s: this matter has already been through the whole complaints procedure, which has "
            "ended. If you think the school did not follow its procedure, you can contact %(next)s."
        ) % {"day": day, "next": next_step_after_the_school()}
    return _(
        "Closed on %(day)s: it is about something that happened longer ago than the complaints procedure's time "
        "limit. The letter below says why."
    ) % {"day": day}


def capitalised(text):
    return text[:1].upper() + text[1:]
