"""The complaints register the governing body keeps: every complaint that reached a formal stage.

The class teacher is the informal first step; the office and leadership team
and the governors' panel are the formal stages (the DfE's model procedure).
The register shows, for each complaint: when it came, its categories, the
stage it reached, whether a panel sat, the outcome, the action taken and the
time taken, with no one's name. It is read by school year (1 September to 31
August), as a page, a CSV file, and a summary for the governors' termly report.
"""

import dataclasses
import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import get_language, gettext

from reports.ladder import OPEN, Stage
from reports.models import Report
from reports.stats import fresh_enough, median_of_counts

FORMAL = (Stage.OFFICE_LEADERSHIP, Stage.GOVERNORS)


def school_year_of(day):
    """The school year a day falls in, named by the year it starts: 2026 is September 2026 to August 2027."""
    return day.year if day.month >= 9 else day.year - 1


def school_years(today=None):
    first = (
        Report.objects.filter(track=Report.Track.COMPLAINT)
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    last = school_year_of(today or timezone.localdate())
    start = school_year_of(timezone.localdate(first)) if first else last
    return list(range(last, start - 1, -1))


def on_register(user, year):
    """The complaints of school ``year`` that reached a formal stage, but none about the person looking."""
    starts, ends = (timezone.make_aware(datetime.datetime(first_year, 9, 1)) for first_year in (year, year + 1))
    return (
        Report.objects.filter(
            track=Report.Track.COMPLAINT, stage__in=FORMAL, created_at__gte=starts, created_at__lt=ends
        )  # fmt: skip
        .exclude(concerns_staff=user.pk)
        .prefetch_related("categories")
        .order_by("created_at", "pk")
    )


def outcome_words(report):
    """The outcome, in the register's words: the panel's decision, how it ended, or that it is open."""
    # The choices' own labels: a model's get_FOO_display builds a dict of every choice on each call.
    if report.outcome:
        return str(Report.Outcome(report.outcome).label)
    if report.closed_as:
        return str(Report.ClosedAs(report.closed_as).label)
    return str(Report.Status(report.status).label)


ROW_FIELDS = ["reference", "created_at", "stage", "panel_on", "ended_on", "outcome", "closed_as", "status",
              "action_taken", "school_days_taken"]  # fmt: skip


def row(report, categories):
    """What the register shows of ``report`` (filed under ``categories``): it reads ROW_FIELDS alone."""
    return {
        "reference": report.reference,
        "received": timezone.localtime(report.created_at).date(),
        "categories": [category.reader_wording for category in categories],
        "stage_reached": str(Stage(report.stage).label),
        "panel_sat": bool(report.panel_on and report.panel_on <= (report.ended_on or timezone.localdate())),
        "outcome": outcome_words(report),
        "action_taken": report.action_taken,
        "school_days_taken": report.school_days_taken if report.status not in OPEN else None,
    }


@dataclass
class Summary:
    total: int
    by_category: list
    by_stage: list
    by_outcome: list
    median_school_days: float | None
    as_of: datetime.datetime | None = None


def summary_for(user, year):
    """``summary`` of ``user``'s register for ``year``, worked out at most once every OVERVIEW_FRESH_SECONDS, as
    the leadership overview's figures are: the page says how old they are."""
    return fresh_enough(
        f"register-summary:{user.pk}:{year}:{get_language()}",
        lambda: dataclasses.replace(summary(on_register(user, year)), as_of=timezone.now()),
    )


def summary(reports):
    """Numbers only, for the governors' termly report: by category, stage and outcome; the median time taken."""
    by_category = list(
        reports.model.categories.field.related_model.objects.annotate(
            count=Count("reports", filter=Q(reports__in=reports.values("pk")))
        ).values_list("wording", "count")
    )
    by_stage = [(Stage(stage).label, count) for stage, count in
                reports.order_by().values_list("stage").annotate(count=Count("pk"))]  # fmt: skip
    outcomes = {}
    for outcome, closed_as, status, count in (
        reports.order_by().values_list("outcome", "closed_as", "status").annotate(count=Count("pk"))
    ):
        words = outcome_words(Report(outcome=outcome, closed_as=closed_as, status=status))
        outcomes[words] = outcomes.get(words, 0) + count
    days_taken = (
        reports.order_by().filter(school_days_taken__isnull=False).values_list("school_days_taken")
        .annotate(count=Count("pk"))
    )  # fmt: skip
    return Summary(
        total=sum(count for _, count in by_stage),
        by_category=[(gettext(wording), count) for wording, count in by_category if count],
        by_stage=by_stage,
        by_outcome=sorted(outcomes.items()),
        median_school_days=median_of_counts(dict(days_taken)),
    )
