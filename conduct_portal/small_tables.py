"""Small tables that nearly every page reads (the policy's categories, the classes, the holidays), kept in the cache.

Each is read from the database once, then from the cache until one of its rows
is saved or deleted (a signal forgets it) or an hour passes. The form fields
below offer their choices from it; what a person sends back is still checked
against the database.
"""

import logging
from html import escape

from django import forms
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.safestring import SafeData, mark_safe

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 3600
_TABLES = {}


def register(name, model, load):
    """Name a small table: ``load()`` reads its rows; a change to a ``model`` row forgets them."""
    _TABLES[name] = load

    def changed(**kwargs):
        forget(name)

    for signal in (post_save, post_delete):
        signal.connect(changed, sender=model, weak=False, dispatch_uid=f"small-table-{name}")


def forget(name):
    """Read the table from the database next time (after a change that sends no signal, a bulk insert)."""
    try:
        cache.delete(f"small-table:{name}")
    except Exception:  # noqa: BLE001 - the cache is down: nothing in it to forget
        logger.warning("The cache is unavailable; %s not forgotten", name, exc_info=True)


def rows(name):
    """The table's rows, from the cache when they are there (from the database when the cache is down)."""
    key = f"small-table:{name}"
    try:
        found = cache.get(key)
    except Exception:  # noqa: BLE001 - the cache (Redis) is down: read the database
        logger.warning("The cache is unavailable; %s read from the database", name, exc_info=True)
        return _TABLES[name]()
    if found is None:
        found = _TABLES[name]()
        cache.set(key, found, TIMEOUT_SECONDS)
    return found


class _SmallTableChoices(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for row in rows(self.field.table):
            yield self.choice(row)

    def __len__(self):
        return len(rows(self.field.table)) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(rows(self.field.table))


class OptionsInPython(forms.Select):
    """A select written in Python: Django renders each option through a template of its own, which for a trust's
    few hundred classes costs a page about ten milliseconds. The same HTML, for choices without groups."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        options = []
        for option_value, label in self.choices:
            option_value = "" if option_value is None else str(option_value)
            selected = " selected" if option_value in chosen else ""
            label = label if isinstance(label, SafeData) else escape(str(label))
            options.append(f'<option value="{escape(option_value)}"{selected}>{label}</option>')
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        return mark_safe(f'<select name="{escape(name)}"{attributes}>{"".join(options)}</select>')  # noqa: S308


class SmallTableChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField whose choices come from a small table in the cache."""

    iterator = _SmallTableChoices
    widget = OptionsInPython

    def __init__(self, table, **kwargs):
        self.table = table
        super().__init__(**kwargs)


class SmallTableMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = _SmallTableChoices

    def __init__(self, table, **kwargs):
        self.table = table
        super().__init__(**kwargs)
