from django.conf import settings
from django.utils.functional import SimpleLazyObject


def portal(request):
    context = {"SCHOOL_NAME": settings.SCHOOL_NAME}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        from notifications.views import unread_count
        from safeguarding.views import unacknowledged_count

        context["unread_notifications"] = SimpleLazyObject(lambda: unread_count(user))
        context["unacknowledged_concerns"] = SimpleLazyObject(lambda: unacknowledged_count(user))
    return context
