"""Paginators for long lists: one that counts in the query that fetches the page, and one for the admin that
counts exactly only as far as it needs to."""

import json

from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Count, Window
from django.utils.functional import cached_property

EXACT_UP_TO = 1000  # twenty pages of the reports list


class CountedWithThePage(Paginator):
    """Fetches the first page's rows and how many rows there are in all in one query (``COUNT(*) OVER ()``).

    For a list whose every row the database reads to sort it anyway (a person's queue, sorted by deadline):
    the count then costs nothing more. Not for a list read in an index's order, whose page stops after its
    rows while its count may read the index alone. Any other page, asked for far less often, is counted first
    as Paginator counts (which also keeps a number past the end from reaching the database).
    """

    def get_page(self, number):
        try:
            first = int(number) == 1
        except (TypeError, ValueError):
            first = True  # not a number: the first page, as Paginator gives
        if not first or self.object_list.query.distinct:  # DISTINCT: the window would count the rows before it
            return super().get_page(number)
        rows = list(self.object_list.annotate(rows_in_all=Window(Count("pk")))[: self.per_page])
        self.__dict__["count"] = rows[0].rows_in_all if rows else 0
        return self._get_page(rows, 1, self)


class EstimatedCountPaginator(Paginator):
    """Counts the rows exactly up to ``EXACT_UP_TO``; past that, takes PostgreSQL's estimate of them.

    An exact count reads every row the filters leave, on every page: at a trust's hundred thousand
    reports that was most of a page's time. Past a thousand rows, the number beside the page links
    and how many pages there are come from the table's statistics instead, near enough for a list
    read from its first pages (a narrower filter or a search is counted exactly again).
    """

    @cached_property
    def count(self):
        rows = self.object_list.order_by().values("pk")
        if connections[rows.db].vendor != "postgresql":
            return rows.count()
        exact = rows[: EXACT_UP_TO + 1].count()
        if exact <= EXACT_UP_TO:
            return exact
        return max(exact, estimated_count(rows))


def estimated_count(queryset):
    """The planner's estimate of the rows ``queryset`` selects (no row is read)."""
    plan = json.loads(queryset.explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])
