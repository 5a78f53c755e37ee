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


def test_the_overview_is_worked_out_once_in_its_window_and_says_when(client, head, parent, school_class, settings):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.reports.factories import make_report

    settings.OVERVIEW_FRESH_SECONDS = 120
    make_report(parent, school_class=school_class)
    client.force_login(head)
    first = client.get("/overview/")
    assert 'id="open-total">1<' in first.content.decode() and 'id="as-of"' in first.content.decode()
    with CaptureQueriesContext(connection) as again:
        client.get("/overview/")
    make_report(parent, school_class=school_class)
    assert 'id="open-total">1<' in client.get("/overview/").content.decode()  # within its window
    assert not any("reports_report" in query["sql"] for query in again.captured_queries)
    cache.clear()  # the window over
    assert 'id="open-total">2<' in client.get("/overview/").content.decode()
