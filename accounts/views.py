from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from conduct_portal.limits import over_limit
from notifications.emails import absolute_url

from . import two_factor
from .forms import ConfirmEmailForm, PasswordResetForm, SignupForm, TokenForm
from .models import User
from .services import sign_up_parent
from .throttling import lift_pause
from .tokens import email_confirmation_token


@sensitive_post_parameters("password1", "password2")
def signup(request):
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not _over_limit(request, form, "signup"):
        sign_up_parent(
            full_name=form.cleaned_data["full_name"],
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
        )
        return render(request, "registration/signup_done.html", {"email": form.cleaned_data["email"]})
    return render(request, "registration/signup.html", {"form": form})


def _user_from_link(uidb64):
    try:
        return User.objects.get(pk=int(urlsafe_base64_decode(uidb64)))
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        return None


@sensitive_post_parameters("password")
def activate(request, uidb64, token):
    """Confirm an address with the emailed link and the password chosen at sign-up; then log in."""
    user = _user_from_link(uidb64)
    if user is None or user.is_email_confirmed or not email_confirmation_token.check_token(user, token):
        return render(request, "registration/activation_invalid.html", status=400)
    form = ConfirmEmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if authenticate(request, username=user.email, password=form.cleaned_data["password"]) == user:
            user.confirm_email()
            user.save(update_fields=["email_confirmed_at"])
            login(request, user, backend="accounts.backends.EmailBackend")
            messages.success(request, _("Your email address is confirmed and you are logged in. Welcome."))
            return redirect("home")
        form.add_error("password", _("That is not the password chosen for this account."))
    return render(request, "registration/activate.html", {"form": form, "email": user.email})


def _over_limit(request, form, group):
    """True, with a message on the form (which keeps what was typed), once an address or account tried too often."""
    if not over_limit(request, group, form.cleaned_data.get("email", "")):
        return False
    form.add_error(None, _("This has been tried many times in a short while. Please wait an hour and try again."))
    return True


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm

    def form_valid(self, form):
        if _over_limit(self.request, form, "password-reset"):
            return self.form_invalid(form)
        return super().form_valid(form)

    subject_template_name = "emails/password-reset-subject.txt"
    email_template_name = "emails/password-reset-body-text.txt"
    html_email_template_name = "emails/password-reset-body-html.html"

    @property
    def extra_email_context(self):
        return {"SCHOOL_NAME": settings.SCHOOL_NAME, "PRIVACY_URL": absolute_url(reverse("privacy"))}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Choosing a password from an emailed link also proves the address, and lifts a login pause."""

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.user
        user.confirm_email()
        user.save(update_fields=["email_confirmed_at"])
        lift_pause(user.email)
        return response


# --- two-factor sign-in ------------------------------------------------------------------------


def _next_url(request):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return url
    return "/"


@login_required
@permission_required("accounts.use_two_factor", raise_exception=True)
def two_factor_settings(request):
    """Turn two-factor sign-in on (scan, then type a code), see that it is on, or turn it off."""
    if two_factor.is_on(request.user):
        return render(
            request,
            "registration/two_factor_on.html",
            {"required": two_factor.is_required(request.user)},
        )
    device = two_factor.unconfirmed_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.confirm(request, device, form.cleaned_data["token"])
        if codes:
            return render(request, "registration/two_factor_codes.html", {"codes": codes, "next": _next_url(request)})
        form.add_error(
            "token", _("That code is not the one your app shows now. Check the time on your phone and try again.")
        )
    return render(
        request,
        "registration/two_factor_setup.html",
        {
            "form": form,
            "qr_code": two_factor.qr_code_data_uri(device),
            "secret": two_factor.secret_for_typing(device),
            "required": two_factor.is_required(request.user),
            "next": _next_url(request),
        },
    )


@login_required
def two_factor_verify(request):
    """After the password: the second step, with the app's code or a recovery code."""
    if two_factor.pending_step(request) != two_factor.VERIFY:
        return redirect(_next_url(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.verify(request, form.cleaned_data["token"]):
            return redirect(_next_url(request))
        form.add_error("token", _("That code is not right, or has been used. Try the code your app shows now."))
    return render(request, "registration/two_factor_verify.html", {"form": form, "next": _next_url(request)})


@login_required
@require_POST
def two_factor_off(request):
    if two_factor.is_required(request.user):
        messages.error(request, _("The school requires two-factor sign-in for staff: it cannot be turned off."))
    else:
        two_factor.turn_off(request.user)
        messages.success(request, _("Two-factor sign-in is off. You log in with your password alone."))
    return redirect("accounts-two-factor")
