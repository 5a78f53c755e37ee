"""The portal's URLs and ``/bench/bare/``: the smallest Django view, behind the same middleware.

Each page is measured against this view in the same server, so the ratio says what the page costs
beyond Django, the middleware and the machine.
"""

from django.http import HttpResponse
from django.urls import include, path


def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [
    path("bench/bare/", bare, name="bench-bare"),
    path("", include("conduct_portal.urls")),
]
