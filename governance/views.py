from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from conduct_portal.spreadsheets import csv_response
from reports.models import with_category_list

from . import register as complaints_register


def _year(request):
    years = complaints_register.school_years()
    try:
        year = int(request.GET.get("year", years[0]))
    except ValueError:
        year = years[0]
    return (year if year in years else years[0]), years


@login_required
@permission_required("governance.view_register", raise_exception=True)
@never_cache
def register(request):
    """The complaints register for one school year: the page, or its CSV (``?format=csv``)."""
    year, years = _year(request)
    reports = complaints_register.on_register(request.user, year)
    if request.GET.get("format") == "csv":
        return _csv(reports, year)
    # Each row's categories from the small table (reports.models.with_category_list), not a prefetch; of the
    # report, only what a row shows.
    page = Paginator(reports.prefetch_related(None).only(*complaints_register.ROW_FIELDS), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "governance/register.html",
        {
            "year": year,
            "years": years,
            "rows": [complaints_register.row(report, report.category_list) for report in with_category_list(page)],
            "page": page,
            "summary": complaints_register.summary_for(request.user, year),
        },
    )


def _csv(reports, year):
    header = [_("Reference"), _("Received"), _("Categories"), _("Stage reached"), _("Panel sat"), _("Outcome"),
              _("Action taken"), _("School days taken")]  # fmt: skip
    return csv_response(f"complaints-register-{year}-{year + 1}.csv", header, _csv_rows(reports))


def _csv_rows(reports):
    for report in reports.iterator(chunk_size=500):
        row = complaints_register.row(report, report.categories.all())
        yield [
            row["reference"], row["received"].isoformat(), "; ".join(row["categories"]), row["stage_reached"],
            _("yes") if row["panel_sat"] else _("no"), row["outcome"], row["action_taken"],
            "" if row["school_days_taken"] is None else row["school_days_taken"],
        ]  # fmt: skip
