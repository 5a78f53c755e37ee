from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import PolicyAcknowledgement, PolicyVersion
from .page_cache import cached_for_visitors


def _render_version(request, version):
    """The version, in the reader's language where the school has a translation (``?original=1``: the English)."""
    translation = None if request.GET.get("original") else version.translation_into(request.LANGUAGE_CODE)
    return render(
        request,
        "policy/version.html",
        {
            "version": version,
            "translation": translation,
            "current": PolicyVersion.objects.current(),
            "versions": PolicyVersion.objects.in_force(),
            "acknowledged": request.user.is_authenticated and version.is_acknowledged_by(request.user),
        },
    )


@cached_for_visitors
def current(request):
    version = PolicyVersion.objects.current()
    if version is None:
        raise Http404(_("No policy has been published yet."))
    return _render_version(request, version)


@cached_for_visitors
def version_detail(request, number):
    return _render_version(request, get_object_or_404(PolicyVersion.objects.in_force(), number=number))


@login_required
@require_POST
def acknowledge(request, number):
    version = get_object_or_404(PolicyVersion.objects.in_force(), number=number)
    PolicyAcknowledgement.objects.get_or_create(version=version, user=request.user)
    messages.success(
        request,
        _("Thank you: you have recorded that you read version %(number)s of the policy.") % {"number": version.number},
    )
    return redirect(version)
