"""Choosing the language: for this browser (a cookie) and, for someone signed in, on their account."""

from django.conf import settings
from django.views.decorators.http import require_POST
from django.views.i18n import set_language


@require_POST
def choose_language(request):
    """Django's ``set_language`` (cookie, then back where they were), and the choice saved on the account."""
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        request.user.language = language
        request.user.save(update_fields=["language"])
    return set_language(request)
