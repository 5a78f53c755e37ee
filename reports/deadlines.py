"""Which deadline a report faces next, in school days. Plain: no database, no clock.

The Department for Education's model complaints procedure counts in school
days and leaves the numbers to each school, so the figures are settings
(``Figures.from_settings``).
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .ladder import Stage, Status


@dataclass(frozen=True)
class Figures:
    """The procedure's numbers, in school days (settings; the README names the source of each default)."""

    acknowledge_days: int = 5  # every stage: the holder acknowledges it
    respond_days: int = 10  # the class teacher's and the office's or leadership's response
    urgent_acknowledge_days: int = 1  # an urgent category (images of pupils, threats, security): shorter
    urgent_respond_days: int = 5
    escalate_within_days: int = 10  # the reporter's time to escalate after a response
    panel_within_days: int = 20  # the governors' panel meets within this of the escalation
    outcome_days: int = 5  # the panel's decision is sent within this of its meeting

    @classmethod
    def from_settings(cls, settings):
        return cls(
            acknowledge_days=settings.DEADLINE_ACKNOWLEDGE_DAYS,
            respond_days=settings.DEADLINE_RESPOND_DAYS,
            urgent_acknowledge_days=settings.DEADLINE_URGENT_ACKNOWLEDGE_DAYS,
            urgent_respond_days=settings.DEADLINE_URGENT_RESPOND_DAYS,
            escalate_within_days=settings.DEADLINE_ESCALATE_WITHIN_DAYS,
            panel_within_days=settings.DEADLINE_PANEL_WITHIN_DAYS,
            outcome_days=settings.DEADLINE_OUTCOME_DAYS,
        )


class DueFor:
    ACKNOWLEDGE = "acknowledge"
    RESPOND = "respond"
    PANEL = "panel"
    OUTCOME = "outcome"
    ESCALATE = "escalate"  # the reporter's window, not the holder's deadline

    LABELS = {
        ACKNOWLEDGE: _("Acknowledge"),
        RESPOND: _("Respond"),
        PANEL: _("Arrange the governors' panel"),
        OUTCOME: _("Send the panel's outcome"),
        ESCALATE: _("Escalate if not satisfied"),
    }


@dataclass(frozen=True)
class Deadline:
    due_for: str
    due_on: datetime.date

    @property
    def label(self):
        return DueFor.LABELS[self.due_for]

    @property
    def is_holders(self):
        return self.due_for != DueFor.ESCALATE

    def is_overdue(self, today):
        return self.is_holders and today > self.due_on


def next_deadline(stage, status, *, entered_on, responded_on, panel_on, calendar, figures, urgent=False,
                  revised=None):  # fmt: skip
    """The next deadline for a report at (stage, status), or None once nothing is due.

    ``revised``: a Deadline the holder set instead, with its reason (Move.EXTEND_DEADLINE); it stands
    while the same step is due at the same stage.
    """
    deadline = _due(stage, status, entered_on, responded_on, panel_on, calendar, figures, urgent)
    if deadline and revised and revised.due_for == deadline.due_for and revised.due_on > deadline.due_on:
        return revised
    return deadline


def _due(stage, status, entered_on, responded_on, panel_on, calendar, figures, urgent):
    add = calendar.add_school_days
    lower = stage != Stage.GOVERNORS
    if status == Status.NEW:
        days = figures.urgent_acknowledge_days if urgent and lower else figures.acknowledge_days
        return Deadline(DueFor.ACKNOWLEDGE, add(entered_on, days))
    if status == Status.ACKNOWLEDGED and not lower:
        if panel_on is None:
            return Deadline(DueFor.PANEL, add(entered_on, figures.panel_within_days))
        return Deadline(DueFor.OUTCOME, add(panel_on, figures.outcome_days))
    if status == Status.ACKNOWLEDGED:
        return Deadline(
            DueFor.RESPOND, add(entered_on, figures.urgent_respond_days if urgent else figures.respond_days)
        )
    if status == Status.RESPONDED and responded_on is not None:
        return Deadline(DueFor.ESCALATE, add(responded_on, figures.escalate_within_days))
    return None
