"""Small tables that nearly every page reads (the policy's categories, the classes, the holidays), kept in the cache.

Each is read from the database once, then from the cache until one of its rows
is saved or deleted (a signal forgets it) or an hour passes. The form fields
below offer their choices from it; what a person sends back is still checked
against the database.
"""

import logging

from django import forms
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.forms.models import ModelChoiceIterator

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


class SmallTableChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField whose choices come from a small table in the cache."""

    iterator = _SmallTableChoices

    def __init__(self, table, **kwargs):
        self.table = table
        super().__init__(**kwargs)


class SmallTableMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = _SmallTableChoices

    def __init__(self, table, **kwargs):
        self.table = table
        super().__init__(**kwargs)
