"""The overview's median, from counts the database makes (never one value a report)."""

import statistics

from hypothesis import given
from hypothesis import strategies as st

from reports.stats import median_of_counts


@given(st.lists(st.integers(min_value=0, max_value=400), min_size=1, max_size=200))
def test_the_median_of_counts_is_the_median_of_the_values(values):
    counts = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    assert median_of_counts(counts) == statistics.median(values)


def test_no_values_no_median():
    assert median_of_counts({}) is None
