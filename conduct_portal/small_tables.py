"""Small tables that nearly every page reads (the policy's categories, the classes, the holidays, the staff),
kept in memory.

Each process reads a table from the database once and keeps it while the table's token in the cache stays
the same (it looks at most once a second). Saving or deleting one of its rows (a signal), or ``forget``,
removes the token, so every process reads the table again, this one at once; so does an hour passing. The
form fields below offer their choices from it; what a person sends back is still checked against the database.
"""

import logging
import time
import uuid
from dataclasses import dataclass

from django import forms
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.forms.models import ModelChoiceIterator

from conduct_portal.widgets import OptionsInPython

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 3600
TOKEN_READ_EVERY = 1.0  # seconds: how soon the other processes see a change
_TABLES = {}
_IN_THIS_PROCESS = {}  # name: _Kept


def register(name, model, load, *, matters=None, memberships=None):
    """Name a small table: ``load()`` reads its rows; a change to a ``model`` row forgets them (one for which
    ``matters(update_fields)`` is false excepted), as does a change to the many-to-many ``memberships``."""
    _TABLES[name] = load
    setting_changed.connect(forget_what_this_process_read, weak=False, dispatch_uid="small-tables-cache-changed")

    def changed(update_fields=None, **kwargs):
        if matters is not None and not matters(update_fields):
            return
        forget(name)
        transaction.on_commit(lambda: forget(name))  # and once more, in case a process read it before the commit

    for signal in (post_save, post_delete):
        signal.connect(changed, sender=model, weak=False, dispatch_uid=f"small-table-{name}")
    if memberships is not None:
        m2m_changed.connect(changed, sender=memberships, weak=False, dispatch_uid=f"small-table-{name}-m2m")


def forget(*names):
    """Read the tables from the database next time (after a change that sends no signal, a bulk insert)."""
    for name in names:
        _IN_THIS_PROCESS.pop(name, None)
    try:
        cache.delete_many([f"small-table:{name}" for name in names])
    except Exception:  # noqa: BLE001 - the cache is down: nothing in it to forget
        logger.warning("The cache is unavailable; %s not forgotten", ", ".join(names), exc_info=True)


def forget_what_this_process_read(setting=None, **kwargs):
    """Another cache in place (a setting_changed receiver: tests give each test its own): read it afresh."""
    if setting in (None, "CACHES"):
        _IN_THIS_PROCESS.clear()


def rows(name):
    """The table's rows (shared within the process: read them, never change them): this process's copy while
    its token is the cache's, the token read at most every TOKEN_READ_EVERY seconds; else from the database."""
    kept = _IN_THIS_PROCESS.get(name)
    now = time.monotonic()
    if kept is not None and now - kept.token_read_at <= TOKEN_READ_EVERY:
        return kept.rows
    try:
        token = _token(f"small-table:{name}")
    except Exception:  # noqa: BLE001 - the cache (Redis) is down: read the database
        logger.warning("The cache is unavailable; %s read from the database", name, exc_info=True)
        return _TABLES[name]()
    if kept is None or kept.token != token:
        kept = _Kept(token, _TABLES[name](), now)
    kept.token_read_at = now
    _IN_THIS_PROCESS[name] = kept
    return kept.rows


def by_pk(name):
    """The table's rows as {pk: row}, worked out once for each reading of it (shared: never change it)."""
    found = rows(name)
    kept = _IN_THIS_PROCESS.get(name)
    if kept is None or kept.rows is not found:  # the cache is down: read afresh
        return {row.pk: row for row in found}
    if kept.by_pk is None:
        kept.by_pk = {row.pk: row for row in found}
    return kept.by_pk


def by_pk_with(name, wanted, fallback):
    """{pk: row}: the table's rows, and from the queryset ``fallback`` any of the ``wanted`` pks the table lacks
    (a row added this second in another process, or one the table leaves out: a member of staff who has left)."""
    known = by_pk(name)
    missing = set(wanted) - known.keys() - {None}
    return {**known, **fallback.in_bulk(missing)} if missing else known


def fingerprint(name, *also):
    """What a choice among the table's rows shows, cheaply: the table's token, and ``also`` (what else decides
    which rows are offered). None with the cache down: the rows were read afresh, with no token to name them."""
    found = rows(name)
    kept = _IN_THIS_PROCESS.get(name)
    if kept is None or kept.rows is not found:
        return None
    return (name, kept.token, *also)


def _token(key):
    token = cache.get(key)
    if token is None:
        token = uuid.uuid4().hex
        if not cache.add(key, token, TIMEOUT_SECONDS):
            token = cache.get(key, token)
    return token


@dataclass
class _Kept:
    token: str
    rows: list
    token_read_at: float
    by_pk: dict | None = None


class _SmallTableChoices(ModelChoiceIterator):
    def rows(self):
        found = rows(self.field.table)
        return found if self.field.offered is None else [row for row in found if self.field.offered(row)]

    def fingerprint(self):
        """What the choices are, cheaply: the table's token, and the rows offered where not all of them are (None
        with the cache down)."""
        if self.field.offered is None:
            return fingerprint(self.field.table)
        if self.field.offered_by is not None:  # everything ``offered`` reads but the rows themselves
            return fingerprint(self.field.table, self.field.offered_by)
        found = fingerprint(self.field.table)
        return None if found is None else (*found, tuple(row.pk for row in self.rows()))

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for row in self.rows():
            yield self.choice(row)

    def __len__(self):
        return len(self.rows()) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self.rows())


class SmallTableChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField whose choices are a small table's rows (those for which ``offered(row)`` is true, when it
    is set, with ``offered_by`` naming everything but the row that it reads); what is sent back is checked against
    ``queryset``, which must ask the same."""

    iterator = _SmallTableChoices
    widget = OptionsInPython

    def __init__(self, table, offered=None, offered_by=None, **kwargs):
        self.table = table
        self.offered = offered
        self.offered_by = offered_by
        super().__init__(**kwargs)


class SmallTableMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = _SmallTableChoices

    def __init__(self, table, offered=None, offered_by=None, **kwargs):
        self.table = table
        self.offered = offered
        self.offered_by = offered_by
        super().__init__(**kwargs)
