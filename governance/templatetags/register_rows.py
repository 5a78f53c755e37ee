"""The register's rows, each rendered once for what it shows and kept (conduct_portal.fragments)."""

from django import template

from conduct_portal.fragments import rendered_rows

register = template.Library()


@register.simple_tag
def register_rows(rows):
    """``rows``: governance.register.row's dicts, every value of which the row shows."""
    return rendered_rows("governance/_register_row.html", rows, lambda row: tuple(row.items()), {}, name="row")
