"""Who may sit on a complaints panel. Plain: no database.

The Department for Education's model procedure and the Independent School
Standards (Part 7, for academies) ask for a panel of at least three people
with no part in the matter, at least one of them independent of the
management and running of the school. The numbers are settings
(PANEL_MIN_MEMBERS, PANEL_MIN_INDEPENDENT).
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def panel_problems(governors, independent_members, *, barred, min_members, min_independent):
    """What is wrong with this panel, in plain words; empty when it may sit.

    ``barred``: {person pk: why they may not sit}, for the people who acted on
    the report, whom it concerns, and the headteacher.
    """
    problems = [
        _("%(person)s may not sit: %(reason)s.") % {"person": person, "reason": barred[person.pk]}
        for person in governors
        if person.pk in barred
    ]
    size = len(governors) + len(independent_members)
    if size < min_members:
        problems.append(
            ngettext(
                "A panel needs at least %(count)d member; this one has %(size)d.",
                "A panel needs at least %(count)d members; this one has %(size)d.",
                min_members,
            )
            % {"count": min_members, "size": size}
        )
    if len(independent_members) < min_independent:
        problems.append(
            ngettext(
                "At least %(count)d member must be independent of the management and running of the school.",
                "At least %(count)d members must be independent of the management and running of the school.",
                min_independent,
            )
            % {"count": min_independent}
        )
    return problems
