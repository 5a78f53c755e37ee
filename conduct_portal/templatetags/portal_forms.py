"""What the error summary needs of a form: each message, and the field it links to."""

from django import template

register = template.Library()


@register.filter
def error_anchor(field):
    """The id of the control the summary's link moves to: the field, or the first of its radios or boxes."""
    return field.id_for_label or f"{field.auto_id}_0"
