"""Widgets written in Python where Django's templates for them cost a page too much."""

from html import escape

from django import forms
from django.utils.safestring import SafeData, mark_safe


class OptionsInPython(forms.Select):
    """A select written in Python: Django renders each option through a template of its own, which for a trust's
    few hundred classes or staff costs a page about ten milliseconds. The same HTML, for choices without groups."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        options = []
        for option_value, label in self.choices:
            option_value = "" if option_value is None else str(option_value)
            selected = " selected" if option_value in chosen else ""
            label = label if isinstance(label, SafeData) else escape(str(label))
            options.append(f'<option value="{escape(option_value)}"{selected}>{label}</option>')
        attributes = "".join(
            f" {attribute}" if setting is True else f' {attribute}="{escape(str(setting))}"'
            for attribute, setting in self.build_attrs(self.attrs, attrs).items()
            if setting is not False and setting is not None
        )
        return mark_safe(f'<select name="{escape(name)}"{attributes}>{"".join(options)}</select>')  # noqa: S308
