"""Filters for what a report's timeline stored as text."""

import datetime

from django import template

register = template.Library()


@register.filter
def iso_date(value):
    """A date the timeline stored as "YYYY-MM-DD", as a date the ``date`` filter can write in words."""
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return value
