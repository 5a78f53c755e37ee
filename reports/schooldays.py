"""Counting in school days. Plain dates in, plain dates out: no database, no clock.

A school day is a weekday outside every holiday the school has entered.
Something that happens outside school days (a report made on a Saturday or in
the Christmas holiday) starts counting on the first school day after it.
"""

import datetime

ONE_DAY = datetime.timedelta(days=1)


class SchoolCalendar:
    def __init__(self, holidays=()):
        """``holidays``: (first day, last day) pairs, both inclusive."""
        self.holidays = sorted((start, end) for start, end in holidays if end >= start)

    def is_school_day(self, day):
        if day.weekday() >= 5:
            return False
        return not any(start <= day <= end for start, end in self.holidays)

    def first_school_day_from(self, day):
        """``day`` itself if it is a school day, otherwise the next school day."""
        while not self.is_school_day(day):
            day = self._skip(day)
        return day

    def add_school_days(self, start, days):
        """The school day ``days`` school days after ``start`` (counted from its first school day)."""
        day = self.first_school_day_from(start)
        for _ in range(days):
            day = self.first_school_day_from(day + ONE_DAY)
        return day

    def school_days_between(self, start, end):
        """How many school days after ``start`` ``end`` falls: 0 on the same school day, negative if before."""
        if end < start:
            return -self.school_days_between(end, start)
        day, count = self.first_school_day_from(start), 0
        while True:
            day = self.first_school_day_from(day + ONE_DAY)
            if day > end:
                return count
            count += 1

    def _skip(self, day):
        """The day after ``day``, jumping straight past a holiday that contains it."""
        for start, end in self.holidays:
            if start <= day <= end:
                return end + ONE_DAY
        return day + ONE_DAY
