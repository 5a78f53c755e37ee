"""A date a person remembers, asked the GOV.UK way: three boxes, Day, Month and Year.

A browser's own date picker lays out its parts in the order of the device's language, which may
not be the reader's, and is hard to use with a screen reader; three labelled boxes are neither.
"""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _


class DatePartsWidget(forms.MultiWidget):
    template_name = "widgets/date_parts.html"
    use_fieldset = True
    PARTS = (("day", _("Day"), 2), ("month", _("Month"), 2), ("year", _("Year"), 4))

    def __init__(self, attrs=None):
        boxes = [
            forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "maxlength": width})
            for _name, _label, width in self.PARTS
        ]
        super().__init__(boxes, attrs)
        self.widgets_names = [f"_{name}" for name, _label, _width in self.PARTS]

    def decompress(self, value):
        return [value.day, value.month, value.year] if value else [None, None, None]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subwidget, (_name, label, width) in zip(context["widget"]["subwidgets"], self.PARTS, strict=True):
            subwidget["label"], subwidget["width"] = label, width
        return context


class DatePartsField(forms.MultiValueField):
    widget = DatePartsWidget
    default_error_messages = {
        "invalid": _("Enter a real date, for example 27 11 2026."),
        "incomplete": _("Enter the day, the month and the year."),
    }

    def __init__(self, **kwargs):
        error_messages = kwargs.pop("error_messages", {})
        fields = (forms.CharField(), forms.CharField(), forms.CharField())
        super().__init__(fields, require_all_fields=False, error_messages=error_messages, **kwargs)

    def compress(self, parts):
        if not parts or not any(parts):
            return None
        if not all(parts):
            raise forms.ValidationError(self.error_messages["incomplete"], code="incomplete")
        try:
            day, month, year = (int(str(part).strip()) for part in parts)
            if year < 1000:
                raise ValueError
            return datetime.date(year, month, day)
        except (TypeError, ValueError, OverflowError):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
