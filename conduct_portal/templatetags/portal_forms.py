"""What the error summary needs of a form: each message, and the field it links to; and empty forms kept."""

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form
from django import template

from conduct_portal.fragments import rendered_form

register = template.Library()


@register.filter
def crispy_kept(form):
    """``form|crispy``, kept in the cache while the form is empty and shows the same (conduct_portal.fragments)."""
    return rendered_form(form, as_crispy_form)


@register.filter
def error_anchor(field):
    """The id of the control the summary's link moves to: the field, or the first of its radios or boxes."""
    return field.id_for_label or f"{field.auto_id}_0"
