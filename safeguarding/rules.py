"""What each person may do with a safeguarding concern. Plain: no database, no clock.

A concern has no ladder and no school-day deadlines: the safeguarding team
acknowledges it, writes notes, records what was done (a referral to children's
social care, the police, early help, the local authority designated officer),
adds colleagues to it by name, and closes it with the outcome. The person who
raised it may add information; they never see the team's notes or actions.
"""

from dataclasses import dataclass

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _

from reports.ladder import LadderError, Move, Status


class Part(TextChoices):
    """Who someone is to a concern (the access policy says who has which part)."""

    TEAM = "safeguarding_team", _("Safeguarding team")
    COLLEAGUE = "added_colleague", _("Added by the safeguarding team")
    CASE_MANAGER = "case_manager", _("Case manager")
    REPORTER = "reporter", _("Reporter")  # the same value as the ladder's reporter


class ActionKind(TextChoices):
    SOCIAL_CARE = "social_care", _("Referral to children's social care")
    POLICE = "police", _("Report to the police")
    EARLY_HELP = "early_help", _("Early help")
    LADO = "lado", _("Referral to the local authority designated officer (LADO)")
    OTHER = "other", _("Something else")


OPEN = frozenset({Status.NEW, Status.ACKNOWLEDGED})


@dataclass(frozen=True)
class Rule:
    move: Move
    parts: frozenset
    statuses: frozenset
    note_required: bool = False
    visible_to_reporter: bool = False


RULES = (
    Rule(Move.ACKNOWLEDGE, frozenset({Part.TEAM}), frozenset({Status.NEW}), visible_to_reporter=True),
    Rule(Move.NOTE, frozenset({Part.TEAM, Part.COLLEAGUE, Part.CASE_MANAGER}), OPEN, note_required=True),
    Rule(Move.RECORD_ACTION, frozenset({Part.TEAM, Part.CASE_MANAGER}), OPEN),
    Rule(Move.ADD_COLLEAGUE, frozenset({Part.TEAM}), OPEN, note_required=True),
    Rule(Move.ADD_INFO, frozenset({Part.REPORTER}), OPEN, note_required=True, visible_to_reporter=True),
    Rule(Move.CLOSE, frozenset({Part.TEAM}), frozenset({Status.ACKNOWLEDGED}), note_required=True),
)
MOVES = frozenset(rule.move for rule in RULES)


def allowed_moves(status, parts):
    return [rule.move for rule in RULES if status in rule.statuses and rule.parts & frozenset(parts)]


def find_rule(status, parts, move):
    """The rule that allows ``move``, or LadderError saying why not."""
    for rule in RULES:
        if rule.move == move and rule.parts & frozenset(parts):
            if status in rule.statuses:
                return rule
            if status == Status.CLOSED:
                raise LadderError(_("This concern is closed: nothing more can be done to it."))
            raise LadderError(_("Acknowledge the concern first."))
    raise LadderError(_("That step is for the safeguarding team."))
