"""Requests no form of ours can have sent are answered "bad request" before they reach a view.

Every form and list here validates what it is given; these are the few
things that would otherwise reach the database or the date library raw and
come back as a server error: a NUL character (PostgreSQL refuses it in any
text), an admin selection that is not a list of row numbers, a date filter
whose year has more digits than any date, and a search thousands of
characters long.
"""

import re

from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

ROW_NUMBER = re.compile(r"^\d{1,18}$")
LONGEST_QUERY_VALUE = 1000  # no link or search of ours comes near; SQLite refuses a LIKE pattern of 50,000
DATE_PART = re.compile(r"^\d{1,4}$")


def _problem(request):
    if any(len(value) > LONGEST_QUERY_VALUE for values in request.GET.lists() for value in values[1]):
        return _("The address is too long: please search for something shorter.")
    for values in (request.GET, request.POST):
        for name, value_list in values.lists():
            if "\x00" in name or any("\x00" in value for value in value_list):
                return _("The request held a character that cannot be used (a NUL character).")
            if name.endswith(("__year", "__month", "__day")) and not all(DATE_PART.match(v) for v in value_list):
                return _("That is not a date the list can be filtered by.")
    if request.method == "POST" and not all(ROW_NUMBER.match(v) for v in request.POST.getlist("_selected_action")):
        return _("Choose the items from the list.")
    return None


class HostileInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = _problem(request)
        if problem:
            return HttpResponseBadRequest(render_to_string("400.html", {"reason": problem}, request=request))
        return self.get_response(request)
