from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from .models import PolicyAcknowledgement, PolicyVersion


def _render_version(request, version):
    return render(
        request,
        "policy/version.html",
        {
            "version": version,
            "current": PolicyVersion.objects.current(),
            "versions": PolicyVersion.objects.in_force(),
            "acknowledged": request.user.is_authenticated and version.is_acknowledged_by(request.user),
        },
    )


def current(request):
    version = PolicyVersion.objects.current()
    if version is None:
        raise Http404("No policy has been published yet.")
    return _render_version(request, version)


def version_detail(request, number):
    return _render_version(request, get_object_or_404(PolicyVersion.objects.in_force(), number=number))


@login_required
@require_POST
def acknowledge(request, number):
    version = get_object_or_404(PolicyVersion.objects.in_force(), number=number)
    PolicyAcknowledgement.objects.get_or_create(version=version, user=request.user)
    messages.success(request, f"Thank you: you have recorded that you read version {version.number} of the policy.")
    return redirect(version)
