"""The safeguarding team's acknowledgement clock, in school hours. Plain: no database, no clock of its own.

A concern must be acknowledged within a number of school hours (a setting,
2 by default): the hours between the start and the end of the school day, on
school days (``reports.schooldays``). One made at 20:00 on a Friday starts
counting on Monday morning; the team is told at once all the same, and
reminded when that morning starts.
"""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class SchoolHours:
    starts: datetime.time = datetime.time(8, 30)
    ends: datetime.time = datetime.time(16, 0)

    @classmethod
    def from_settings(cls, settings):
        return cls(
            starts=datetime.time.fromisoformat(settings.SCHOOL_DAY_STARTS),
            ends=datetime.time.fromisoformat(settings.SCHOOL_DAY_ENDS),
        )


def is_in_school_hours(moment, calendar, hours):
    return calendar.is_school_day(moment.date()) and hours.starts <= moment.time() < hours.ends


def next_school_morning(moment, calendar, hours):
    """The start of the next school day after ``moment`` (today's, if it has not started yet)."""
    day = moment.date()
    if not (calendar.is_school_day(day) and moment.time() < hours.starts):
        day = calendar.first_school_day_from(day + datetime.timedelta(days=1))
    return datetime.datetime.combine(day, hours.starts, tzinfo=moment.tzinfo)


def clock_starts(moment, calendar, hours):
    """When counting starts for something that happened at ``moment``: then, or the next school morning."""
    return moment if is_in_school_hours(moment, calendar, hours) else next_school_morning(moment, calendar, hours)


def add_school_hours(moment, count, calendar, hours):
    """The moment ``count`` school hours after ``moment`` (counting from when the clock starts)."""
    current = clock_starts(moment, calendar, hours)
    left = datetime.timedelta(hours=count)
    while True:
        end_of_day = datetime.datetime.combine(current.date(), hours.ends, tzinfo=current.tzinfo)
        if current + left <= end_of_day:
            return current + left
        left -= end_of_day - current
        current = next_school_morning(end_of_day, calendar, hours)
