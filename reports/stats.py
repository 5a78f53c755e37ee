"""The leadership overview's figures, from the database in a few queries."""

import contextlib
import datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language

from policy.models import Category

from .ladder import OPEN, Stage, Status
from .models import Report


def _months_back(today, count):
    first = today.replace(day=1)
    months = [first]
    for _ in range(count - 1):
        first = (first - datetime.timedelta(days=1)).replace(day=1)
        months.append(first)
    return list(reversed(months))


def median_of_counts(counts):
    """The median of values given as {value: how many}, or None when there are none."""
    total = sum(counts.values())
    if not total:
        return None
    middle = sorted({(total - 1) // 2, total // 2})  # the positions of the middle one or two, from 0
    found, seen = [], 0
    for value in sorted(counts):
        found += [value for position in middle if seen <= position < seen + counts[value]]
        seen += counts[value]
    median = sum(found) / len(found)
    return int(median) if median.is_integer() else median


def overview_figures(reports, today, months=12):
    """The figures over ``reports``: the ones the person may read, so nothing about them is counted."""
    open_by_stage = dict(reports.open().values_list("stage").annotate(count=Count("id")).order_by())
    mine = Q(reports__in=reports.values("pk"))
    categories = list(
        Category.objects.annotate(
            open_reports=Count("reports", filter=mine & Q(reports__status__in=OPEN)),
            all_reports=Count("reports", filter=mine),
        )
    )
    overdue = reports.overdue(today).count()
    urgent_open = reports.open().filter(is_urgent=True).count()

    # School days from the report to its end, written when it ended: counted in the database, never walked.
    days_by_stage = {stage: {} for stage in Stage}
    ended = reports.filter(status__in=[Status.RESOLVED, Status.CLOSED], school_days_taken__isnull=False)
    for stage, days, count in ended.values_list("stage", "school_days_taken").annotate(count=Count("id")).order_by():
        days_by_stage[stage][days] = count

    month_starts = _months_back(today, months)
    counts = (
        reports.filter(created_at__date__gte=month_starts[0], categories__isnull=False)
        .annotate(month=TruncMonth("created_at"))
        .values_list("month", "categories__number")
        .annotate(count=Count("id", distinct=True))
        .order_by()
    )
    by_month = {}
    for month, number, count in counts:
        by_month[(month.date() if hasattr(month, "date") else month, number)] = count
    chart = {
        "labels": [date_format(month, "M Y") for month in month_starts],
        "datasets": [
            {
                "label": f"{category.number}. {category.reader_wording}",
                "data": [by_month.get((month, category.number), 0) for month in month_starts],
            }
            for category in categories
        ],
    }
    return {
        "stages": [
            {
                "label": stage.label,
                "open": open_by_stage.get(stage, 0),
                "median_days": median_of_counts(days_by_stage[stage]),
                "ended": sum(days_by_stage[stage].values()),
            }
            for stage in Stage
        ],
        "categories": categories,
        "overdue": overdue,
        "urgent_open": urgent_open,
        "open_total": sum(open_by_stage.values()),
        "chart": chart,
    }


def fresh_enough(key, work_out):
    """``work_out()``, kept under ``key`` for OVERVIEW_FRESH_SECONDS (worked out each time the cache is down)."""
    try:
        figures = cache.get(key)
    except Exception:  # noqa: BLE001 - the cache (Redis) is down: work them out now
        figures = None
    if figures is None:
        figures = work_out()
        with contextlib.suppress(Exception):
            cache.set(key, figures, settings.OVERVIEW_FRESH_SECONDS)
    return figures


def overview_for(user, today):
    """``overview_figures`` over what ``user`` may read, worked out at most once every OVERVIEW_FRESH_SECONDS.

    Each figure is a count over every report the person may read (a trust's hundred thousand), so the page
    shows them as they were at ``as_of``, a few minutes old at most, and says so.
    """
    return fresh_enough(
        f"overview:{user.pk}:{get_language()}:{today.isoformat()}",
        lambda: {**overview_figures(Report.objects.readable_by(user), today), "as_of": timezone.now()},
    )
