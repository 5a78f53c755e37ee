"""Fragments of pages rendered once for what they show, and kept in the cache: rows of long lists, empty forms.

A fragment's key is made of every value it shows and the language, so it is never stale and nothing has to
forget it: when anything it shows changes, its key changes, and the old entry expires unread. With the cache
down, every fragment is rendered.
"""

import hashlib
import logging

from django.core.cache import cache
from django.forms import ModelChoiceField
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

KEPT_SECONDS = 24 * 3600


def rendered_rows(template_name, objects, values, context, name="object"):
    """``objects`` rendered one after another by ``template_name``, with ``context`` and each object as ``name``,
    as one piece of HTML. ``values(obj)`` is every value a row shows."""
    template = get_template(template_name)
    rows = rendered_once(template_name, objects, values, lambda obj: template.render({**context, name: obj}))
    return mark_safe("".join(rows))  # noqa: S308 - each row is a rendered template


def rendered_once(kind, objects, values, render):
    """``render(obj)`` for each of ``objects``, kept under a key of ``kind``, the language and ``values(obj)``
    (every value its HTML shows; None: rendered each time, never kept). A page's fragments are fetched with one
    ``get_many``; those not there are rendered and stored with one ``set_many``."""
    language = get_language()
    keyed = []
    for obj in objects:
        shown = values(obj)
        keyed.append((None if shown is None else _key(kind, language, shown), obj))
    try:
        found = cache.get_many([key for key, _obj in keyed if key])
    except Exception:  # noqa: BLE001 - the cache (Redis) is down: render every fragment
        logger.warning("The cache is unavailable; fragments of %s rendered afresh", kind, exc_info=True)
        found = {}
    made = {key: str(render(obj)) for key, obj in keyed if key and key not in found}
    if made:
        try:
            cache.set_many(made, KEPT_SECONDS)
        except Exception:  # noqa: BLE001 - the cache is down: they are rendered again next time
            logger.warning("The cache is unavailable; fragments of %s not kept", kind, exc_info=True)
    return [
        mark_safe(str(render(obj)) if key is None else found[key] if key in found else made[key])  # noqa: S308
        for key, obj in keyed
    ]


def rendered_forms(forms, render):
    """``render(form)`` for each of ``forms``, an empty one kept under a key of each field's label, help, value,
    requirement, widget and choices. A form sent back is rendered each time, as is one with choices read from the
    database each time (those from conduct_portal.small_tables are in memory)."""
    return rendered_once("form", forms, what_form_shows, render)


def what_form_shows(form):
    """Everything an empty form shows, or None for one rendered each time."""
    if form.is_bound:
        return None
    shown = [type(form).__name__, form.prefix]
    for bound in form:
        field = bound.field
        if hasattr(field, "table"):  # a small table's rows: its token says when any changed
            choices = field.iterator(field).fingerprint()
            if choices is None:  # the cache is down
                return None
        elif _choices_from_the_database(field):
            return None
        else:
            choices = [(str(value), str(label)) for value, label in getattr(field, "choices", ())]
        shown.append((bound.name, str(bound.label), str(bound.help_text), bound.value(), field.required,
                      type(field.widget).__name__, field.widget.attrs, choices))  # fmt: skip
    return shown


def _choices_from_the_database(field):
    return isinstance(field, ModelChoiceField) and not hasattr(field, "table")


def _key(kind, language, values):
    digest = hashlib.blake2b(repr(values).encode(), digest_size=16).hexdigest()
    return f"fragment:{kind}:{language}:{digest}"
