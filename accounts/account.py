"""A person's own account page (/account/): details, email address, emails, their data, closing the account."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from notifications.emails import absolute_url, make_message
from privacy.erasure import close_account, may_close
from privacy.export import file_name, subject_access_zip

from . import two_factor
from .forms import CloseAccountForm, EmailChangeForm, EmailPreferencesForm, NameForm
from .models import User

EMAIL_CHANGE_SALT = "accounts.email-change"
EMAIL_CHANGE_DAYS = 3


def _page(request, **forms):
    user = request.user
    context = {
        "name_form": forms.get("name_form") or NameForm(initial={"full_name": user.full_name}),
        "email_form": forms.get("email_form") or EmailChangeForm(user=user),
        "preferences_form": forms.get("preferences_form")
        or EmailPreferencesForm(initial={"wants_deadline_reminders": user.wants_deadline_reminders}),
        "close_form": forms.get("close_form") or CloseAccountForm(user=user),
        "has_optional_emails": request.user.has_perm("reports.view_queue"),
        "two_factor_on": two_factor.is_on(user),
        "may_close": may_close(user),
        "form": next((form for form in forms.values() if form is not None and form.errors), None),
    }
    return render(request, "account/account.html", context)


@login_required
@never_cache
def account(request):
    return _page(request)


@login_required
@require_POST
def change_name(request):
    form = NameForm(request.POST)
    if not form.is_valid():
        return _page(request, name_form=form)
    request.user.full_name = form.cleaned_data["full_name"]
    request.user.save(update_fields=["full_name"])
    messages.success(request, _("Your name is saved."))
    return redirect("account")


@login_required
@require_POST
def change_email(request):
    """Send a link to the new address; nothing changes until it is opened there."""
    form = EmailChangeForm(request.POST, user=request.user)
    if not form.is_valid():
        return _page(request, email_form=form)
    new_email = form.cleaned_data["email"]
    token = signing.dumps(
        {"user": request.user.pk, "from": request.user.email, "to": new_email}, salt=EMAIL_CHANGE_SALT
    )
    link = absolute_url(reverse("account-confirm-email", kwargs={"token": token}))
    make_message("email-change-confirm", new_email, {"user": request.user, "confirm_url": link}).send()
    messages.success(
        request, _("We have sent a link to %(email)s. Open it to finish the change.") % {"email": new_email}
    )
    return redirect("account")


@login_required
def confirm_email_change(request, token):
    try:
        change = signing.loads(token, salt=EMAIL_CHANGE_SALT, max_age=EMAIL_CHANGE_DAYS * 24 * 3600)
    except signing.BadSignature:
        return render(request, "registration/activation_invalid.html", status=400)
    user = request.user
    if change["user"] != user.pk or change["from"] != user.email:
        return render(request, "registration/activation_invalid.html", status=400)
    if User.objects.filter(email__iexact=change["to"]).exclude(pk=user.pk).exists():
        messages.error(request, _("Another account already uses that address, so it was not changed."))
        return redirect("account")
    with transaction.atomic():
        user.email = change["to"]
        user.confirm_email()
        user.save(update_fields=["email", "email_confirmed_at"])
    make_message(
        "account-email-changed", change["from"], {"user": user, "old_email": change["from"], "by": user}
    ).send()
    messages.success(request, _("Your email address is now %(email)s.") % {"email": user.email})
    return redirect("account")


@login_required
@require_POST
def change_preferences(request):
    form = EmailPreferencesForm(request.POST)
    form.is_valid()
    request.user.wants_deadline_reminders = form.cleaned_data.get("wants_deadline_reminders", False)
    request.user.save(update_fields=["wants_deadline_reminders"])
    messages.success(request, _("Your email choices are saved."))
    return redirect("account")


@login_required
@require_POST
def download_data(request):
    """Everything the portal holds about the person, as a ZIP; the request is recorded."""
    data = subject_access_zip(request.user, requested_by=request.user)
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{file_name(request.user)}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
@sensitive_post_parameters("password")
def close(request):
    if not may_close(request.user):
        messages.error(request, _("A member of staff's account is closed by the school. Please ask the school office."))
        return redirect("account")
    form = CloseAccountForm(request.POST, user=request.user)
    if not form.is_valid():
        return _page(request, close_form=form)
    close_account(request.user)
    logout(request)
    return render(request, "account/closed.html")
