"""The acknowledgement clock counts school hours: weekends, holidays and nights do not count."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from reports.schooldays import SchoolCalendar
from safeguarding.clock import SchoolHours, add_school_hours, clock_starts, next_school_morning

LONDON = ZoneInfo("Europe/London")
HOURS = SchoolHours(starts=datetime.time(8, 30), ends=datetime.time(16, 0))
CHRISTMAS = (datetime.date(2026, 12, 21), datetime.date(2027, 1, 1))
CALENDAR = SchoolCalendar([CHRISTMAS])


def at(day, hour, minute=0):
    return datetime.datetime(2026, 11, day, hour, minute, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("made", "due"),
    [
        (at(23, 10, 0), at(23, 12, 0)),  # Monday morning: two hours later
        (at(23, 15, 0), at(24, 9, 30)),  # one hour left that day, the other the next morning
        (at(23, 20, 0), at(24, 10, 30)),  # Monday evening: from Tuesday's start
        (at(23, 7, 0), at(23, 10, 30)),  # before school: from that morning's start
        (at(27, 15, 30), at(30, 10, 0)),  # Friday afternoon: half an hour, then Monday
        (at(28, 11, 0), at(30, 10, 30)),  # Saturday: from Monday's start
        (datetime.datetime(2026, 12, 18, 17, 0, tzinfo=LONDON), datetime.datetime(2027, 1, 4, 10, 30, tzinfo=LONDON)),
    ],
)
def test_two_school_hours(made, due):
    assert add_school_hours(made, 2, CALENDAR, HOURS) == due


def test_in_school_hours_the_clock_starts_at_once_and_otherwise_the_next_school_morning():
    assert clock_starts(at(24, 9, 0), CALENDAR, HOURS) == at(24, 9, 0)
    assert clock_starts(at(24, 16, 0), CALENDAR, HOURS) == at(25, 8, 30)
    assert next_school_morning(datetime.datetime(2026, 12, 20, 9, tzinfo=LONDON), CALENDAR, HOURS) == (
        datetime.datetime(2027, 1, 4, 8, 30, tzinfo=LONDON)
    )


def test_a_long_clock_runs_over_several_days():
    assert add_school_hours(at(23, 8, 30), 15, CALENDAR, HOURS) == at(24, 16, 0)  # two full days
