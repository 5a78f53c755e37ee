"""What the school publishes for everyone, signed in or not: help, its contact details, the accessibility statement."""

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .contact import SchoolContact


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
