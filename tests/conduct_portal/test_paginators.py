"""The admin's paginator: a short list counted exactly, a long one up to a limit and then estimated."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from conduct_portal import paginators
from conduct_portal.paginators import EstimatedCountPaginator, estimated_count
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
