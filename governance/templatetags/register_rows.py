"""The register's rows, each rendered once for what it shows and kept (conduct_portal.fragments)."""

from django import template
from django.utils.safestring import mark_safe

from conduct_portal.fragments import rendered_rows

register = template.Library()


@register.simple_tag
def register_rows(rows):
    """``rows``: governance.register.row's dicts, every value of which the row shows."""
    html = rendered_rows("governance/_register_row.html", rows, lambda row: tuple(row.items()), {}, name="row")
    return mark_safe("".join(html))  # noqa: S308 - each row is a rendered template
