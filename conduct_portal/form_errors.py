"""Error messages that say what to do, in the portal's own words, in every form (the GOV.UK way).

Django's defaults ("This field is required.", "Ensure this value has at most 10000 characters (it has
10003).") never reach a person: ``install()`` (called once, by the app's ready()) replaces them with
plain messages of our own, marked for translation. A form that knows better gives a field its own
message ("Describe what happened"), which wins over these.
"""

from django import forms
from django.core import validators
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

REQUIRED = _("Answer this question: it is needed.")
CHOOSE_ONE = _("Choose one of the options given.")
CHOOSE_FROM_LIST = _("Choose from the options given.")
REAL_DATE = _("Enter a real date, for example 27 11 2026.")
WHOLE_NUMBER = _("Enter a whole number, like 12.")
EMAIL = _("Enter an email address in the right form, like name@example.org.")
WEB_ADDRESS = _("Enter a web address starting with http:// or https://.")
TOO_LONG = ngettext_lazy(
    "Write at most %(limit_value)d character: this has %(show_value)d.",
    "Write at most %(limit_value)d characters: this has %(show_value)d.",
    "limit_value",
)
TOO_SHORT = ngettext_lazy(
    "Write at least %(limit_value)d character: this has %(show_value)d.",
    "Write at least %(limit_value)d characters: this has %(show_value)d.",
    "limit_value",
)


def install():
    forms.Field.default_error_messages["required"] = REQUIRED
    forms.ChoiceField.default_error_messages["invalid_choice"] = CHOOSE_ONE
    forms.MultipleChoiceField.default_error_messages.update(
        invalid_choice=CHOOSE_FROM_LIST, invalid_list=CHOOSE_FROM_LIST
    )
    forms.ModelChoiceField.default_error_messages["invalid_choice"] = CHOOSE_ONE
    forms.ModelMultipleChoiceField.default_error_messages.update(
        invalid_list=CHOOSE_FROM_LIST, invalid_choice=CHOOSE_FROM_LIST, invalid_pk_value=CHOOSE_FROM_LIST
    )
    forms.DateField.default_error_messages["invalid"] = REAL_DATE
    forms.IntegerField.default_error_messages["invalid"] = WHOLE_NUMBER
    forms.FileField.default_error_messages.update(
        invalid=_("Choose a file from your device."),
        missing=_("Choose a file from your device."),
        empty=_("The file chosen is empty: choose another."),
        max_length=_("The file's name is too long: rename it and choose it again."),
        contradiction=_("Either choose a file or tick the box to remove it, not both."),
    )
    validators.MaxLengthValidator.message = TOO_LONG
    validators.MinLengthValidator.message = TOO_SHORT
    validators.EmailValidator.message = EMAIL
    validators.URLValidator.message = WEB_ADDRESS
    forms.EmailField.default_validators = [validators.EmailValidator(message=EMAIL)]
