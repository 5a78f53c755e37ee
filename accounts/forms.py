from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from .models import User, UserManager


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Please enter a correct email address and password. Both are case-sensitive."),
        "inactive": _("This account has been switched off by the school. Please contact the school office."),
        "unconfirmed": _(
            "Please confirm your email address first, with the link we emailed you when you signed up. "
            "Lost it? Use “Forgotten your password?” below: that confirms your address too."
        ),
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not user.is_email_confirmed:
            raise forms.ValidationError(self.error_messages["unconfirmed"], code="unconfirmed")


# Lazy: the rules are written in the reader's language, not the one in force when this module loaded.
PASSWORD_HELP = lazy(password_validation.password_validators_help_text_html, str)()


class SignupForm(forms.Form):
    full_name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(label=_("Email address"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=PASSWORD_HELP,
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_email(self):
        return UserManager.normalize_email(self.cleaned_data["email"])

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords do not match."))
        elif password1:
            candidate = User(email=cleaned.get("email", ""), full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(password1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class ConfirmEmailForm(forms.Form):
    """Confirming an address asks for the password chosen at sign-up, so only the person who chose it can."""

    password = forms.CharField(
        label=_("The password you chose when you signed up"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )


class PasswordResetForm(DjangoPasswordResetForm):
    """Django's form, which also reaches accounts with no password yet (made by the directory import or by staff).

    A switched-off account gets nothing: it stays off until a superuser turns it on.
    """

    def get_users(self, email):
        return User.objects.filter(email__iexact=UserManager.normalize_email(email), is_active=True)


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        help_text=_("The six digits your authenticator app shows now, or one of your recovery codes."),
    )


class NameForm(forms.Form):
    full_name = forms.CharField(label=_("Your name"), max_length=150)


class EmailChangeForm(forms.Form):
    email = forms.EmailField(
        label=_("New email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("We will send a link to the new address; the change is made when you open it."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_email(self):
        email = UserManager.normalize_email(self.cleaned_data["email"])
        if email == self.user.email:
            raise forms.ValidationError(_("That is already your email address."))
        return email


class EmailPreferencesForm(forms.Form):
    wants_deadline_reminders = forms.BooleanField(
        label=_("Email me the day before a deadline on a report I hold"), required=False
    )


class CloseAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password, to confirm"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        if not self.user.check_password(self.cleaned_data["password"]):
            raise forms.ValidationError(_("That is not your password."))
        return self.cleaned_data["password"]
