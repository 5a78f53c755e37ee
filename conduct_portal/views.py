from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from policy.models import PolicyVersion


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


def healthz(request):
    """200 when the database and (where configured) Redis answer; 503 with the reason otherwise."""
    checks, healthy = {}, True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:  # noqa: BLE001 - any failure is the answer
        checks["database"] = f"error: {exc.__class__.__name__}: {exc}".strip()
        healthy = False
    if settings.REDIS_URL:
        import redis

        try:
            redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2).ping()
            checks["redis"] = "ok"
        except Exception as exc:  # noqa: BLE001
            checks["redis"] = f"error: {exc.__class__.__name__}: {exc}".strip()
            healthy = False
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )
