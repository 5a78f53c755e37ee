"""Choosing the language: for this browser (a cookie) and, for someone signed in, on their account."""

from django.conf import settings
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST
from django.views.i18n import set_language


@csrf_protect
def _choose_for_the_account(request):
    request.user.language = request.POST.get("language", "")
    request.user.save(update_fields=["language"])
    return set_language(request)


@csrf_exempt
@require_POST
def choose_language(request):
    """Django's ``set_language`` (cookie, then back where they were), and the choice saved on the account.

    A visitor who is not signed in changes only their own browser's cookie, so the form they are sent
    carries no CSRF token, and the pages they read (the policy) can be served whole from the cache.
    A signed-in person's choice changes their account, so it is protected as every other form is.
    """
    if request.user.is_authenticated and request.POST.get("language", "") in dict(settings.LANGUAGES):
        return _choose_for_the_account(request)
    return set_language(request)
