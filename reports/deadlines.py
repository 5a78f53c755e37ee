"""Which deadline a report faces next, in school days. Plain: no database, no clock.

The Department for Education's model complaints procedure counts in school
days and leaves the numbers to each school, so the figures are settings
(``Figures.from_settings``).
"""

import datetime
from dataclasses import dataclass

from .ladder import Stage, Status


@dataclass(frozen=True)
class Figures:
    acknowledge_days: int = 5
    respond_days: int = 10
    escalate_within_days: int = 10
    panel_within_days: int = 20

    @classmethod
    def from_settings(cls, settings):
        return cls(
            acknowledge_days=settings.DEADLINE_ACKNOWLEDGE_DAYS,
            respond_days=settings.DEADLINE_RESPOND_DAYS,
            escalate_within_days=settings.DEADLINE_ESCALATE_WITHIN_DAYS,
            panel_within_days=settings.DEADLINE_PANEL_WITHIN_DAYS,
        )


class DueFor:
    ACKNOWLEDGE = "acknowledge"
    RESPOND = "respond"
    PANEL = "panel"
    OUTCOME = "outcome"
    ESCALATE = "escalate"  # the reporter's window, not the holder's deadline

    LABELS = {
        ACKNOWLEDGE: "Acknowledge",
        RESPOND: "Respond",
        PANEL: "Hold the governors' panel",
        OUTCOME: "Send the panel's outcome",
        ESCALATE: "Escalate if not satisfied",
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


def next_deadline(stage, status, *, entered_on, responded_on, panel_on, calendar, figures):
    """The next deadline for a report at (stage, status), or None once nothing is due."""
    add = calendar.add_school_days
    if status == Status.NEW:
        return Deadline(DueFor.ACKNOWLEDGE, add(entered_on, figures.acknowledge_days))
    if status == Status.ACKNOWLEDGED and stage == Stage.GOVERNORS:
        if panel_on is None:
            return Deadline(DueFor.PANEL, add(entered_on, figures.panel_within_days))
        return Deadline(DueFor.OUTCOME, add(panel_on, figures.respond_days))
    if status == Status.ACKNOWLEDGED:
        return Deadline(DueFor.RESPOND, add(entered_on, figures.respond_days))
    if status == Status.RESPONDED and responded_on is not None:
        return Deadline(DueFor.ESCALATE, add(responded_on, figures.escalate_within_days))
    return None
