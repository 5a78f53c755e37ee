from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from .models import PrivacyNotice


def _render(request, notice):
    return render(
        request,
        "privacy/notice.html",
        {
            "notice": notice,
            "current": PrivacyNotice.objects.current(),
            "versions": PrivacyNotice.objects.in_force(),
            "dpo_name": settings.DPO_NAME,
            "dpo_email": settings.DPO_EMAIL,
            "complaint_years": settings.RETENTION_COMPLAINT_YEARS,
            "safeguarding_years": settings.RETENTION_SAFEGUARDING_YEARS,
        },
    )


def current(request):
    notice = PrivacyNotice.objects.current()
    if notice is None:
        raise Http404(_("No privacy notice has been published yet."))
    return _render(request, notice)


def version(request, number):
    return _render(request, get_object_or_404(PrivacyNotice.objects.in_force(), number=number))
