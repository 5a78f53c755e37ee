"""A changelist's rows and filters, each rendered by Django's admin once for what it shows and kept
(conduct_portal.fragments).

``{% kept_result_list cl %}`` is Django's ``{% result_list cl %}``: Django works out every cell of every row on every
page, at fifty rows of ten columns most of a list page's time. The model admin names what a row shows
(``row_shown(obj)``); the rest of the key is what the page adds to each row (its columns, which of them are links,
and the filters a link carries back).

``{% kept_list_filters cl %}`` is Django's ``{% admin_list_filter cl spec %}`` for each filter: each choice of each
filter is a link carrying the page's whole query (279 of them for the classes of a trust). Its key is the filter's
choices, the page's query and the day (the date filter's links); they come from the cache together.
"""

from django import template
from django.contrib.admin.templatetags.admin_list import (
    ResultList,
    admin_list_filter,
    items_for_result,
    result_headers,
    result_list,
)
from django.contrib.admin.templatetags.base import InclusionAdminNode
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from conduct_portal.fragments import rendered_once

register = template.Library()


def kept_result_list(cl):
    if cl.formset or not hasattr(cl.model_admin, "row_shown"):  # rows with forms in them: as Django renders them
        return result_list(cl)
    page = (tuple(map(str, cl.list_display)), cl.list_display_links, cl.preserved_filters, cl.is_popup, cl.to_field)
    rows = rendered_once(
        f"admin-row:{cl.opts.label}",
        cl.result_list,
        lambda obj: (page, cl.model_admin.row_shown(obj)),
        lambda obj: "".join(items_for_result(cl, obj, None)),
    )
    headers = list(result_headers(cl))
    return {
        "cl": cl,
        "result_hidden_fields": [],
        "result_headers": headers,
        "num_sorted_fields": sum(1 for header in headers if header["sortable"] and header["sorted"]),
        "results": [ResultList(None, [row]) for row in rows],
    }


@register.tag(name="kept_result_list")
def kept_result_list_tag(parser, token):
    return InclusionAdminNode(
        parser, token, func=kept_result_list, template_name="change_list_results.html", takes_context=False
    )


@register.simple_tag
def kept_list_filters(cl):
    """Every filter of the page, as ``{% for spec in cl.filter_specs %}{% admin_list_filter cl spec %}{% endfor %}``."""
    if cl.add_facets:  # each choice with its count of rows: asked afresh
        return mark_safe("".join(admin_list_filter(cl, spec) for spec in cl.filter_specs))  # noqa: S308
    page = (sorted(cl.params.items()), timezone.localdate())
    shown = [
        (type(spec).__qualname__, getattr(spec, "field_path", None), _plain(spec.title),
         _plain(getattr(spec, "lookup_choices", None)), _plain(getattr(spec, "links", None)), page)
        for spec in cl.filter_specs
    ]  # fmt: skip
    html = rendered_once("admin-filter", range(len(shown)), shown.__getitem__,
                         lambda index: admin_list_filter(cl, cl.filter_specs[index]))  # fmt: skip
    return mark_safe("".join(html))  # noqa: S308 - each is a rendered template


def _plain(value):
    """``value`` with every lazy translation made a string (a key must not hold an object's address)."""
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, dict):
        return tuple(sorted((key, _plain(item)) for key, item in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_plain(item) for item in value)
    return value


@register.simple_tag
def django_says(message):
    """One of Django's own admin messages, translated by Django's catalogues (not one of the portal's)."""
    return gettext(message)
