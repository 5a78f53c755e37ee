"""Small tables that nearly every page reads (the policy's categories, the classes, the holidays), kept in memory.

Each process reads a table from the database once and keeps it while the table's token in the cache stays
the same. Saving or deleting one of its rows (a signal), or ``forget``, removes the token, so every process
reads the table again; so does an hour passing. The form fields below offer their choices from it; what a
person sends back is still checked against the database.
"""

import logging
import uuid
from html import escape

from django import forms
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.forms.models import ModelChoiceIterator
from django.utils.safestring import SafeData, mark_safe

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 3600
_TABLES = {}
_IN_THIS_PROCESS = {}  # name: (token, rows)


def register(name, model, load):
    """Name a small table: ``load()`` reads its rows; a change to a ``model`` row forgets them."""
    _TABLES[name] = load

    def changed(**kwargs):
        forget(name)
        transaction.on_commit(lambda: forget(name))  # and once more, in case a process read it before the commit

    for signal in (post_save, post_delete):
        signal.connect(changed, sender=model, weak=False, dispatch_uid=f"small-table-{name}")


def forget(name):
    """Read the table from the database next time (after a change that sends no signal, a bulk insert)."""
    try:
        cache.delete(f"small-table:{name}")
    except Exception:  # noqa: BLE001 - the cache is down: nothing in it to forget
        logger.warning("The cache is unavailable; %s not forgotten", name, exc_info=True)


def rows(name):
    """The table's rows (shared within the process: read them, never change them): this process's copy while
    its token is the cache's, else from the database."""
    key = f"small-table:{name}"
    try:
        token = cache.get(key)
        if token is None:
            token = uuid.uuid4().hex
            if not cache.add(key, token, TIMEOUT_SECONDS):
                token = cache.get(key, token)
    except Exception:  # noqa: BLE001 - the cache (Redis) is down: read the database
        logger.warning("The cache is unavailable; %s read from the database", name, exc_info=True)
        return _TABLES[name]()
    kept = _IN_THIS_PROCESS.get(name)
    if kept is not None and kept[0] == token:
        return kept[1]
    found = _TABLES[name]()
    _IN_THIS_PROCESS[name] = (token, found)
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
        attributes = "".join(
            f" {attribute}" if value is True else f' {attribute}="{escape(str(value))}"'
            for attribute, value in self.build_attrs(self.attrs, attrs).items()
            if value is not False and value is not None
        )
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
