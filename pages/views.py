"""What the school publishes for everyone, signed in or not: help, its contact details, the accessibility statement."""

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_safe

from policy.models import Category
from reports.deadlines import Figures
from reports.procedures import other_procedures
from reports.standing import next_step_after_the_school
from safeguarding.views import emergency_numbers

from .contact import SchoolContact


@require_safe
def help_page(request):
    """What the portal is for and what happens to a report, with the procedure's numbers as the settings have them."""
    return render(
        request,
        "pages/help.html",
        {
            "figures": Figures.from_settings(settings),
            "time_limit_months": settings.COMPLAINT_TIME_LIMIT_MONTHS,
            "panel_min_members": settings.PANEL_MIN_MEMBERS,
            "panel_min_independent": settings.PANEL_MIN_INDEPENDENT,
            "urgent_categories": Category.objects.filter(is_urgent=True),
            "next_step_after_the_school": next_step_after_the_school(),
            "safeguarding_acknowledge_hours": settings.SAFEGUARDING_ACKNOWLEDGE_HOURS,
            "school_day_starts": settings.SCHOOL_DAY_STARTS,
            "school_day_ends": settings.SCHOOL_DAY_ENDS,
            "other_procedures": other_procedures(),
            **emergency_numbers(),
        },
    )


@require_safe
def contact(request):
    return render(
        request,
        "pages/contact.html",
        {
            "contact": SchoolContact.from_settings(settings),
            "dpo_name": settings.DPO_NAME,
            "dpo_email": settings.DPO_EMAIL,
        },
    )


@require_safe
def accessibility_statement(request):
    return render(
        request,
        "pages/accessibility.html",
        {
            "contact": SchoolContact.from_settings(settings),
            "site_url": settings.SITE_URL,
            "prepared_on": settings.ACCESSIBILITY_STATEMENT_DATE,
        },
    )
