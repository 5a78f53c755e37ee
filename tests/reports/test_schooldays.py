"""School-day arithmetic, without a database."""

import datetime

import pytest

from reports.schooldays import SchoolCalendar

D = datetime.date
CHRISTMAS = (D(2026, 12, 19), D(2027, 1, 4))  # Saturday 19 December to Monday 4 January
HALF_TERM = (D(2027, 2, 15), D(2027, 2, 19))


@pytest.fixture
def calendar():
    return SchoolCalendar([CHRISTMAS, HALF_TERM])


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (D(2026, 11, 23), 0, D(2026, 11, 23)),  # a Monday is its own first school day
        (D(2026, 11, 23), 1, D(2026, 11, 24)),
        (D(2026, 11, 23), 5, D(2026, 11, 30)),  # past a weekend
        (D(2026, 11, 27), 1, D(2026, 11, 30)),  # Friday + 1 is Monday
        (D(2026, 11, 28), 0, D(2026, 11, 30)),  # made on a Saturday: starts on Monday
        (D(2026, 11, 28), 5, D(2026, 12, 7)),
        (D(2026, 12, 14), 10, D(2027, 1, 12)),  # across the Christmas holiday and the year end
        (D(2026, 12, 18), 1, D(2027, 1, 5)),  # last day of term + 1
        (D(2026, 12, 25), 0, D(2027, 1, 5)),  # made in the holiday: starts the first day back
        (D(2026, 12, 25), 5, D(2027, 1, 12)),
        (D(2027, 1, 1), 20, D(2027, 2, 2)),
        (D(2027, 2, 12), 1, D(2027, 2, 22)),  # Friday before half term
    ],
)
def test_add_school_days(calendar, start, days, expected):
    assert calendar.add_school_days(start, days) == expected


def test_weekends_and_holidays_are_not_school_days(calendar):
    assert not calendar.is_school_day(D(2026, 11, 28))
    assert not calendar.is_school_day(D(2026, 11, 29))
    assert not calendar.is_school_day(D(2026, 12, 21))
    assert not calendar.is_school_day(D(2027, 1, 4))  # an INSET day at the end of the holiday
    assert calendar.is_school_day(D(2027, 1, 5))


def test_without_holidays_only_weekends_are_skipped():
    assert SchoolCalendar().add_school_days(D(2026, 12, 24), 3) == D(2026, 12, 29)


def test_school_days_between(calendar):
    assert calendar.school_days_between(D(2026, 11, 23), D(2026, 11, 23)) == 0
    assert calendar.school_days_between(D(2026, 11, 23), D(2026, 11, 30)) == 5
    assert calendar.school_days_between(D(2026, 11, 27), D(2026, 11, 29)) == 0  # the weekend after Friday
    assert calendar.school_days_between(D(2026, 12, 14), D(2027, 1, 12)) == 10
    assert calendar.school_days_between(D(2026, 11, 30), D(2026, 11, 23)) == -5


def test_counting_on_and_counting_back_agree(calendar):
    start = D(2026, 12, 1)
    for days in range(0, 60):
        assert calendar.school_days_between(start, calendar.add_school_days(start, days)) == days


def test_a_holiday_entered_backwards_is_ignored():
    calendar = SchoolCalendar([(D(2026, 12, 10), D(2026, 12, 1))])
    assert calendar.is_school_day(D(2026, 12, 7))
