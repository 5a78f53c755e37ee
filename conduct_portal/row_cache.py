"""Rows of long lists rendered once for what they show, and kept in the cache.

A row's key is made of every value the row shows (``values(obj)``) and the language, so a row is never
stale and nothing has to forget it: when anything it shows changes, its key changes, and the old entry
expires unread. A page's rows are fetched with one ``get_many``; those not there are rendered and stored with
one ``set_many``. With the cache down, every row is rendered.
"""

import hashlib
import logging

from django.core.cache import cache
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

ROW_SECONDS = 24 * 3600


def rendered_rows(template_name, objects, values, context, name="object"):
    """Each of ``objects`` rendered by ``template_name`` with ``context`` and the object as ``name``, as HTML."""
    template = get_template(template_name)
    language = get_language()
    keyed = [(_key(template_name, language, values(obj)), obj) for obj in objects]
    try:
        found = cache.get_many([key for key, _obj in keyed])
    except Exception:  # noqa: BLE001 - the cache (Redis) is down: render every row
        logger.warning("The cache is unavailable; rows of %s rendered afresh", template_name, exc_info=True)
        found = {}
    made = {key: template.render({**context, name: obj}) for key, obj in keyed if key not in found}
    if made:
        try:
            cache.set_many(made, ROW_SECONDS)
        except Exception:  # noqa: BLE001 - the cache is down: the rows are rendered again next time
            logger.warning("The cache is unavailable; rows of %s not kept", template_name, exc_info=True)
    return [mark_safe(found[key] if key in found else made[key]) for key, _obj in keyed]  # noqa: S308


def _key(template_name, language, values):
    digest = hashlib.blake2b(repr(values).encode(), digest_size=16).hexdigest()
    return f"row:{template_name}:{language}:{digest}"
