"""The paginators: one counting with the page it fetches; the admin's, counting a short list exactly, a long one up to a
limit and then estimating."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from conduct_portal import paginators
from conduct_portal.paginators import CountedWithThePage, EstimatedCountPaginator, estimated_count
from policy.models import Category
from tests.conftest import on_postgresql, require


def test_a_list_no_longer_than_the_limit_is_counted_exactly(db, monkeypatch):
    categories = Category.objects.all()
    total = categories.count()
    monkeypatch.setattr(paginators, "EXACT_UP_TO", total)
    with CaptureQueriesContext(connection) as queries:
        assert EstimatedCountPaginator(categories, 2).count == total
    assert len(queries) == 1


def test_past_the_limit_postgresql_s_estimate_is_taken(db, monkeypatch):
    monkeypatch.setattr(paginators, "EXACT_UP_TO", 2)
    monkeypatch.setattr(paginators, "estimated_count", lambda queryset: 900)
    with CaptureQueriesContext(connection) as queries:
        count = EstimatedCountPaginator(Category.objects.all(), 2).count
    if on_postgresql():
        assert count == 900
        assert "LIMIT 3" in queries[0]["sql"]  # the exact count stops past the limit
    else:  # no estimate to take: every row is counted
        assert count == Category.objects.count() > 3


def test_an_estimate_below_the_rows_counted_is_not_taken(db, monkeypatch):
    require(on_postgresql(), "the estimate is PostgreSQL's (set DATABASE_URL)")
    monkeypatch.setattr(paginators, "EXACT_UP_TO", 2)
    monkeypatch.setattr(paginators, "estimated_count", lambda queryset: 1)
    assert EstimatedCountPaginator(Category.objects.all(), 2).count == 3


def test_the_estimate_is_the_planner_s(db):
    require(on_postgresql(), "the estimate is PostgreSQL's (set DATABASE_URL)")
    assert estimated_count(Category.objects.all()) > 0
    assert estimated_count(Category.objects.filter(number=10_000)) >= 0


def test_each_page_and_the_count_agree_with_django_s_paginator_and_the_first_comes_in_one_query(db):
    categories = Category.objects.order_by("number")
    for number in (1, "1", None, "", 2, 3, "x", "2.0", 0, -1, 99, "99999999999999999999"):
        with CaptureQueriesContext(connection) as queries:
            page = CountedWithThePage(categories, 3).get_page(number)
            shown = [category.number for category in page]
            pages = (page.paginator.count, page.paginator.num_pages, page.number, page.has_next())
        expected = paginators.Paginator(categories, 3).get_page(number)
        assert shown == [category.number for category in expected], number
        assert pages == (expected.paginator.count, expected.paginator.num_pages, expected.number, expected.has_next())
        assert len(queries) == (1 if expected.number == 1 else 2), number


def test_an_empty_list_has_one_empty_page(db):
    empty = CountedWithThePage(Category.objects.none(), 3).get_page(1)
    assert (empty.paginator.count, empty.paginator.num_pages, empty.number, list(empty)) == (0, 1, 1, [])
