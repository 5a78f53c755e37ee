import logging

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from notifications.models import Notification
from policy.models import PolicyVersion

logger = logging.getLogger(__name__)


def home(request):
    current = PolicyVersion.objects.current()
    needs_acknowledgement = (
        current is not None and request.user.is_authenticated and not current.is_acknowledged_by(request.user)
    )
    return render(
        request,
        "home.html",
        {"policy": current, "needs_acknowledgement": needs_acknowledgement},
    )


NOT_USED = object()


def database_answers():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def redis_answers():
    if not settings.REDIS_URL:
        return NOT_USED
    import redis

    with redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2) as client:
        client.ping()


# What /healthz checks: a name, and a function that returns when that part of the portal works and
# raises when it does not. A function returns NOT_USED when this deployment does not use its part
# (Redis without REDIS_URL): it is then left out of the answer. Add a check here.
HEALTH_CHECKS = {
    "database": database_answers,
    "redis": redis_answers,
}


def healthz(request):
    """200 when every check passes, 503 otherwise, with each check's name and "ok" or "failing".

    Anyone may call it, so it never says why a check fails (an exception's text names hosts,
    ports and databases): the exception goes to the log.
    """
    checks = {}
    for name, check in HEALTH_CHECKS.items():
        try:
            if check() is NOT_USED:
                continue
        except Exception:  # any failure is the answer
            logger.exception("Health check %s is failing", name)
            checks[name] = "failing"
        else:
            checks[name] = "ok"
    healthy = all(result == "ok" for result in checks.values())
    answer = {"status": "ok" if healthy else "unavailable", "checks": checks}
    failed = failed_emails()
    if failed is not None:
        answer["failed_emails"] = failed
    return JsonResponse(answer, status=200 if healthy else 503)


def failed_emails():
    """Emails that could not be sent after all their attempts: a figure to watch, not a reason to stop serving."""
    try:
        return Notification.objects.filter(status=Notification.Status.FAILED).count()
    except Exception:  # the database check says why
        logger.exception("Counting failed emails for the health check")
        return None
